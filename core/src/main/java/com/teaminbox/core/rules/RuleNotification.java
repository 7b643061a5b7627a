package com.teaminbox.core.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.apache.james.core.MailAddress;

import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.core.ticket.TicketPrefix;
import com.teaminbox.core.ticket.TicketSubjects;
import com.teaminbox.core.ticket.TicketTagFormat;

/**
 * A short mail a matching rule sends: to an assignee ({@code <assign notify="true">}) or to a
 * {@code <notify>} address. One per action, in rule order.
 */
public record RuleNotification(MailAddress to, Kind kind, String rule) {
    /** What the notification says, first words of its subject. */
    public enum Kind {
        ASSIGNED("Assigned to you"), MATCHED("Rule matched");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    public RuleNotification {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(rule, "rule");
    }

    static List<RuleNotification> of(RuleOutcome outcome) {
        List<RuleNotification> notifications = new ArrayList<>();
        for (Rule rule : outcome.applied()) {
            for (RuleAction action : rule.actions()) {
                if (action instanceof RuleAction.Assign && ((RuleAction.Assign) action).notifyMember()) {
                    notifications.add(new RuleNotification(((RuleAction.Assign) action).member(), Kind.ASSIGNED, rule.name()));
                } else if (action instanceof RuleAction.Notify) {
                    notifications.add(new RuleNotification(((RuleAction.Notify) action).address(), Kind.MATCHED, rule.name()));
                }
            }
        }
        return notifications;
    }

    /**
     * {@code [SUP-12] Assigned to you: Printer broken}: the ticket's tag once, in front, whatever
     * tags of ours the mail's subject already carries; on one line.
     */
    public String subject(String mailSubject, TicketPrefix prefix, Optional<TicketId> ticket, TicketTagFormat format) {
        String words = TicketSubjects.withoutTag(mailSubject, format.pattern(prefix));
        String head = ticket.map(id -> format.tag(id) + " ").orElse("") + kind.words();
        return words.isEmpty() ? head : head + ": " + words;
    }

    @Override
    public String toString() {
        return to.asString() + ": " + kind.words() + " (rule " + rule + ")";
    }
}
