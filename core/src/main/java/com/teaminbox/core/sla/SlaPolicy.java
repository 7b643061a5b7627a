package com.teaminbox.core.sla;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.teaminbox.core.config.xml.SourceLocation;
import com.teaminbox.core.rules.RuleAction;

/**
 * One SLA policy of a shared mailbox:
 * <pre>{@code
 * <policy name="urgent" rule="urgent" first-response="1h" next-response="2h" resolution="8h" warn-at="75">
 *   <on-warning><keyword name="$SlaWarning"/></on-warning>
 *   <on-breach><keyword name="$SlaBreached"/><notify address="lead@example.test"/></on-breach>
 * </policy>
 * }</pre>
 * Targets count business time ({@link BusinessTime}); a policy without {@code rule} is the default.
 *
 * @param rule the rule whose match on the ticket's mail selects this policy; empty for the default
 * @param targets the business time allowed per target; a target left out is not watched
 * @param warnAtPercent the share of a target after which the warning stage fires, 1 to 99
 */
public record SlaPolicy(String name, Optional<String> rule, Map<SlaTarget, Duration> targets, int warnAtPercent,
                        List<RuleAction> onWarning, List<RuleAction> onBreach, SourceLocation location) {
    public static final int DEFAULT_WARN_AT_PERCENT = 80;

    public SlaPolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rule, "rule");
        targets = Map.copyOf(targets);
        onWarning = List.copyOf(onWarning);
        onBreach = List.copyOf(onBreach);
        Objects.requireNonNull(location, "location");
        if (warnAtPercent < 1 || warnAtPercent > 99) {
            throw new IllegalArgumentException("warn-at must be from 1 to 99 percent: " + warnAtPercent);
        }
    }

    public Optional<Duration> target(SlaTarget target) {
        return Optional.ofNullable(targets.get(target));
    }

    /** The business time after which {@code stage} of {@code target} fires. */
    public Optional<Duration> budget(SlaTarget target, SlaStage stage) {
        return target(target).map(full -> stage == SlaStage.BREACH ? full : full.multipliedBy(warnAtPercent).dividedBy(100));
    }

    public List<RuleAction> actions(SlaStage stage) {
        return stage == SlaStage.BREACH ? onBreach : onWarning;
    }

    public boolean isDefault() {
        return rule.isEmpty();
    }

    /** Like {@code Rule}: actions compare by what they say, and where the policy is written does not matter. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SlaPolicy that && name.equals(that.name) && rule.equals(that.rule) && targets.equals(that.targets)
            && warnAtPercent == that.warnAtPercent && onWarning.toString().equals(that.onWarning.toString())
            && onBreach.toString().equals(that.onBreach.toString());
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, rule, targets, warnAtPercent, onWarning.toString(), onBreach.toString());
    }
}
