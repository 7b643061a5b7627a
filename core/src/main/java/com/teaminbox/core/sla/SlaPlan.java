package com.teaminbox.core.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which stages of a ticket's targets are due at {@code now}: a stage is due once its share of
 * the target has passed in business time ({@link BusinessTime}, pauses excluded), unless the
 * target was met (the reply came, the ticket was resolved) before that. A stage that passed
 * unnoticed (the server was stopped) and whose target was met later is still due, marked
 * {@link DueStage#met()}: the trail must show the breach; nobody is escalated for it.
 */
public final class SlaPlan {
    private final SlaSettings settings;
    private final BusinessTime time;

    public SlaPlan(SlaSettings settings) {
        this.settings = settings;
        this.time = new BusinessTime(settings.calendar());
    }

    /**
     * What is due at {@code now}, and the first instant after it at which another stage comes due,
     * the ticket's facts being what they are (empty when none will: every target met, or a clock
     * stopped): until a new fact, {@link #due} at any instant before {@code nextDue} answers what
     * it answers at {@code now}.
     */
    public record Outlook(List<DueStage> due, Optional<Instant> nextDue) {
    }

    public List<DueStage> due(TicketLifecycle lifecycle, Instant now) {
        return outlook(lifecycle, now).due();
    }

    /** {@link Outlook#nextDue()}. */
    public Optional<Instant> nextDue(TicketLifecycle lifecycle, Instant now) {
        return outlook(lifecycle, now).nextDue();
    }

    /** Both, from one computation of the ticket's stages in business time. */
    public Outlook outlook(TicketLifecycle lifecycle, Instant now) {
        List<DueStage> due = new ArrayList<>();
        Optional<Instant> next = Optional.empty();
        for (DueStage stage : stages(lifecycle)) {
            if (!stage.stageDue().isAfter(now)) {
                due.add(stage);
            } else if (next.isEmpty() || stage.stageDue().isBefore(next.get())) {
                next = Optional.of(stage.stageDue());
            }
        }
        return new Outlook(due, next);
    }

    /** Every stage of the ticket that is or will be due, whatever the time. */
    private List<DueStage> stages(TicketLifecycle lifecycle) {
        List<DueStage> stages = new ArrayList<>();
        if (lifecycle.opened().isEmpty()) {
            // Facts of a ticket opened before the SLA was configured, or not ours: no clock to run.
            return stages;
        }
        Optional<SlaPolicy> policy = settings.policyFor(lifecycle.matchedRules());
        if (policy.isEmpty()) {
            return stages;
        }
        for (TicketLifecycle.ResponseCycle cycle : lifecycle.responseCycles()) {
            add(stages, lifecycle, policy.get(), cycle.target(), cycle.start(), cycle.end());
        }
        for (TicketLifecycle.ResolutionCycle cycle : lifecycle.resolutionCycles()) {
            add(stages, lifecycle, policy.get(), SlaTarget.RESOLUTION, cycle.start(), cycle.end());
        }
        return stages;
    }

    /** When the target of this cycle is missed, if it runs; for reports and notifications. */
    public Optional<Instant> targetDue(SlaPolicy policy, SlaTarget target, Instant start, List<Pause> pauses) {
        return policy.target(target).flatMap(budget -> time.after(start, budget, pauses));
    }

    private void add(List<DueStage> stages, TicketLifecycle lifecycle, SlaPolicy policy, SlaTarget target, Instant start,
                     Optional<Instant> end) {
        Optional<Instant> targetDue = targetDue(policy, target, start, lifecycle.pauses());
        if (targetDue.isEmpty()) {
            return;
        }
        for (SlaStage stage : SlaStage.values()) {
            Duration budget = policy.budget(target, stage).orElseThrow();
            Optional<Instant> stageDue = time.after(start, budget, lifecycle.pauses());
            if (stageDue.isEmpty()) {
                continue;
            }
            if (end.isPresent() && !end.get().isAfter(stageDue.get())) {
                continue;
            }
            stages.add(new DueStage(lifecycle.ticket(), policy, target, stage, start, stageDue.get(), targetDue.get(), end));
        }
    }
}
