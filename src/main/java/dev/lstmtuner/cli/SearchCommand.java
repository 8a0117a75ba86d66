package dev.lstmtuner.cli;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.CampaignNames;
import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.search.CampaignPlan;
import dev.lstmtuner.search.Coordinator;
import dev.lstmtuner.search.CoordinatorLease;
import dev.lstmtuner.search.Experiment;
import dev.lstmtuner.search.ExperimentLoader;
import dev.lstmtuner.search.ExperimentValidator;
import dev.lstmtuner.search.LockboxGuard;
import dev.lstmtuner.search.PastTrials;
import dev.lstmtuner.search.WarmStarts;
import dev.lstmtuner.search.PooledCampaign;
import dev.lstmtuner.search.WorkerPool;
import dev.lstmtuner.search.device.DevicePlan;
import dev.lstmtuner.search.device.DevicePlanner;
import dev.lstmtuner.search.device.Devices;
import dev.lstmtuner.search.device.InventoryProbe;
import dev.lstmtuner.search.device.WorkerMemory;
import dev.lstmtuner.search.plan.PlanRuns;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;
import dev.lstmtuner.store.StoreUnreachableException;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialQuery;
import dev.lstmtuner.train.FoldPlan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

@Command(name = "search", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a search campaign and show its best trial.",
                "Samples configurations, trains them in parallel worker processes, prunes bad ones early and",
                "records everything in the store."},
        footer = {"", "Examples:",
                "  bin/lstm-tuner search --experiment experiments/quick-search.json",
                "  bin/lstm-tuner search --resume quick            # continue a killed or interrupted campaign",
                "  bin/lstm-tuner search --experiment experiments/symbols.json --slots 2"})
public final class SearchCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    StoreOptions storeOptions;

    @Option(names = "--experiment", paramLabel = "FILE", description = "Experiment file (see experiments/).")
    Path experiment;

    @Option(names = "--resume", paramLabel = "CAMPAIGN", description = "Continue a stored campaign instead of starting one.")
    String resume;

    @Option(names = "--name", description = "Campaign name (default: the experiment's name).")
    String name;

    @Mixin
    SteeringOptions steering;

    @Option(names = "--slots", description = "Worker processes (default: the device plan's: one per GPU, or the usable CPU cores / threads; 0 = only sample, `lstm-tuner worker` processes elsewhere train).")
    Integer slots;

    @Option(names = "--devices", defaultValue = "auto", description = "auto (GPUs when the CUDA build sees some, else CPU), cpu or gpu (default: ${DEFAULT-VALUE}).")
    String devices;

    @Option(names = "--force", description = "Start workers even when the device plan's memory exceeds the machine's.")
    boolean force;

    @Option(names = "--queue", paramLabel = "N", description = "WAITING trials to keep ready (default: --slots, or 8 with --slots 0); never fewer than trials RUNNING.")
    Integer queue;

    @Option(names = "--lease-s", defaultValue = "15", hidden = true)
    long leaseSeconds;

    @Option(names = "--artifacts", defaultValue = "results/artifacts", description = "Folder for models and predictions (default: ${DEFAULT-VALUE}).")
    Path artifacts;

    @Option(names = "--heartbeat-ms", defaultValue = "5000", hidden = true)
    long heartbeatMs;

    @Option(names = "--stale-after-s", defaultValue = "30", description = "A RUNNING trial without a heartbeat for this long is reclaimed (default: ${DEFAULT-VALUE}).")
    long staleAfter;

    @Option(names = "--reopen-lockbox", description = "Allow a resume that adds trials after the campaign's lockbox was opened, and score the new winner on it; recorded and shown as a reopening.")
    boolean reopenLockbox;

    @Option(names = "--dry-run", description = "Check the experiment (or the --resume campaign) and print its fold plan (which bars each fold trains, validates and tests on, and the lockbox) and its device plan; train nothing, store nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (dryRun && experiment != null) return dryRun(out);
        if ((experiment == null) == (resume == null)) {
            throw new BadInputException("give either --experiment FILE (a new campaign) or --resume CAMPAIGN");
        }
        if (name != null) CampaignNames.require(name, "--name");
        steering.check(experiment);
        // workers are other processes: a local H2 file without AUTO_SERVER would be locked by the first opener
        String url = StoreFactory.shareable(StoreFactory.jdbcUrl(storeOptions.describe()));
        if ("mem".equals(storeOptions.describe()) || url.startsWith("jdbc:h2:mem:")) {
            throw new BadInputException("--store " + storeOptions.describe() + ": worker processes need a shared store (an H2 file or a JDBC server), not an in-memory one");
        }
        Devices wanted = Devices.parse(devices);
        // everything about a new experiment is checked before the store is opened: a refusal leaves nothing behind
        Experiment e = experiment == null ? null : WarmStarts.withCampaign(ExperimentLoader.load(experiment), steering.warmStart);
        if (e != null) ExperimentValidator.validate(e, experiment.toString());
        DevicePlan devicePlan = e == null ? null : devicePlan(wanted, e.base().threads());
        try (Store store = StoreFactory.open(url, storeOptions.passwordEnv)) {
            store.tolerateOutages(storeOptions.outage(), line -> {
                out.println(line);
                out.flush();
            });
            List<String> campaigns = new ArrayList<>();
            if (resume != null) {
                Campaign c = store.campaign(resume).orElseThrow(() -> new BadInputException(
                        "no campaign named \"" + resume + "\"; list them with `lstm-tuner campaigns`"));
                ExperimentValidator.validate(CampaignPlan.of(c));
                if (dryRun) return printPlan(devicePlan(wanted, CampaignPlan.of(c).base().threads()), out);
                devicePlan = devicePlan(wanted, CampaignPlan.of(c).base().threads());
                // trials added after the lockbox was opened would be chosen knowing its verdict
                LockboxGuard.beforeResume(store, resume, reopenLockbox);
                boolean extended = steering.changesBudget();
                if (extended && BudgetSteering.change(store, c, steering.maxTrials, steering.maxMinutes, out)) return 0;
                Map<TrialState, Long> counts = store.countByState(resume);
                if (c.endedAt() != null) {
                    long left = counts.get(TrialState.WAITING);
                    if (left == 0 && !extended) {
                        out.println("campaign " + resume + " already ended (" + c.endReason() + ") and has no waiting trials");
                        return 0;
                    }
                    // e.g. the wall-time budget ran out with interrupted trials re-queued: a resume gets a fresh wall clock
                    if (!extended) {
                        out.println("campaign " + resume + " ended (" + c.endReason() + "); resuming its " + left + " waiting trial(s)");
                    }
                    store.reopenCampaign(resume);
                } else {
                    long requeued = PastTrials.all(store, resume).stream()
                            .filter(t -> t.state() == TrialState.WAITING && t.requeuedFrom() != null).count();
                    out.println("resuming campaign " + resume + ": " + Fmt.counts(counts)
                            + (requeued > 0 ? " (" + requeued + " re-queued after an interruption or a lost worker)" : ""));
                }
                campaigns.add(resume);
            } else {
                campaigns.addAll(create(store, e));
            }
            for (String c : campaigns) {
                int code;
                try {
                    code = runCampaign(store, url, c, devicePlan, out);
                } catch (StoreUnreachableException down) {
                    spec.commandLine().getErr().println("error: " + down.getMessage() + "; once it is back, continue "
                            + "with `" + resumeCommand(c, url) + "`");
                    return Main.EXIT_BAD_INPUT;
                }
                if (code != 0) return code;
            }
            if (e != null && e.pooled() != null) PooledView.trainAndPrint(store, e, name != null ? name : e.name(), artifacts, out);
            if (campaigns.size() > 1) {
                out.println();
                out.println("campaign group: " + String.join(", ", campaigns) + " (compare them with `lstm-tuner campaigns` or the leaderboard's multi-symbol view)");
            }
        }
        out.flush();
        return 0;
    }

    private int dryRun(PrintWriter out) {
        Experiment e = ExperimentLoader.load(experiment);
        ExperimentValidator.validate(e, experiment.toString());
        List<Experiment.Symbol> members = e.symbols().isEmpty() ? Collections.singletonList(null) : e.symbols();
        for (Experiment.Symbol s : members) {
            RunConfig config = s == null ? e.base()
                    : ConfigLoader.withOverrides(e.base(), Map.of("data", s.data(), "symbol", s.symbol()), experiment + " (" + s.symbol() + ")");
            if (s != null) out.println(s.symbol() + ":");
            out.print(FoldPlanView.text(FoldPlan.of(config)));
        }
        if (e.pooled() != null) out.println("then one model for all " + e.symbols().size() + " symbols (campaign "
                + PooledCampaign.name(name != null ? name : e.name()) + "), on the first symbol's date boundaries");
        printPlan(devicePlan(Devices.parse(devices), e.base().threads()), out);
        out.println("dry run: experiment " + e.name() + " is valid; nothing trained or stored");
        out.flush();
        return 0;
    }

    private List<String> create(Store store, Experiment e) {
        String base = name != null ? name : e.name();
        List<Experiment.Symbol> members = e.symbols().isEmpty() ? Collections.singletonList(null) : e.symbols();
        Map<String, Experiment.Symbol> byName = new LinkedHashMap<>();
        for (Experiment.Symbol s : members) {
            String campaign = s == null ? base : base + "-" + s.symbol().toLowerCase(Locale.ROOT);
            CampaignNames.require(campaign, s == null ? "campaign name" : "campaign name for symbol " + s.symbol());
            if (store.campaign(campaign).isPresent()) {
                throw new BadInputException("campaign \"" + campaign + "\" already exists: continue it with `--resume " + campaign
                        + "`, or start a new one with --name");
            }
            byName.put(campaign, s);
        }
        // refused before anything is stored
        if (e.warmStart() != null) WarmStarts.check(store, e);
        if (e.pooled() != null && store.campaign(PooledCampaign.name(base)).isPresent()) {
            throw new BadInputException("campaign \"" + PooledCampaign.name(base) + "\" already exists: start a new group with --name");
        }
        byName.forEach((campaign, s) -> {
            RunConfig config = s == null ? e.base()
                    : ConfigLoader.withOverrides(e.base(), Map.of("data", s.data(), "symbol", s.symbol()), experiment + " (" + s.symbol() + ")");
            store.createCampaign(new CampaignSpec(campaign, ConfigLoader.toJson(config), e.spaceJson(), e.sampler(),
                    e.pruner(), e.budget().maxTrials(), e.objective(), e.direction(), ExperimentLoader.resolvedJson(e),
                    e.symbols().isEmpty() ? null : base));
            if (e.warmStart() != null) SteeringOptions.warmStart(store, campaign, e, spec.commandLine().getOut());
        });
        if (e.pooled() != null) PooledCampaign.create(store, e, base);
        return new ArrayList<>(byName.keySet());
    }

    /** The device plan for workers of {@code threads} threads, refused (exit 2) when its memory cannot fit. */
    private DevicePlan devicePlan(Devices wanted, int threads) {
        DevicePlan plan = DevicePlanner.plan(InventoryProbe.probe(), wanted, threads, slots,
                WorkerMemory.of(WorkerJvm.memoryFlags()));
        plan.preflight(force);
        return plan;
    }

    private static int printPlan(DevicePlan plan, PrintWriter out) {
        out.println("device plan: " + plan.describe());
        out.flush();
        return 0;
    }

    private int runCampaign(Store store, String url, String campaign, DevicePlan devicePlan, PrintWriter out) {
        CampaignPlan plan = CampaignPlan.of(store.campaign(campaign).orElseThrow());
        int n = devicePlan.workers();
        String kind = devicePlan.kind();
        out.printf("campaign %s: %s sampler, %s pruner, objective %s (%s), %d %s worker(s); store %s%n", campaign,
                plan.sampler().name(), plan.pruner().name(), plan.experiment().objective(),
                plan.experiment().direction().name().toLowerCase(), n, kind, url);
        out.printf("device plan: %s%n", devicePlan.describe());
        out.printf("data: %s%n", plan.base().data() == null ? "bundled Bitstamp BTC/USD minutes" : plan.base().data());
        out.print(FoldPlanView.text(FoldPlan.of(plan.base())));
        out.flush();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(WorkerJvm.flags());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "worker"));
        cmd.addAll(storeOptions.childArgs(url));
        cmd.addAll(List.of("--campaign", campaign, "--artifacts", artifacts.toString(), "--device", kind,
                "--heartbeat-ms", String.valueOf(heartbeatMs), "--parent-pid", String.valueOf(ProcessHandle.current().pid())));
        // one coordinator per campaign: a second one (a resume while the first still runs) waits as a standby
        CoordinatorLease lease = new CoordinatorLease(store, campaign, Duration.ofSeconds(leaseSeconds));
        if (!lease.await(l -> {
            out.printf("campaign %s is coordinated by %s (lease until %s); standing by to take over when it expires "
                    + "(Ctrl-C to leave)%n", campaign, l.holder(), l.expiresAt());
            out.flush();
        }, () -> false)) return 130;
        Campaign now = store.campaign(campaign).orElseThrow();
        if (now.endedAt() != null) {
            lease.release();
            out.println("campaign " + campaign + " ended meanwhile: " + now.endReason());
            return 0;
        }
        if (plan.experiment().plan() != null) PlanRuns.enqueue(store, campaign, plan.experiment().plan(), plan.base());
        Coordinator coordinator = new Coordinator(store, plan, queue != null ? queue : n > 0 ? n : 8,
                Duration.ofSeconds(staleAfter), 0);
        LiveView view = new LiveView(out, System.console() != null, campaign, plan.experiment().budget(), n,
                plan.experiment().confirm(), "lstm-tuner continue " + Fmt.shell(campaign) + storeArgs(url));
        AtomicBoolean interrupted = new AtomicBoolean();
        WorkerPool pool = new WorkerPool(cmd, devicePlan,
                artifacts.toAbsolutePath().getParent().resolve("logs").resolve(campaign), out);
        lease.renewInBackground();
        CountDownLatch reported = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            interrupted.set(true);
            store.tolerateOutages(StopReport.SHUTDOWN_OUTAGE, out::println);
            try {
                List<Trial> running = runningTrials(store, campaign);
                List<Long> pids = pool.pids();
                pool.signalStop();
                try {
                    lease.release();
                } catch (RuntimeException storeGone) {
                    // the lease then expires by itself
                }
                StopReport.print(store, url, campaign, running, pids, resumeCommand(campaign, url), out);
            } finally {
                reported.countDown();
            }
        }, "search-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Coordinator.Status status;
        try {
            while (true) {
                if (lease.lost()) {
                    out.println("campaign " + campaign + ": another coordinator took over (" + store.lease(campaign).holder()
                            + "), after this one missed its lease renewal; stopping here, the workers keep going");
                    out.flush();
                    lease.release(); // stops renewing; the other holder's lease is left as it is
                    pool.close();
                    Runtime.getRuntime().removeShutdownHook(hook);
                    return 0;
                }
                status = coordinator.step();
                if (status.over() || interrupted.get()) break;
                if (n > 0) pool.ensureRunning();
                view.show(status, pool.alive());
                sleep(1000);
            }
        } catch (IllegalStateException shuttingDown) {
            if (interrupted.get()) return stoppedBySignal(reported);
            throw shuttingDown;
        } finally {
            // a worker that cannot run, or a store that cannot be written, ends the search: no worker outlives it
            if (!interrupted.get()) {
                pool.close();
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
        if (interrupted.get()) return stoppedBySignal(reported);
        store.endCampaign(campaign, status.endReason());
        lease.release();
        status = coordinator.step();
        view.show(status, 0);
        out.println();
        out.println("campaign " + campaign + " ended: " + status.endReason());
        if (plan.experiment().plan() != null) {
            AbView.end(store, store.campaign(campaign).orElseThrow(), plan.experiment().plan(), plan.base(),
                    reopenLockbox, out);
        } else {
            EndReport.print(store, campaign, out);
            LockboxView.openAtEnd(store, store.campaign(campaign).orElseThrow(), plan.base(), reopenLockbox, out);
        }
        if (status.counts().get(TrialState.COMPLETE) == 0 && status.counts().get(TrialState.FAILED) > 0
                && status.endReason().startsWith("stopped:")) {
            // no trial could run: the input is at fault, not one unlucky trial
            spec.commandLine().getErr().println("error: campaign " + campaign + " " + status.endReason()
                    + "; fix that and run `lstm-tuner search --resume " + campaign + "` or start a new campaign");
            return Main.EXIT_BAD_INPUT;
        }
        return 0;
    }

    /** The store stays open until the shutdown hook has said what was re-queued (it reads the store to say it). */
    private static int stoppedBySignal(CountDownLatch reported) {
        try {
            reported.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 130;
    }

    /** The command that continues a campaign on this store. */
    private String resumeCommand(String campaign, String url) {
        return "lstm-tuner search --resume " + Fmt.shell(campaign) + storeArgs(url);
    }

    /** The options that name this store on another command's line; empty for the default store. */
    private String storeArgs(String url) {
        return (storeOptions.store == null ? "" : " --store " + Fmt.shell(url))
                + (storeOptions.passwordEnv == null ? "" : " --store-password-env " + storeOptions.passwordEnv);
    }

    private static List<Trial> runningTrials(Store store, String campaign) {
        try {
            return store.trials(TrialQuery.of(campaign).state(TrialState.RUNNING).page(1000, 0)).items();
        } catch (RuntimeException storeGone) {
            return List.of();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
