package com.teaminbox.core.outgoing;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the shared mailbox holds about one ticket: when the customer last wrote, and the replies
 * members sent (the copies in its {@code Sent} folder, internal notes left out).
 */
public record TicketHistory(Optional<Instant> latestCustomerMessage, List<Reply> replies) {
    /** A member's reply to the customer, as copied into the shared {@code Sent}. */
    public record Reply(String member, Instant at) {
        public Reply {
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(at, "at");
        }
    }

    public TicketHistory {
        Objects.requireNonNull(latestCustomerMessage, "latestCustomerMessage");
        replies = List.copyOf(replies);
    }

    /**
     * The reply another member already sent after the customer's latest message (the first of them:
     * the one that answered it), if any. With no customer message on record, any reply by another
     * member counts: the ticket was opened by the team, and someone already wrote.
     */
    public Optional<Reply> answeredByAnother(String member) {
        return replies.stream()
            .filter(reply -> !reply.member().equalsIgnoreCase(member))
            .filter(reply -> latestCustomerMessage.map(customer -> reply.at().isAfter(customer)).orElse(true))
            .min(Comparator.comparing(Reply::at));
    }
}
