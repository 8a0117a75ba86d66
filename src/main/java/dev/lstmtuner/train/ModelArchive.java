package dev.lstmtuner.train;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.ConfigLoader;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A DL4J {@code model.zip}, checked before DL4J sees it. {@link ModelSerializer} reads a {@code preprocessor.bin}
 * entry with {@code ObjectInputStream.readObject()}, so a zip that holds one chooses which classes the JVM
 * deserializes; and {@code configuration.json} names classes that Jackson instantiates. A network saved by
 * lstm-tuner holds only the entries below and classes from DL4J, ND4J and this project, so anything else is
 * refused by name before a byte reaches a deserializer. The archive is read with {@link ZipInputStream}, the parser
 * DL4J itself uses on the same bytes, so both see the same entries.
 */
public final class ModelArchive {
    /** What {@code ModelSerializer.writeModel(net, file, false)} writes: the layer configuration and the weights. */
    static final Set<String> ENTRIES = Set.of("configuration.json", "coefficients.bin", "noParams.marker");
    /** Packages whose classes {@code configuration.json} may name ({@code "@class"}): layers, activations, losses. */
    static final List<String> CLASS_PACKAGES = List.of("org.deeplearning4j.", "org.nd4j.", "dev.lstmtuner.");
    /** More than the biggest network a search space allows (hundreds of MB of float weights), less than the heap. */
    static final long MAX_UNCOMPRESSED = 768L << 20;

    private ModelArchive() {
    }

    /** Checks the archive's entries and the classes its configuration names, then restores the network from them. */
    public static MultiLayerNetwork restore(byte[] zip, String source) {
        String configuration = check(zip, source);
        checkClasses(configuration, source);
        try {
            return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(zip), false);
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(source + ": cannot read the model (" + e.getMessage()
                    + "): the file is corrupt or not a DL4J model; export it again");
        }
    }

    /** Refuses any entry but {@link #ENTRIES} (or a repeated one); returns {@code configuration.json}'s text. */
    static String check(byte[] zip, String source) {
        Set<String> seen = new HashSet<>();
        String configuration = null;
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                String name = e.getName();
                if (!ENTRIES.contains(name)) {
                    throw new BadInputException(source + ": holds the entry \"" + printable(name) + "\", which a model "
                            + "saved by lstm-tuner never has (a model holds only " + String.join(", ", ENTRIES.stream().sorted().toList())
                            + "; DL4J would deserialize other entries as Java objects, which can run code); nothing was "
                            + "loaded: use a model exported from a store you trust, or reproduce the trial");
                }
                if (!seen.add(name)) {
                    throw new BadInputException(source + ": holds the entry \"" + name + "\" twice; a saved model never "
                            + "does, so the file was edited: nothing was loaded, export the trial again");
                }
                byte[] body = readCapped(in, MAX_UNCOMPRESSED - total, source);
                total += body.length;
                if (name.equals("configuration.json")) configuration = new String(body, StandardCharsets.UTF_8);
            }
        } catch (IOException ex) {
            throw new BadInputException(source + ": cannot read the model (" + ex.getMessage()
                    + "): the file is corrupt or not a DL4J model; export it again");
        }
        if (configuration == null) {
            throw new BadInputException(source + ": cannot read the model (no configuration.json entry): the file is "
                    + "corrupt or not a DL4J model; export it again");
        }
        return configuration;
    }

    /** Every {@code "@class"} in the configuration must lie in {@link #CLASS_PACKAGES}. */
    static void checkClasses(String configuration, String source) {
        JsonNode root;
        try {
            root = ConfigLoader.mapper().readTree(configuration);
        } catch (IOException e) {
            throw new BadInputException(source + ": configuration.json is not valid JSON (" + e.getMessage()
                    + "): the file is corrupt; export it again");
        }
        walk(root, source);
    }

    private static void walk(JsonNode node, String source) {
        if (node == null) return;
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (f.getKey().equals("@class") && f.getValue().isTextual()) {
                    String cls = f.getValue().asText();
                    if (CLASS_PACKAGES.stream().noneMatch(cls::startsWith)) {
                        throw new BadInputException(source + ": configuration.json names the class \"" + printable(cls)
                                + "\", outside DL4J, ND4J and lstm-tuner, which no saved model does; nothing was "
                                + "loaded: use a model exported from a store you trust");
                    }
                }
                walk(f.getValue(), source);
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) walk(child, source);
        }
    }

    private static byte[] readCapped(InputStream in, long left, String source) throws IOException {
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, left + 1));
        if (body.length > left) {
            throw new BadInputException(source + ": unpacks to more than " + (MAX_UNCOMPRESSED >> 20)
                    + " MB, more than any network lstm-tuner saves; nothing was loaded: export the trial again");
        }
        return body;
    }

    /** A name from the file, safe to print: control and format characters shown as '?', at most 120 characters. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(120).forEach(c -> b.appendCodePoint(Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT ? '?' : c));
        return b.toString();
    }
}
