package dev.lstmtuner.cli;

import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.result.EpochListener;
import dev.lstmtuner.train.ModelBundle;
import dev.lstmtuner.train.TrialRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A model folder edited by someone else, manifest recomputed: predict refuses it before anything is deserialized. */
class TamperedModelTest {
    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    static Path model;

    @BeforeAll
    static void saveATinyModel() {
        RunConfig config = ConfigLoader.withOverrides(RunConfig.DEFAULTS, Map.of("max_rows", 1200,
                "features", List.of("log_return_1", "hl_range"), "time_steps", 8, "units", List.of(4),
                "dense_units", 0, "dropout", 0.0, "max_epochs", 1, "patience", 0), "test");
        TrialRunner.Outcome o = TrialRunner.run(config, TrialRunner.prepare(config),
                m -> EpochListener.Verdict.CONTINUE, (e, b, n, t) -> { });
        model = shared.resolve("model");
        ModelBundle.writeModel(model, o.network(), o.prepared().dataset(), config);
    }

    /** An object stream whose only object is of class {@code cls} (which need not exist): what a gadget file holds. */
    static byte[] objectStreamNaming(String cls) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeShort(0xACED);
        d.writeShort(5);
        d.writeByte(0x73); // TC_OBJECT
        d.writeByte(0x72); // TC_CLASSDESC
        d.writeUTF(cls);
        d.writeLong(1L);
        d.writeByte(0x02); // SC_SERIALIZABLE
        d.writeShort(0);
        d.writeByte(0x78); // TC_ENDBLOCKDATA
        d.writeByte(0x70); // TC_NULL: no superclass
        d.flush();
        return b.toByteArray();
    }

    private Path copy() throws IOException {
        Path c = Files.createDirectories(dir.resolve("copy"));
        try (var files = Files.list(model)) {
            for (Path f : files.toList()) Files.copy(f, c.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        return c;
    }

    private static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) out.put(e.getName(), in.readAllBytes());
        }
        return out;
    }

    private static void writeZip(Path zip, Map<String, byte[]> entries) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
    }

    /** What an attacker who edits the folder does: recompute every checksum, so the manifest vouches for the edit. */
    private static void rewriteManifest(Path c) throws IOException {
        List<String> files = new ArrayList<>();
        for (String f : List.of(ModelBundle.MODEL, ModelBundle.PREPROCESSING, ModelBundle.CONFIG)) {
            files.add('"' + f + "\": \"" + ModelBundle.sha256(c.resolve(f)) + '"');
        }
        Files.writeString(c.resolve("manifest.json"), "{\"files\": {" + String.join(", ", files) + "}}");
    }

    @Test
    void anUntouchedModelStillPredicts() {
        TrainCommandTest.Result r = TrainCommandTest.run("predict", "--model", model.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
    }

    @Test
    void anExtraZipEntryIsRefusedByNameWithExitTwoBeforeItsClassIsLookedUp() throws IOException {
        Path c = copy();
        Map<String, byte[]> e = entries(c.resolve(ModelBundle.MODEL));
        e.put("preprocessor.bin", objectStreamNaming("evil.Gadget"));
        writeZip(c.resolve(ModelBundle.MODEL), e);
        rewriteManifest(c);

        TrainCommandTest.Result r = TrainCommandTest.run("predict", "--model", c.toString());
        assertThat(r.code()).isEqualTo(2);
        // the refusal names the entry; the class it names was never resolved (no ClassNotFoundException: evil.Gadget)
        assertThat(r.err()).contains("model.zip: holds the entry \"preprocessor.bin\"").contains("nothing was loaded")
                .doesNotContain("evil.Gadget").doesNotContain("ClassNotFoundException");
    }

    @Test
    void anyEntryAModelDoesNotNeedIsRefusedEvenAnUpdaterState() throws IOException {
        Path c = copy();
        Map<String, byte[]> e = entries(c.resolve(ModelBundle.MODEL));
        e.put("updaterState.bin", e.get("coefficients.bin"));
        writeZip(c.resolve(ModelBundle.MODEL), e);
        rewriteManifest(c);

        TrainCommandTest.Result r = TrainCommandTest.run("predict", "--model", c.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("holds the entry \"updaterState.bin\"");
    }

    @Test
    void aRepeatedEntryIsRefused() throws IOException {
        Path c = copy();
        Path zip = c.resolve(ModelBundle.MODEL);
        Map<String, byte[]> e = entries(zip);
        e.put("configuration.jsoX", e.get("configuration.json"));
        writeZip(zip, e);
        // ZipOutputStream refuses to write a name twice; a hand-made file need not: rename the copy in place
        String bytes = new String(Files.readAllBytes(zip), StandardCharsets.ISO_8859_1);
        Files.write(zip, bytes.replace("configuration.jsoX", "configuration.json").getBytes(StandardCharsets.ISO_8859_1));
        rewriteManifest(c);

        TrainCommandTest.Result r = TrainCommandTest.run("predict", "--model", c.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("holds the entry \"configuration.json\" twice");
    }

    @Test
    void aConfigurationNamingAGadgetClassIsRefusedNamingTheClass() throws IOException {
        Path c = copy();
        Map<String, byte[]> e = entries(c.resolve(ModelBundle.MODEL));
        String conf = new String(e.get("configuration.json"), StandardCharsets.UTF_8);
        assertThat(conf).contains("\"@class\"");
        String edited = conf.replaceFirst("\"@class\"\\s*:\\s*\"[^\"]+\"", "\"@class\" : \"org.apache.commons.beanutils.BeanComparator\"");
        e.put("configuration.json", edited.getBytes(StandardCharsets.UTF_8));
        writeZip(c.resolve(ModelBundle.MODEL), e);
        rewriteManifest(c);

        TrainCommandTest.Result r = TrainCommandTest.run("predict", "--model", c.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("configuration.json names the class \"org.apache.commons.beanutils.BeanComparator\"")
                .contains("nothing was loaded");
    }

    /** A stand-in for a gadget: a class on the classpath whose readObject has a side effect. */
    static final class Gadget implements Serializable {
        static volatile boolean ran;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            ran = true;
        }
    }

    @Test
    void theSerialFilterRejectsEveryClassOffTheAllowList() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(b)) {
            out.writeObject(new Gadget());
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b.toByteArray()))) {
            in.setObjectInputFilter(SerialFilter.filter());
            assertThatThrownBy(in::readObject).isInstanceOf(InvalidClassException.class).hasMessageContaining("REJECTED");
        }
        assertThat(Gadget.ran).isFalse();

        ByteArrayOutputStream s = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(s)) {
            out.writeObject("a string");
            out.writeObject(42L);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(s.toByteArray()))) {
            in.setObjectInputFilter(SerialFilter.filter());
            assertThat(in.readObject()).isEqualTo("a string");
            assertThat(in.readObject()).isEqualTo(42L);
        }
    }

    @Test
    void everyCommandRunsWithAJvmWideSerialFilterThatRejectsAGadget() throws IOException {
        Main.run("--version");
        ObjectInputFilter global = ObjectInputFilter.Config.getSerialFilter();
        assertThat(global).isNotNull();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(b)) {
            out.writeObject(new HashMap<>(Map.of("k", new Gadget())));
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b.toByteArray()))) {
            assertThatThrownBy(in::readObject).isInstanceOf(InvalidClassException.class);
        }
        assertThat(Gadget.ran).isFalse();
    }

    @Test
    void aSampledPointAsArbiterClonesItPassesTheFilter() throws Exception {
        // Arbiter's generators clone each candidate by serialization: the search must not trip over its own filter
        Map<String, Object> point = new LinkedHashMap<>(Map.of("units", new ArrayList<>(List.of(32, 16)),
                "learning_rate", 0.001, "model", "lstm", "bidirectional", true));
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(b)) {
            out.writeObject(Collections.unmodifiableMap(new HashMap<>(point)));
            out.writeObject(List.of(1, 2));
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b.toByteArray()))) {
            in.setObjectInputFilter(SerialFilter.filter());
            assertThat(in.readObject()).isEqualTo(point);
            assertThat(in.readObject()).isEqualTo(List.of(1, 2));
        }
    }

    @Test
    void theLauncherAndTheTestForkUseTheSameFilterAsTheCode() throws IOException {
        assertThat(Files.readString(Path.of("bin/lstm-tuner"))).contains("serial_filter='" + SerialFilter.PATTERN + "'");
        assertThat(Files.readString(Path.of("pom.xml"))).contains("-Djdk.serialFilter=" + SerialFilter.PATTERN);
    }
}
