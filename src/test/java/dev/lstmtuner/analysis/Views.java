package dev.lstmtuner.analysis;

import dev.lstmtuner.cli.Main;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.HttpClient;
import okhttp3.Response;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The views the "one answer" tests read one store through: the CLI and the web API. */
final class Views {
    static final ObjectMapper JSON = new ObjectMapper();

    private Views() {
    }

    /** The command's output, run on the store at {@code url}; it must succeed. */
    static String cli(String url, String... args) {
        StringWriter out = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--store");
        all.add(url);
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(out, true), all.toArray(String[]::new));
        assertThat(code).as(out.toString()).isZero();
        return out.toString();
    }

    /** The API's JSON answer at {@code path}. */
    static JsonNode get(HttpClient client, String path) throws Exception {
        try (Response r = client.get(path)) {
            return JSON.readTree(r.body().string());
        }
    }
}
