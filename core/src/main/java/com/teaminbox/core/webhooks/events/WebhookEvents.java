package com.teaminbox.core.webhooks.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;

import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.autoreply.SuppressionReason;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.core.rules.Rule;
import com.teaminbox.core.rules.RuleAction;
import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.core.webhooks.WebhookEvent;
import com.teaminbox.core.webhooks.WebhookEventType;
import com.teaminbox.core.webhooks.WebhookNotice;

/**
 * Which webhooks an audit record calls for. The trail is the one account of what happened to a
 * ticket, so webhooks are read from it rather than sent from each mailet:
 * <table>
 * <tr><th>audit record</th><th>webhook</th></tr>
 * <tr><td>ticket-created</td><td>ticket.created</td></tr>
 * <tr><td>ticket-threaded, sender not a member</td><td>ticket.customer-replied</td></tr>
 * <tr><td>send-accepted, subject with a ticket tag of the mailbox</td><td>ticket.member-replied</td></tr>
 * <tr><td>rule-matched, rule with {@code <assign>}</td><td>ticket.assigned (one per assignee)</td></tr>
 * <tr><td>rule-matched, rule with {@code <webhook endpoint>}</td><td>rule.matched, to that endpoint only</td></tr>
 * <tr><td>ticket-resolved / ticket-reopened</td><td>ticket.resolved / ticket.reopened</td></tr>
 * <tr><td>sla-warning / sla-breached</td><td>sla.warning / sla.breached</td></tr>
 * <tr><td>autoresponse-suppressed because the mail was automatic</td><td>autoresponse.suppressed</td></tr>
 * </table>
 * A record of a mailbox without endpoints costs one lookup.
 */
public final class WebhookEvents {
    /**
     * The record types a webhook can come from: {@link #of} sends nothing for any other, so that a
     * listener may not even be called for them ({@code AuditListener.heard}).
     */
    public static final Set<AuditEventType> SOURCES = Set.of(AuditEventType.TICKET_CREATED, AuditEventType.TICKET_THREADED,
        AuditEventType.SEND_ACCEPTED, AuditEventType.RULE_MATCHED, AuditEventType.TICKET_RESOLVED, AuditEventType.TICKET_REOPENED,
        AuditEventType.SLA_WARNING, AuditEventType.SLA_BREACHED, AuditEventType.AUTORESPONSE_SUPPRESSED);
    /** Suppressions that kept a robot or a loop quiet, as opposed to "already acknowledged" or "not addressed". */
    private static final Set<SuppressionReason> AUTOMATIC = Set.of(SuppressionReason.NULL_REVERSE_PATH, SuppressionReason.AUTO_SUBMITTED,
        SuppressionReason.PRECEDENCE, SuppressionReason.MAILING_LIST, SuppressionReason.RESPONSE_SUPPRESSED, SuppressionReason.SYSTEM_SENDER,
        SuppressionReason.DELIVERY_REPORT, SuppressionReason.OUR_OWN_MAILBOX, SuppressionReason.SENDER_DAILY_CAP);

    private WebhookEvents() {
    }

    public static List<WebhookNotice> of(AuditEvent record, Instant at, SharedMailboxesConfiguration configuration) {
        Optional<SharedMailbox> mailbox = record.sharedMailbox().flatMap(WebhookEvents::address).flatMap(configuration::find);
        if (mailbox.isEmpty() || mailbox.get().webhooks().endpoints().isEmpty()) {
            return List.of();
        }
        return new Mapping(record, at, mailbox.get()).notices();
    }

    private static Optional<MailAddress> address(String text) {
        try {
            return Optional.of(new MailAddress(text));
        } catch (AddressException e) {
            return Optional.empty();
        }
    }

    private static final class Mapping {
        private final AuditEvent record;
        private final Instant at;
        private final SharedMailbox mailbox;
        private final List<WebhookNotice> notices = new ArrayList<>();

        private Mapping(AuditEvent record, Instant at, SharedMailbox mailbox) {
            this.record = record;
            this.at = at;
            this.mailbox = mailbox;
        }

        private List<WebhookNotice> notices() {
            switch (record.type()) {
                case TICKET_CREATED:
                    toSubscribers(event(WebhookEventType.TICKET_CREATED, record.ticket(), senderActor(), Optional.empty(), Optional.empty()));
                    break;
                case TICKET_THREADED:
                    if (!sentByMember()) {
                        toSubscribers(event(WebhookEventType.CUSTOMER_REPLIED, record.ticket(), senderActor(), Optional.empty(), Optional.empty()));
                    }
                    break;
                case SEND_ACCEPTED:
                    ticketInSubject().ifPresent(ticket -> toSubscribers(
                        event(WebhookEventType.MEMBER_REPLIED, Optional.of(ticket), record.actor(), Optional.empty(), Optional.empty())));
                    break;
                case RULE_MATCHED:
                    ruleMatched();
                    break;
                case TICKET_RESOLVED:
                    toSubscribers(event(WebhookEventType.RESOLVED, record.ticket(), record.actor(), Optional.empty(), Optional.empty()));
                    break;
                case TICKET_REOPENED:
                    toSubscribers(event(WebhookEventType.REOPENED, record.ticket(), record.actor(), Optional.empty(), Optional.empty()));
                    break;
                case SLA_WARNING:
                    toSubscribers(event(WebhookEventType.SLA_WARNING, record.ticket(), record.actor(), Optional.empty(), Optional.empty()));
                    break;
                case SLA_BREACHED:
                    toSubscribers(event(WebhookEventType.SLA_BREACHED, record.ticket(), record.actor(), Optional.empty(), Optional.empty()));
                    break;
                case AUTORESPONSE_SUPPRESSED:
                    if (automatic()) {
                        toSubscribers(event(WebhookEventType.AUTORESPONSE_SUPPRESSED, record.ticket(), senderActor(), Optional.empty(),
                            Optional.empty()));
                    }
                    break;
                default:
                    break;
            }
            return notices;
        }

        private void ruleMatched() {
            Optional<Rule> rule = Optional.ofNullable(record.details().get("rule"))
                .flatMap(name -> mailbox.rules().rules().stream().filter(candidate -> candidate.name().equals(name)).findFirst());
            if (rule.isEmpty()) {
                // Reloaded since the mail was processed: the rule's actions are no longer known.
                return;
            }
            for (RuleAction action : rule.get().actions()) {
                if (action instanceof RuleAction.Assign) {
                    toSubscribers(event(WebhookEventType.ASSIGNED, record.ticket(), record.actor(), Optional.empty(),
                        Optional.of(((RuleAction.Assign) action).member().asString())));
                } else if (action instanceof RuleAction.Webhook) {
                    WebhookEvent matched = event(WebhookEventType.RULE_MATCHED, record.ticket(), senderActor(), Optional.of(rule.get().name()),
                        Optional.empty());
                    mailbox.webhooks().endpoint(((RuleAction.Webhook) action).endpoint())
                        .ifPresent(endpoint -> notices.add(new WebhookNotice(endpoint, matched)));
                }
            }
        }

        private WebhookEvent event(WebhookEventType type, Optional<String> ticket, AuditActor actor, Optional<String> rule,
                                   Optional<String> assignee) {
            return new WebhookEvent(type, at, mailbox.address().asString(), ticket, actor, subject(), record.messageId(), rule,
                assignee, record.reason().filter(reason -> type != WebhookEventType.TICKET_CREATED && type != WebhookEventType.CUSTOMER_REPLIED));
        }

        /** The subject without this mailbox's ticket tags: the payload has the ticket in its own field. */
        private Optional<String> subject() {
            return detail("subject").map(subject -> mailbox.subjectConventions().tagFormat().pattern(mailbox.ticketPrefix()).matcher(subject)
                .replaceAll("").replaceAll("\\s{2,}", " ").strip()).filter(subject -> !subject.isEmpty());
        }

        private void toSubscribers(WebhookEvent event) {
            mailbox.webhooks().endpoints().stream().filter(endpoint -> endpoint.hears(event.type()))
                .forEach(endpoint -> notices.add(new WebhookNotice(endpoint, event)));
        }

        /** Our mailets record as the system; the person who wrote the mail is their {@code sender} detail. */
        private AuditActor senderActor() {
            if (record.actor().kind() != AuditActor.Kind.SYSTEM) {
                return record.actor();
            }
            return detail("sender").map(sender -> address(sender).flatMap(mailbox::member).isPresent()
                ? AuditActor.member(sender) : AuditActor.externalSender(sender)).orElse(record.actor());
        }

        private boolean sentByMember() {
            return senderActor().kind() == AuditActor.Kind.MEMBER;
        }

        private Optional<String> ticketInSubject() {
            return record.ticket().or(() -> detail("subject")
                .flatMap(subject -> mailbox.subjectConventions().tagFormat().findAll(subject, mailbox.ticketPrefix()).stream().findFirst())
                .map(TicketId::toString));
        }

        private boolean automatic() {
            return record.reason().filter(reason -> AUTOMATIC.stream().anyMatch(kind -> reason.startsWith("suppress " + kind.name() + " "))).isPresent();
        }

        private Optional<String> detail(String name) {
            return Optional.ofNullable(record.details().get(name)).filter(value -> !value.isEmpty());
        }
    }
}
