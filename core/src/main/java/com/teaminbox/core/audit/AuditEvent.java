package com.teaminbox.core.audit;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One thing that happened, as its author describes it; the trail adds time, node, sequence and
 * chain hashes to make it an {@code AuditRecord}. Details are short strings (folder, uid, flags,
 * rule, template, size, policy...) and never a message body or a password.
 *
 * <pre>{@code
 * AuditEvent.of(AuditEventType.FLAGS_CHANGED, AuditActor.member("alice@example.test"))
 *     .sharedMailbox("support@example.test").decision("accepted")
 *     .detail("folder", "INBOX").detail("flags", "+\\Seen").build();
 * }</pre>
 */
public final class AuditEvent {
    /** Longest value kept for any field: client-supplied text is bounded, never echoed whole. */
    public static final int MAX_VALUE_LENGTH = 500;
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    /**
     * Detail of a record that stands for several occurrences (refused logins aggregated per
     * throttle window): how many. Alert thresholds count such a record that many times.
     */
    public static final String ATTEMPTS = "attempts";

    private final AuditEventType type;
    private final AuditActor actor;
    private final Optional<String> sharedMailbox;
    private final Optional<String> ticket;
    private final Optional<String> messageId;
    private final String decision;
    private final Optional<String> reason;
    private final SortedMap<String, String> details;
    /** The details themselves, which {@link #details} wraps: iterated by the record's writer without a wrapper per entry. */
    private final TreeMap<String, String> sortedDetails;

    /** {@code details} becomes the event's own: no one else may change it afterwards. */
    private AuditEvent(AuditEventType type, AuditActor actor, Optional<String> sharedMailbox, Optional<String> ticket,
                       Optional<String> messageId, String decision, Optional<String> reason, TreeMap<String, String> details) {
        this.type = Objects.requireNonNull(type, "type");
        this.actor = Objects.requireNonNull(actor, "actor");
        this.sharedMailbox = sharedMailbox;
        this.ticket = ticket;
        this.messageId = messageId;
        this.decision = Objects.requireNonNull(decision, "decision");
        this.reason = reason;
        this.sortedDetails = details;
        this.details = Collections.unmodifiableSortedMap(sortedDetails);
    }

    /**
     * The event a record of the trail holds, its values as read: a writer only ever wrote bounded
     * ones, and a line edited to hold others is reported by the chain, not changed here.
     */
    static AuditEvent read(AuditEventType type, AuditActor actor, Optional<String> sharedMailbox, Optional<String> ticket,
                           Optional<String> messageId, String decision, Optional<String> reason, Map<String, String> details) {
        return new AuditEvent(type, actor, sharedMailbox, ticket, messageId, decision, reason, new TreeMap<>(details));
    }

    public static Builder of(AuditEventType type, AuditActor actor) {
        return new Builder(type, actor);
    }

    public AuditEventType type() {
        return type;
    }

    public AuditActor actor() {
        return actor;
    }

    public Optional<String> sharedMailbox() {
        return sharedMailbox;
    }

    public Optional<String> ticket() {
        return ticket;
    }

    public Optional<String> messageId() {
        return messageId;
    }

    /** Short verb of the outcome: {@code accepted}, {@code refused}, {@code created}, {@code deleted}... */
    public String decision() {
        return decision;
    }

    public Optional<String> reason() {
        return reason;
    }

    public SortedMap<String, String> details() {
        return details;
    }

    /** {@link #details} for this package's writer, which only reads it. */
    SortedMap<String, String> detailsToWrite() {
        return sortedDetails;
    }

    /** How many occurrences this event stands for: its {@link #ATTEMPTS} detail, else 1. */
    public int weight() {
        String attempts = details.get(ATTEMPTS);
        if (attempts == null) {
            return 1;
        }
        try {
            return Math.max(1, Integer.parseInt(attempts));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** Control characters (a forged CR/LF) become '?', and long values are cut. */
    static String bounded(String value) {
        String text = value.length() > MAX_VALUE_LENGTH ? value.substring(0, MAX_VALUE_LENGTH) + "..." : value;
        // Every value of every record passes here: String.replaceAll would compile the pattern each time.
        return hasControl(text) ? CONTROL.matcher(text).replaceAll("?") : text;
    }

    /** A plain loop: every value of every record passes here, on the thread of the recorded action. */
    private static boolean hasControl(String text) {
        for (int index = 0; index < text.length(); index++) {
            if (isControl(text.charAt(index))) {
                return true;
            }
        }
        return false;
    }

    /** What the pattern \p{Cntrl} matches: C0 controls and DEL. */
    private static boolean isControl(int character) {
        return character < 0x20 || character == 0x7f;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AuditEvent)) {
            return false;
        }
        AuditEvent that = (AuditEvent) o;
        return type == that.type && actor.equals(that.actor) && sharedMailbox.equals(that.sharedMailbox)
            && ticket.equals(that.ticket) && messageId.equals(that.messageId) && decision.equals(that.decision)
            && reason.equals(that.reason) && details.equals(that.details);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, actor, sharedMailbox, ticket, messageId, decision, reason, details);
    }

    @Override
    public String toString() {
        return type + " by " + actor + sharedMailbox.map(value -> " on " + value).orElse("")
            + ticket.map(value -> " ticket " + value).orElse("") + ": " + decision
            + reason.map(value -> " (" + value + ")").orElse("") + (details.isEmpty() ? "" : " " + details);
    }

    public static final class Builder {
        private final AuditEventType type;
        private final AuditActor actor;
        private Optional<String> sharedMailbox = Optional.empty();
        private Optional<String> ticket = Optional.empty();
        private Optional<String> messageId = Optional.empty();
        private String decision = "";
        private Optional<String> reason = Optional.empty();
        private TreeMap<String, String> details = new TreeMap<>();
        /**
         * Set once {@link #build} gave {@link #details} to an event, which keeps that map instead of
         * a copy (a copy per record cost its caller, in the server's profiled code, a fifth of
         * building the event): a builder used again after that first copies the map for itself.
         */
        private boolean detailsGiven;

        private Builder(AuditEventType type, AuditActor actor) {
            this.type = Objects.requireNonNull(type, "type");
            this.actor = Objects.requireNonNull(actor, "actor");
        }

        public Builder sharedMailbox(String address) {
            this.sharedMailbox = Optional.of(bounded(address));
            return this;
        }

        public Builder ticket(String ticket) {
            this.ticket = Optional.of(bounded(ticket));
            return this;
        }

        public Builder messageId(String messageId) {
            this.messageId = Optional.of(bounded(messageId));
            return this;
        }

        public Builder messageId(Optional<String> messageId) {
            messageId.ifPresent(this::messageId);
            return this;
        }

        public Builder decision(String decision) {
            this.decision = bounded(decision);
            return this;
        }

        public Builder reason(String reason) {
            this.reason = Optional.of(bounded(reason));
            return this;
        }

        public Builder detail(String key, String value) {
            Objects.requireNonNull(key, "key");
            String kept = bounded(value);
            if (detailsGiven) {
                details = new TreeMap<>(details);
                detailsGiven = false;
            }
            details.put(key, kept);
            return this;
        }

        public Builder detail(String key, long value) {
            return detail(key, Long.toString(value));
        }

        public AuditEvent build() {
            if (decision.isEmpty()) {
                throw new IllegalStateException("An audit event needs a decision: " + type);
            }
            detailsGiven = true;
            return new AuditEvent(type, actor, sharedMailbox, ticket, messageId, decision, reason, details);
        }
    }
}
