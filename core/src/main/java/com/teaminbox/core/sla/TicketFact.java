package com.teaminbox.core.sla;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing that happened to a ticket, as the SLA clock needs it; read from the audit trail
 * ({@link com.teaminbox.core.sla.facts.TicketFacts}) and kept in storage shared by the cluster.
 *
 * @param actor who did it (customer address, member address, or "system"); may be empty
 * @param detail the rule name of a {@link Kind#RULE_MATCHED}; else empty
 */
public record TicketFact(String ticket, Kind kind, Instant at, String actor, String detail) {
    /** The kinds, each with its wire name in storage. */
    public enum Kind {
        OPENED("opened"),
        CUSTOMER_MESSAGE("customer-message"),
        MEMBER_REPLY("member-reply"),
        RESOLVED("resolved"),
        REOPENED("reopened"),
        PENDING("pending"),
        RESUMED("resumed"),
        RULE_MATCHED("rule-matched");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static Optional<Kind> fromWireName(String name) {
            return Arrays.stream(values()).filter(kind -> kind.wireName.equals(name)).findFirst();
        }
    }

    public TicketFact {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(detail, "detail");
    }

    public static TicketFact of(String ticket, Kind kind, Instant at, String actor) {
        return new TicketFact(ticket, kind, at, actor, "");
    }
}
