package dev.lstmtuner.analysis;

import dev.lstmtuner.stats.DieboldMariano;


import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Simulated campaigns (error series, not trained models): persistence's error e ~ N(0, 1) on 2,000 test bars; a
 * trial forecasts persistence plus an adjustment, so its error is (1 − β)·e + s·z with its own noise z. Equal
 * accuracy, (1 − β)² + s² = 1, is the hardest null (every trial exactly as good as persistence); the planted trial
 * has (1 − β)² + s² = 0.97: an MSE 3 % below persistence. A campaign "claims a win" when Hansen's SPA test says
 * so or any per-trial verdict (Holm, gated by the SPA test) says "beats persistence"; the table also shows Holm
 * alone, SPA or Holm ungated, and the raw per-trial test the table used to paint green.
 */
class CampaignVerdictSimulationTest {
    private static final int CAMPAIGNS = 200, TRIALS = 40, BARS = 2000;

    @Test
    void equallyGoodTrialsRarelyClaimAWinAndAPlantedThreePercentGainIsFound() {
        double nullSpa = 0, nullHolm = 0, nullAny = 0, nullClaim = 0, nullRaw = 0;
        double hitSpa = 0, hitHolm = 0;
        SplittableRandom rng = new SplittableRandom(2024);
        for (int c = 0; c < CAMPAIGNS; c++) {
            Outcome o = campaign(rng, 0.1, false);
            nullSpa += o.spa ? 1 : 0;
            nullHolm += o.holm ? 1 : 0;
            nullAny += o.spa || o.holm ? 1 : 0;
            nullClaim += o.spa || o.gated ? 1 : 0;
            nullRaw += o.raw ? 1 : 0;
            Outcome planted = campaign(rng, 0.1, true);
            hitSpa += planted.spa ? 1 : 0;
            hitHolm += planted.holm ? 1 : 0;
        }
        System.out.printf("campaign-wide verdicts, %d campaigns of %d trials over %d test bars (noise s = 0.1):%n",
                CAMPAIGNS, TRIALS, BARS);
        System.out.printf("  %-46s %7s %6s %13s %6s%n", "", "claims", "SPA", "Holm ungated", "raw");
        System.out.printf("  %-46s %6.1f%% %5.1f%% %12.1f%% %5.1f%%%n", "equal accuracy: share claiming a win",
                100 * nullClaim / CAMPAIGNS, 100 * nullSpa / CAMPAIGNS, 100 * nullHolm / CAMPAIGNS, 100 * nullRaw / CAMPAIGNS);
        System.out.printf("  %-46s %6.1f%% %5.1f%% %12.1f%%%n", "one trial 3 % lower MSE: share detecting it",
                100 * hitSpa / CAMPAIGNS, 100 * hitSpa / CAMPAIGNS, 100 * hitHolm / CAMPAIGNS);
        System.out.printf("  (SPA or ungated Holm would claim in %.1f %% of the equal-accuracy campaigns)%n",
                100 * nullAny / CAMPAIGNS);
        assertThat(nullClaim / CAMPAIGNS).isLessThanOrEqualTo(0.07);
        assertThat(hitSpa / CAMPAIGNS).isGreaterThanOrEqualTo(0.80);
        // the uncorrected per-trial test, which the table used to paint green, claims far more often
        assertThat(nullRaw / CAMPAIGNS).isGreaterThan(0.3);
    }

    private record Outcome(boolean spa, boolean holm, boolean gated, boolean raw) {
    }

    private static Outcome campaign(SplittableRandom rng, double s, boolean planted) {
        List<String> time = new ArrayList<>();
        for (int t = 0; t < BARS; t++) time.add(Integer.toString(t));
        double[] persistenceError = new double[BARS], last = new double[BARS], actual = new double[BARS];
        for (int t = 0; t < BARS; t++) {
            persistenceError[t] = gaussian(rng);
            last[t] = 100;
            actual[t] = last[t] - persistenceError[t];
        }
        List<TestForecast> forecasts = new ArrayList<>();
        List<TrialVerdicts.Raw> raw = new ArrayList<>();
        boolean anyRaw = false;
        for (int k = 0; k < TRIALS; k++) {
            double mse = planted && k == 0 ? 0.97 : 1.0;
            double a = Math.sqrt(mse - s * s); // 1 − β
            double[] predicted = new double[BARS], e = new double[BARS];
            for (int t = 0; t < BARS; t++) {
                e[t] = a * persistenceError[t] + s * gaussian(rng);
                predicted[t] = actual[t] + e[t];
            }
            forecasts.add(new TestForecast(k + 1, 1, new Predictions(time, last, predicted, actual)));
            double sm = 0, sp = 0;
            for (int t = 0; t < BARS; t++) {
                sm += e[t] * e[t];
                sp += persistenceError[t] * persistenceError[t];
            }
            double skill = 1 - Math.sqrt(sm / sp);
            double p = DieboldMariano.test(e, persistenceError, 1, "the model", "persistence").pValue();
            raw.add(new TrialVerdicts.Raw(k + 1, skill, p));
            anyRaw |= Verdict.of(Verdict.Baseline.PERSISTENCE, skill, p).kind() == Verdict.Kind.BEATS;
        }
        boolean spa = CampaignVerdict.of(forecasts).beats();
        boolean holm = TrialVerdicts.correct(raw, null).values().stream().anyMatch(TrialVerdicts.TrialVerdict::beats);
        boolean gated = TrialVerdicts.correct(raw, spa).values().stream().anyMatch(TrialVerdicts.TrialVerdict::beats);
        return new Outcome(spa, holm, gated, anyRaw);
    }

    static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble(), w = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
    }
}
