package com.teaminbox.core.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.core.ticket.TicketPrefix;
import com.teaminbox.core.ticket.TicketTagFormat;

/**
 * The pure retention decision for one shared mailbox: given what is known of a message and the
 * time now, keep (and why), delete or move. Checks, in order: the folder has a policy; its
 * {@code when-flag} is set; the message is at least the minimum-age old; at least the policy's
 * age old (an age exactly equal counts as old enough); no hold covers it.
 */
public final class RetentionRules {
    private final RetentionSettings settings;
    private final TicketTagFormat tagFormat;
    private final TicketPrefix prefix;

    public RetentionRules(RetentionSettings settings, TicketTagFormat tagFormat, TicketPrefix prefix) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tagFormat = Objects.requireNonNull(tagFormat, "tagFormat");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
    }

    public RetentionSettings settings() {
        return settings;
    }

    public RetentionDecision decide(MessageFacts message, Instant now) {
        Optional<RetentionPolicy> found = settings.policy(message.folder());
        if (found.isEmpty()) {
            return RetentionDecision.keep(RetentionDecision.KeepReason.NO_POLICY, Optional.empty());
        }
        RetentionPolicy policy = found.get();
        if (policy.whenFlag().filter(flag -> !message.hasFlag(flag)).isPresent()) {
            return RetentionDecision.keep(RetentionDecision.KeepReason.FLAG_MISSING, found);
        }
        Duration age = Duration.between(message.internalDate(), now);
        if (age.compareTo(settings.minimumAge().duration()) < 0) {
            return RetentionDecision.keep(RetentionDecision.KeepReason.YOUNGER_THAN_MINIMUM, found);
        }
        if (age.compareTo(policy.after().duration()) < 0) {
            return RetentionDecision.keep(RetentionDecision.KeepReason.NOT_OLD_ENOUGH, found);
        }
        List<TicketId> tickets = ticketsOf(message);
        for (RetentionHold hold : settings.holds()) {
            if (hold.covers(message, tickets)) {
                return RetentionDecision.held(hold, policy);
            }
        }
        if (policy.action() == RetentionPolicy.Action.DELETE) {
            return RetentionDecision.delete(policy);
        }
        return RetentionDecision.move(policy, policy.target().orElseThrow().folderFor(message.internalDate()));
    }

    /** The newest internal date a message of this policy's folder may have to be due at {@code now}. */
    public Instant cutoff(RetentionPolicy policy, Instant now) {
        return now.minus(policy.after().duration());
    }

    /** Every ticket tag of the mailbox's own format in the subject, as threading reads them. */
    private List<TicketId> ticketsOf(MessageFacts message) {
        return message.subject().map(subject -> tagFormat.findAll(subject, prefix)).orElse(List.of());
    }
}
