package com.teaminbox.core.audit;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sliding windows over audit events, one per rule (and per actor for a per-actor rule). When a
 * window holds more than the threshold, one alert is raised and the window starts afresh, so a
 * burst raises one alert per threshold crossed rather than one per event. Counts are this node's:
 * each James node alerts on what it sees.
 */
public final class AlertWindows {
    /** Per-actor windows are keyed by client-chosen names (refused logins): stale ones are dropped past this many. */
    static final int MAX_WINDOWS = 10_000;

    private final List<AlertRule> rules;
    /** The types some rule counts: every other record leaves without taking the lock. */
    private final Set<AuditEventType> counted = EnumSet.noneOf(AuditEventType.class);
    private final Map<Key, Deque<Instant>> windows = new HashMap<>();

    public AlertWindows(List<AlertRule> rules) {
        this.rules = List.copyOf(rules);
        this.rules.forEach(rule -> counted.add(rule.type()));
    }

    public List<AlertRule> rules() {
        return rules;
    }

    /** The alerts {@code event}, happening at {@code now}, raises (usually none). */
    public List<Alert> observe(AuditEvent event, Instant now) {
        if (!counted.contains(event.type())) {
            return List.of();
        }
        return count(event, now);
    }

    private synchronized List<Alert> count(AuditEvent event, Instant now) {
        List<Alert> raised = new ArrayList<>();
        for (AlertRule rule : rules) {
            if (rule.type() != event.type()) {
                continue;
            }
            Optional<AuditActor> actor = rule.perActor() ? Optional.of(event.actor()) : Optional.empty();
            if (windows.size() >= MAX_WINDOWS) {
                dropStaleWindows(now);
            }
            Deque<Instant> window = windows.computeIfAbsent(new Key(rule, actor), key -> new ArrayDeque<>());
            Instant oldestKept = now.minus(rule.window());
            while (!window.isEmpty() && window.peekFirst().isBefore(oldestKept)) {
                window.pollFirst();
            }
            // An aggregated record counts for each attempt it stands for; past the threshold more make no difference.
            for (int occurrence = Math.min(event.weight(), rule.threshold() + 1); occurrence > 0; occurrence--) {
                window.addLast(now);
            }
            if (window.size() > rule.threshold()) {
                raised.add(new Alert(rule, actor, window.size(), window.peekFirst(), now));
                window.clear();
            }
        }
        return raised;
    }

    private void dropStaleWindows(Instant now) {
        windows.entrySet().removeIf(entry -> entry.getValue().isEmpty()
            || entry.getValue().peekLast().isBefore(now.minus(entry.getKey().rule().window())));
        if (windows.size() >= MAX_WINDOWS) {
            windows.clear();
        }
    }

    private record Key(AlertRule rule, Optional<AuditActor> actor) {
    }
}
