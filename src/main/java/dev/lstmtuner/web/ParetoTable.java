package dev.lstmtuner.web;

import dev.lstmtuner.analysis.ConfirmedFront;
import dev.lstmtuner.analysis.ParetoFront;
import dev.lstmtuner.store.Campaign;

import java.util.List;

/**
 * The Pareto view of a campaign ({@code /api/pareto?campaign=NAME}): every COMPLETE sampled trial's objective
 * values with its front, the front's trial ids, and the confirmed front once confirmation ran. Only renders what
 * {@link ParetoFront} and {@link ConfirmedFront} answer; cached like every read.
 */
public final class ParetoTable {
    private final LeaderboardService service;

    public ParetoTable(LeaderboardService service) {
        this.service = service;
    }

    /** One axis: the objective's key and direction. */
    public record Axis(String key, String direction) {
    }

    /** One trial on the plot. */
    public record Point(long trialId, int number, double[] values, int rank, boolean onFront) {
    }

    /** A front member after confirmation: fresh runs, means, whether it stays on the front, its verdict. */
    public record Member(long trialId, int number, int fresh, int pending, double[] means, boolean confirmed,
                         String verdict) {
    }

    public record View(String campaign, List<Axis> objectives, boolean multi, List<Point> points, List<Long> front,
                       boolean confirmationStarted, List<Member> confirmedFront, String warning) {
    }

    public View view(String name) {
        Campaign c = service.requireCampaign(name);
        return service.cache().get("pareto|" + name, () -> build(c));
    }

    private View build(Campaign c) {
        ParetoFront front = ParetoFront.of(service.store(), c);
        ConfirmedFront confirmed = ConfirmedFront.of(service.store(), front, service.verdicts(c.name()));
        List<Axis> axes = front.objectives().list().stream().map(o -> new Axis(o.key(), o.direction().label())).toList();
        List<Point> points = front.points().stream().map(p -> new Point(p.trial().id(), p.trial().number(),
                p.values(), p.rank(), p.onFront())).toList();
        List<Long> ids = front.front().stream().map(p -> p.trial().id()).toList();
        List<Member> members = confirmed.members().stream().map(m -> new Member(m.original().id(),
                m.original().number(), m.fresh().size(), m.pending(), m.means(), m.confirmed(), m.verdictWords())).toList();
        return new View(c.name(), axes, front.objectives().multi(), points, ids, confirmed.started(), members,
                front.timed() ? ParetoFront.NOT_REPRODUCIBLE : null);
    }
}
