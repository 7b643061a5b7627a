package com.teaminbox.core.retention;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;

import com.teaminbox.core.ticket.TicketId;

/**
 * A legal hold: messages it covers are never deleted or moved, whatever their age.
 * <pre>{@code
 * <hold keyword="$Hold"/>                 any message carrying the keyword (members set it over IMAP)
 * <hold sender="counsel@lawfirm.test"/>   mail from this address
 * <hold domain="lawfirm.test"/>           mail from this domain
 * <hold ticket="SUP-12"/>                 every message of the ticket (its tag in the subject)
 * <hold all="true"/>                      the whole shared mailbox
 * }</pre>
 * Each may carry a {@code reason} that receipts and run records repeat.
 */
public final class RetentionHold {
    public enum Kind {
        KEYWORD("keyword"),
        SENDER("sender"),
        DOMAIN("domain"),
        TICKET("ticket"),
        ALL("all");

        private final String attribute;

        Kind(String attribute) {
            this.attribute = attribute;
        }

        public String attribute() {
            return attribute;
        }
    }

    private final Kind kind;
    private final String value;
    private final Optional<String> reason;

    public static RetentionHold keyword(String keyword, Optional<String> reason) {
        return new RetentionHold(Kind.KEYWORD, keyword, reason);
    }

    public static RetentionHold sender(MailAddress sender, Optional<String> reason) {
        return new RetentionHold(Kind.SENDER, sender.asString().toLowerCase(Locale.ROOT), reason);
    }

    public static RetentionHold domain(Domain domain, Optional<String> reason) {
        return new RetentionHold(Kind.DOMAIN, domain.asString(), reason);
    }

    public static RetentionHold ticket(TicketId ticket, Optional<String> reason) {
        return new RetentionHold(Kind.TICKET, ticket.toString(), reason);
    }

    public static RetentionHold all(Optional<String> reason) {
        return new RetentionHold(Kind.ALL, "true", reason);
    }

    private RetentionHold(Kind kind, String value, Optional<String> reason) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.value = Objects.requireNonNull(value, "value");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Kind kind() {
        return kind;
    }

    /** The keyword, lower-case address, domain, ticket ({@code SUP-12}), or {@code true}. */
    public String value() {
        return value;
    }

    public Optional<String> reason() {
        return reason;
    }

    boolean covers(MessageFacts message, List<TicketId> tickets) {
        switch (kind) {
            case KEYWORD:
                return message.hasFlag(value);
            case SENDER:
                return message.sender().map(sender -> sender.asString().equalsIgnoreCase(value)).orElse(false);
            case DOMAIN:
                return message.sender().map(sender -> sender.getDomain().asString().equalsIgnoreCase(value)).orElse(false);
            case TICKET:
                return tickets.stream().anyMatch(id -> id.toString().equals(value));
            default:
                return true;
        }
    }

    /** {@code keyword=$Hold}, {@code all=true (litigation ACME)}. */
    public String describe() {
        return kind.attribute() + "=" + value + reason.map(text -> " (" + text + ")").orElse("");
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RetentionHold)) {
            return false;
        }
        RetentionHold that = (RetentionHold) o;
        return kind == that.kind && value.equals(that.value) && reason.equals(that.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, value, reason);
    }

    @Override
    public String toString() {
        return describe();
    }
}
