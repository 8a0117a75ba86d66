package dev.lstmtuner.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import dev.lstmtuner.search.ParentWatch;
import dev.lstmtuner.search.Worker;
import dev.lstmtuner.search.device.Devices;
import dev.lstmtuner.search.device.WorkerDevice;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.train.NativeRuntime;
import dev.lstmtuner.store.StoreUnreachableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "worker", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Join a campaign as a worker: claim WAITING trials, train them, record epochs and results.",
                "Start it from another terminal or machine against a shared store, e.g.",
                "  lstm-tuner worker --store jdbc:postgresql://db.example:5432/lstm?user=tuner --campaign quick",
                "(password from PGPASSWORD, ~/.pgpass or --store-password-env NAME). Workers keep training from the",
                "queue while no coordinator runs; a killed worker's trial is re-queued once its heartbeat is stale."})
public final class WorkerCommand implements Callable<Integer> {
    /** Exit code of a worker whose coordinator went away. */
    static final int EXIT_ORPHANED = 3;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    StoreOptions storeOptions;

    @picocli.CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--campaign", required = true, description = "Campaign to work on.")
        String campaign;

        @Option(names = "--any-campaign", required = true, description = "Work on any campaign that has WAITING trials and has not ended, oldest trial first.")
        boolean any;
    }

    @Option(names = "--worker-id", description = "Name recorded with each trial, followed by -pid<process id> (default: the host name).")
    String workerId;

    @Option(names = "--device", defaultValue = "cpu", description = "Device label recorded with each trial (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--devices", description = "auto, cpu or gpu: refuse to start unless ND4J's backend computes there; the device is then the label.")
    String devices;

    @Option(names = "--artifacts", defaultValue = "results/artifacts", description = "Folder for models and predictions (default: ${DEFAULT-VALUE}).")
    Path artifacts;

    @Option(names = "--heartbeat-ms", defaultValue = "5000", description = "Heartbeat interval (default: ${DEFAULT-VALUE}).")
    long heartbeatMs;

    @Option(names = "--parent-pid", hidden = true,
            description = "Exit (re-queuing the running trial) when this process is gone: search passes its own pid.")
    Long parentPid;

    @Option(names = "--idle-exit-s", description = "Exit after this many seconds without a waiting trial (default: run until the campaign ends).")
    Long idleExit;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        // the process id in the name tells which process to look at (or kill) for a running trial
        String id = (workerId != null ? workerId : hostName()) + "-pid" + ProcessHandle.current().pid();
        if (devices != null) {
            device = WorkerDevice.check(Devices.parse(devices), NativeRuntime.device());
            NativeRuntime.usePlan("a worker started by hand with --devices " + devices + ", on " + device);
        }
        try (Store store = storeOptions.open()) {
            store.tolerateOutages(storeOptions.outage(), line -> {
                out.println(id + ": " + line);
                out.flush();
            });
            String campaign = target.any ? null : target.campaign;
            Worker worker = new Worker(store, campaign, id, device, artifacts, Duration.ofMillis(heartbeatMs), out);
            Thread hook = new Thread(() -> worker.interrupt("worker " + id + " was stopped"), "worker-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            if (parentPid != null) {
                ParentWatch.start(parentPid, () -> {
                    out.printf("%s: the coordinator (pid %d) is gone; stopping%n", id, parentPid);
                    out.flush();
                    System.exit(EXIT_ORPHANED); // the shutdown hook re-queues the running trial
                });
            }
            int done;
            try {
                done = worker.run(idleExit == null ? null : Duration.ofSeconds(idleExit));
            } catch (StoreUnreachableException e) {
                spec.commandLine().getErr().println("error: " + e.getMessage() + "; worker " + id + " stops here (a "
                        + "trial it was running is re-queued once its heartbeat is stale): start it again when the "
                        + "store is back");
                return Main.EXIT_BAD_INPUT;
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running: it re-queues what was running
            }
            out.printf("%s: %d trials done; %s has nothing left for this worker%n", id, done,
                    campaign == null ? "no open campaign" : "campaign " + campaign);
        }
        out.flush();
        return 0;
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "host";
        }
    }
}
