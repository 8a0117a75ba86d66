package dev.lstmtuner.search;

import dev.lstmtuner.cli.Main;
import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.search.plan.AbPlan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A bad plan is refused before anything is stored, naming the key and what to do. */
class AbPlanValidationTest {
    @TempDir
    Path dir;

    private static final String VARIANTS = "\"variants\": {\"bigger model\": {\"units\": [256, 128, 64]}}";

    private static Experiment parse(String plan, String more) {
        return ExperimentLoader.parse("{\"name\": \"ab\", \"config\": {\"model\": \"linear\"}, \"plan\": " + plan
                + (more.isEmpty() ? "" : ", " + more) + "}", "ab.json", null);
    }

    @Test
    void aGoodPlanHasItsArmsSeedsAndABudgetOfArmsTimesSeeds() {
        Experiment e = parse("{\"baseline\": {\"dropout\": 0.1}, " + VARIANTS + ", \"seeds\": 4}", "");
        AbPlan p = e.plan();
        assertThat(p.arms()).extracting(AbPlan.Arm::name).containsExactly("baseline", "bigger model");
        assertThat(p.arms().get(1).overrides()).containsEntry("dropout", 0.1).containsKey("units");
        assertThat(p.arms().get(1).change()).containsOnlyKeys("units");
        assertThat(e.budget().maxTrials()).isEqualTo(8);
        assertThat(e.pruner()).isEqualTo("none");
        assertThat(e.space().dimensions()).isZero();
        // what the campaign stores reads back as the same plan
        Experiment again = ExperimentLoader.parse(ExperimentLoader.resolvedJson(e), "stored", null);
        assertThat(again.plan()).isEqualTo(p);
    }

    @Test
    void anUnknownPlanKeyIsNamed() {
        assertThatThrownBy(() -> parse("{" + VARIANTS + ", \"seeds\": 3, \"repeats\": 2}", ""))
                .isInstanceOf(BadInputException.class).hasMessageContaining("ab.json").hasMessageContaining("\"repeats\"")
                .hasMessageContaining("allowed: baseline, variants, seeds");
    }

    @Test
    void aVariantKeyThatIsNoRunConfigKeyIsNamed() {
        assertThatThrownBy(() -> parse("{\"variants\": {\"wider\": {\"neurons\": 256}}, \"seeds\": 3}", ""))
                .isInstanceOf(BadInputException.class).hasMessageContaining("plan.variants.wider")
                .hasMessageContaining("\"neurons\" is not a run-config key");
        assertThatThrownBy(() -> parse("{\"baseline\": {\"lr\": 0.1}, " + VARIANTS + ", \"seeds\": 3}", ""))
                .isInstanceOf(BadInputException.class).hasMessageContaining("plan.baseline").hasMessageContaining("\"lr\"");
    }

    @Test
    void fewerThanTwoSeedsAreRefused() {
        for (String seeds : new String[]{"1", "0", "2.5", "\"3\""}) {
            assertThatThrownBy(() -> parse("{" + VARIANTS + ", \"seeds\": " + seeds + "}", ""))
                    .as(seeds).isInstanceOf(BadInputException.class).hasMessageContaining("plan.seeds")
                    .hasMessageContaining("at least 2 seeds");
        }
        assertThatThrownBy(() -> parse("{" + VARIANTS + "}", "")).hasMessageContaining("plan.seeds");
    }

    @Test
    void aPlanHasNoSpaceSamplerPrunerConfirmationOrTrialBudget() {
        String plan = "{" + VARIANTS + ", \"seeds\": 2}";
        String[][] cases = {
                {"\"space\": {\"params\": {\"dropout\": {\"type\": \"float\", \"low\": 0, \"high\": 0.5}}}", "\"space\""},
                {"\"sampler\": \"tpe\"", "\"sampler\""}, {"\"pruner\": \"asha\"", "\"pruner\""},
                {"\"confirm\": {\"top_k\": 1}", "\"confirm\""}, {"\"budget\": {\"max_trials\": 3}", "\"budget.max_trials\""}};
        for (String[] c : cases) {
            assertThatThrownBy(() -> parse(plan, c[0])).as(c[0]).isInstanceOf(BadInputException.class)
                    .hasMessageContaining(c[1] + " cannot be given with \"plan\"");
        }
        assertThat(parse(plan, "\"budget\": {\"max_minutes\": 5}").budget().maxMinutes()).isEqualTo(5.0);
    }

    @Test
    void armsThatAreTheSameConfigOrSetTheSeedAreRefused() {
        assertThatThrownBy(() -> parse("{\"baseline\": {\"dropout\": 0.3}, \"variants\": {\"same\": {\"dropout\": 0.3}},"
                + " \"seeds\": 2}", "")).hasMessageContaining("arm \"same\" is the same config as arm \"baseline\"");
        assertThatThrownBy(() -> parse("{\"variants\": {\"lucky\": {\"seed\": 7}}, \"seeds\": 2}", ""))
                .hasMessageContaining("\"seed\" is the plan's");
        assertThatThrownBy(() -> parse("{\"variants\": {\"x\": {\"dropout\": 2.0}}, \"seeds\": 2}", ""))
                .hasMessageContaining("arm \"x\"").hasMessageContaining("dropout");
    }

    @Test
    void searchRefusesABadPlanWithExitTwoAndStoresNothing() throws Exception {
        Path exp = Files.writeString(dir.resolve("bad.json"),
                "{\"name\": \"bad\", \"plan\": {\"variants\": {\"x\": {\"units\": [8]}}, \"seeds\": 1}}");
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "search", "--experiment",
                exp.toString(), "--store", dir.resolve("store").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("bad.json").contains("plan.seeds");
        assertThat(dir.resolve("store.mv.db")).doesNotExist();
    }
}
