package com.teaminbox.core.sla.facts;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.sla.TicketFact;

/**
 * Which audit records are facts of a ticket's lifecycle (docs/sla.md):
 * <table>
 *   <caption>record to fact</caption>
 *   <tr><td>ticket-created</td><td>opened (the customer's first mail)</td></tr>
 *   <tr><td>ticket-threaded, sent by anyone but a member or the shared address</td><td>customer message</td></tr>
 *   <tr><td>send-accepted with a ticket</td><td>member reply</td></tr>
 *   <tr><td>rule-matched, rule-audited</td><td>the rule that selects a policy</td></tr>
 *   <tr><td>ticket-resolved, ticket-reopened, ticket-pending (pending | resumed)</td><td>the same</td></tr>
 * </table>
 * {@code flags-changed} names messages, not tickets: the server turns a {@code $Resolved} or
 * {@code $Pending} change into the ticket records above, which come back here.
 */
public final class TicketFacts {
    public static final String RESOLVED_KEYWORD = "$Resolved";
    public static final String PENDING_KEYWORD = "$Pending";
    public static final String PENDING = "pending";
    public static final String RESUMED = "resumed";

    private TicketFacts() {
    }

    public static Optional<TicketFact> of(AuditEvent event, Instant at, SharedMailbox sharedMailbox) {
        if (event.ticket().isEmpty() || !event.sharedMailbox().map(sharedMailbox.address().asString()::equalsIgnoreCase).orElse(false)) {
            return Optional.empty();
        }
        String ticket = event.ticket().get();
        String actor = event.actor().name();
        return switch (event.type()) {
            case TICKET_CREATED -> Optional.of(TicketFact.of(ticket, TicketFact.Kind.OPENED, at, sender(event)));
            case TICKET_THREADED -> isTeam(sender(event), sharedMailbox)
                ? Optional.empty()
                : Optional.of(TicketFact.of(ticket, TicketFact.Kind.CUSTOMER_MESSAGE, at, sender(event)));
            case SEND_ACCEPTED -> Optional.of(TicketFact.of(ticket, TicketFact.Kind.MEMBER_REPLY, at, actor));
            case RULE_MATCHED, RULE_AUDITED -> Optional.ofNullable(event.details().get("rule"))
                .map(rule -> new TicketFact(ticket, TicketFact.Kind.RULE_MATCHED, at, actor, rule));
            case TICKET_RESOLVED -> Optional.of(TicketFact.of(ticket, TicketFact.Kind.RESOLVED, at, actor));
            case TICKET_REOPENED -> Optional.of(TicketFact.of(ticket, TicketFact.Kind.REOPENED, at, actor));
            case TICKET_PENDING -> Optional.of(TicketFact.of(ticket,
                event.decision().equals(RESUMED) ? TicketFact.Kind.RESUMED : TicketFact.Kind.PENDING, at, actor));
            default -> Optional.empty();
        };
    }

    /** Mail events are the system's decisions; who wrote the mail is their {@code sender} detail. */
    private static String sender(AuditEvent event) {
        return event.details().getOrDefault("sender", event.actor().name());
    }

    private static boolean isTeam(String sender, SharedMailbox sharedMailbox) {
        String address = sender.toLowerCase(Locale.ROOT);
        return sharedMailbox.address().asString().equalsIgnoreCase(address)
            || sharedMailbox.members().stream().anyMatch(member -> member.address().asString().equalsIgnoreCase(address));
    }
}
