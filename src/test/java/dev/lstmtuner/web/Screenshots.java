package dev.lstmtuner.web;

import dev.lstmtuner.store.Note;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;
import io.javalin.Javalin;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Saves screenshots of every page over the fixtures (H2 store) to look at by hand:
 * run its {@code main} on the test classpath with an output folder, e.g. {@code /tmp/shots}.
 */
public final class Screenshots {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "/tmp/shots");
        Path dir = Files.createTempDirectory("lstm-tuner-shots");
        try (Store store = StoreFactory.open(dir.resolve("store").toString())) {
            WebFixture.seed(store, dir);
            HonestyFixture.seed(store, dir);
            FamilyFixture.seed(store);
            long winner = store.trial(HonestyFixture.NAME, 2).orElseThrow().id();
            store.addNote(HonestyFixture.NAME, null, Note.Kind.NOTE, "BTC 2024 hourly; <b>only</b> #2 beats persistence");
            store.addNote(HonestyFixture.NAME, winner, Note.Kind.TAG, "deploy?");
            store.addNote(HonestyFixture.NAME, winner, Note.Kind.TAG, "<img src=x>");
            Javalin app = LeaderboardServer.create(store, LeaderboardServer.DEFAULT_TTL_MS, true).start("127.0.0.1", 0);
            String base = "http://127.0.0.1:" + app.port() + "/";
            ChromeDriver d = Browser.start(dir, 1400, 1000);
            try {
                String honest = base + "campaign.html?name=" + URLEncoder.encode(HonestyFixture.NAME, StandardCharsets.UTF_8);
                shoot(d, base, out.resolve("campaigns.png"), 1000);
                shoot(d, honest, out.resolve("honest-leaderboard.png"), 2600);
                shoot(d, base + "campaign.html?name=quick-BTC", out.resolve("btc-leaderboard.png"), 2600);
                long zero = store.trial(HonestyFixture.NAME, 1).orElseThrow().id();
                shoot(d, base + "trial.html?id=" + zero, out.resolve("trial-skill-zero.png"), 2400);
                long pruned = store.trial("quick-BTC", 9).orElseThrow().id();
                shoot(d, base + "trial.html?id=" + pruned, out.resolve("trial-pruned.png"), 1400);
                long a = store.trial("quick-BTC", 1).orElseThrow().id(), b = store.trial("quick-ETH", 1).orElseThrow().id();
                long h2 = store.trial(HonestyFixture.NAME, 2).orElseThrow().id(), h3 = store.trial(HonestyFixture.NAME, 3).orElseThrow().id();
                shoot(d, base + "compare.html?ids=" + a + "," + b, out.resolve("compare-cross.png"), 1600);
                shoot(d, base + "compare.html?ids=" + h3 + "," + zero + "," + h2, out.resolve("compare-three.png"), 1600);
                shoot(d, base + "symbols.html", out.resolve("symbols.png"), 800);
                shoot(d, base + "trial.html?id=" + winner, out.resolve("trial-notes.png"), 1000);
                shoot(d, base + "families.html?campaign=" + FamilyFixture.NONE, out.resolve("families.png"), 800);
                shoot(d, base + "families.html?campaign=" + FamilyFixture.SOME, out.resolve("families-some.png"), 800);
                shoot(d, base + "campaign.html?name=" + FamilyFixture.NONE, out.resolve("families-campaign.png"), 1400);
                Browser.darkMode(d, true);
                shoot(d, honest, out.resolve("honest-leaderboard-dark.png"), 2600);
                shoot(d, base + "families.html?campaign=" + FamilyFixture.NONE, out.resolve("families-dark.png"), 800);
                d.manage().window().setSize(new Dimension(900, 1000));
                Browser.darkMode(d, false);
                shoot(d, base + "campaign.html?name=quick-BTC", out.resolve("btc-900px.png"), 1000);
            } finally {
                d.quit();
                app.stop();
            }
        }
        System.out.println("screenshots in " + out);
    }

    private static void shoot(ChromeDriver d, String url, Path file, int height) throws InterruptedException {
        d.manage().window().setSize(new Dimension(d.manage().window().getSize().getWidth(), height));
        d.get(url);
        Thread.sleep(2500); // charts animate in
        Browser.screenshot(d, file);
    }
}
