package com.teaminbox.james.mailets;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.audit.AuditTrail;
import com.teaminbox.core.autoreply.AcknowledgementSettings;
import com.teaminbox.core.autoreply.AcknowledgementSubject;
import com.teaminbox.core.autoreply.AutoResponseDecision;
import com.teaminbox.core.autoreply.AutoResponseGovernor;
import com.teaminbox.core.autoreply.HeaderFields;
import com.teaminbox.core.autoreply.PreferredLanguages;
import com.teaminbox.core.autoreply.ReplyThreading;
import com.teaminbox.core.autoreply.ResponseTemplate;
import com.teaminbox.core.autoreply.SuppressionReason;
import com.teaminbox.core.autoreply.TemplateVariable;
import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.core.ticket.TicketSubjects;
import com.teaminbox.james.audit.MailEvents;
import com.teaminbox.james.autoreply.AcknowledgementLedger;
import com.teaminbox.james.autoreply.AcknowledgementMessage;
import com.teaminbox.james.autoreply.MailHeaderFields;

/**
 * Acknowledges a new ticket to its customer, when the shared mailbox has an
 * {@code <acknowledgement>} and {@link AutoResponseGovernor} allows it; at most once per ticket
 * and {@code per-sender-daily-cap} times a day per sender, as {@link AcknowledgementLedger}
 * remembers across nodes. The reply goes to the envelope sender (RFC 3834 section 4) with a null
 * envelope sender of its own, so that nothing ever answers it.
 * <pre>{@code
 * <mailet match="All" class="com.teaminbox.james.mailets.AssignTicket"/>
 * <mailet match="All" class="com.teaminbox.james.mailets.Acknowledge"/>
 * }</pre>
 * A rule may choose the template by setting the mail attribute {@code teaminbox.autoresponse.template}
 * to a template kind. The original mail always continues: a failure to acknowledge is logged, never thrown.
 */
public class Acknowledge extends GenericMailet {
    public static final AttributeName TEMPLATE_ATTRIBUTE = AttributeName.of("teaminbox.autoresponse.template");
    private static final Logger LOGGER = LoggerFactory.getLogger(Acknowledge.class);
    /** The only headers the decision and the template choice read: the rest of the mail's headers are never gathered. */
    private static final HeaderFields.Names HEADERS_READ = HeaderFields.Names.of(Stream.concat(AutoResponseGovernor.HEADERS_READ.stream(),
        PreferredLanguages.HEADERS_READ.stream()).toList());

    private final ConfigurationInForce configurationStore;
    private final AcknowledgementLedger ledger;
    private final Clock clock;
    private final AuditTrail auditTrail;
    private final AtomicReference<Governors> governors = new AtomicReference<>();

    @Inject
    public Acknowledge(ConfigurationInForce configurationStore, AcknowledgementLedger ledger, Clock clock,
                       AuditTrail auditTrail) {
        this.configurationStore = configurationStore;
        this.ledger = ledger;
        this.clock = clock;
        this.auditTrail = auditTrail;
    }

    @Override
    public void init() throws MessagingException {
        MailetParameters.of(this, Set.of());
    }

    @Override
    public void service(Mail mail) {
        serve(mail, MailView.of(mail));
    }

    /** This step on the view the parts of {@link ServeSharedMailbox} share. */
    void serve(Mail mail, MailView view) {
        if (!isNewTicket(mail)) {
            return;
        }
        SharedMailboxesConfiguration configuration = configurationStore.current();
        // Loops, not Optional and stream chains: every new ticket passes here (issue 18).
        Map<SharedMailbox, List<MailAddress>> groups = view.groups(configuration);
        if (groups.isEmpty()) {
            return;
        }
        SharedMailbox sharedMailbox = groups.keySet().iterator().next();
        if (sharedMailbox.acknowledgement().isEmpty()) {
            return;
        }
        String attribute = text(mail, AssignTicket.TICKET_ATTRIBUTE);
        Optional<TicketId> ticket = attribute == null ? Optional.empty() : TicketId.parse(attribute, sharedMailbox.ticketPrefix());
        if (ticket.isEmpty()) {
            return;
        }
        // Written once: the log context, the records and the reasons all name it.
        String ticketText = ticket.get().toString();
        try (MDC.MDCCloseable mailbox = MDC.putCloseable("sharedMailbox", sharedMailbox.address().asString());
             MDC.MDCCloseable ticketId = MDC.putCloseable("ticket", ticketText);
             MDC.MDCCloseable mailId = MDC.putCloseable("mailId", mail.getName())) {
            acknowledge(mail, view, configuration, sharedMailbox, ticket.get(), ticketText);
        } catch (Exception e) {
            // The customer's mail matters more than our acknowledgement: it goes on to delivery.
            LOGGER.warn("No acknowledgement for {} of {}: {}", ticketText, sharedMailbox.address().asString(), e.toString());
        }
    }

    /** The governor of this shared mailbox, built once per configuration (it copies every shared address of ours). */
    private AutoResponseGovernor governor(SharedMailboxesConfiguration configuration, SharedMailbox sharedMailbox) {
        Governors known = governors.get();
        if (known == null || known.configuration() != configuration) {
            Set<MailAddress> ourAddresses = configuration.sharedMailboxes().stream().map(SharedMailbox::address).collect(Collectors.toSet());
            known = new Governors(configuration, configuration.sharedMailboxes().stream().collect(Collectors.toMap(
                SharedMailbox::address, mailbox -> new AutoResponseGovernor(mailbox.address(), ourAddresses), (first, second) -> first)));
            governors.set(known);
        }
        AutoResponseGovernor governor = known.byAddress().get(sharedMailbox.address());
        return governor != null ? governor : new AutoResponseGovernor(sharedMailbox.address(),
            configuration.sharedMailboxes().stream().map(SharedMailbox::address).collect(Collectors.toSet()));
    }

    private record Governors(SharedMailboxesConfiguration configuration, Map<MailAddress, AutoResponseGovernor> byAddress) {
    }

    private static boolean isNewTicket(Mail mail) {
        return Boolean.TRUE.equals(value(mail, AssignTicket.NEW_TICKET_ATTRIBUTE));
    }

    /** The attribute's value, null without one: read on every mail, without Optional chains. */
    private static Object value(Mail mail, AttributeName name) {
        Optional<Attribute> attribute = mail.getAttribute(name);
        return attribute.isPresent() ? attribute.get().getValue().value() : null;
    }

    private static String text(Mail mail, AttributeName name) {
        return value(mail, name) instanceof String text ? text : null;
    }

    private void acknowledge(Mail mail, MailView view, SharedMailboxesConfiguration configuration, SharedMailbox sharedMailbox,
                             TicketId ticket, String ticketText) throws MessagingException {
        AcknowledgementSettings settings = sharedMailbox.acknowledgement().orElseThrow();
        MimeMessage original = view.message();
        HeaderFields headers = MailHeaderFields.of(original, HEADERS_READ);
        Optional<MailAddress> sender = mail.getMaybeSender().asOptional();
        AutoResponseDecision decision = governor(configuration, sharedMailbox).decide(sender, headers);
        if (!decision.shouldReply()) {
            suppressed(mail, view, sharedMailbox, ticketText, decision);
            return;
        }
        if (Boolean.TRUE.equals(value(mail, ApplyRules.JUNK_ATTRIBUTE))) {
            suppressed(mail, view, sharedMailbox, ticketText, AutoResponseDecision.suppress(SuppressionReason.FILED_AS_JUNK, "Junk"));
            return;
        }
        MailAddress customer = sender.orElseThrow();
        if (ledger.isAcknowledged(sharedMailbox.address(), ticket)) {
            suppressed(mail, view, sharedMailbox, ticketText, AutoResponseDecision.suppress(SuppressionReason.ALREADY_ACKNOWLEDGED, ticketText));
            return;
        }
        if (!ledger.takeDailySlot(sharedMailbox.address(), customer, settings.businessHours().zone(), settings.perSenderDailyCap())) {
            suppressed(mail, view, sharedMailbox, ticketText, AutoResponseDecision.suppress(SuppressionReason.SENDER_DAILY_CAP,
                settings.perSenderDailyCap() + " per day"));
            return;
        }
        Instant now = clock.instant();
        Optional<String> requestedKind = mail.getAttribute(TEMPLATE_ATTRIBUTE).flatMap(attribute -> attribute.getValue().valueAs(String.class));
        ResponseTemplate template = settings.choose(requestedKind, now, PreferredLanguages.of(headers))
            .orElseThrow(() -> new MessagingException("no template; the configuration parser guarantees an 'ack' in the default language"));
        String customerSubject = view.subject();
        Pattern ourTag = sharedMailbox.subjectConventions().tagFormat().pattern(ticket.prefix());
        MimeMessage acknowledgement = AcknowledgementMessage.build(sharedMailbox.address(),
            settings.displayName().or(sharedMailbox::displayName), customer,
            AcknowledgementSubject.of(customerSubject, ticket, sharedMailbox.subjectConventions().tagFormat(), template.incomingText()),
            ReplyThreading.replyTo(view.header("Message-ID"), view.header("References"), view.header("In-Reply-To")),
            template, values(sharedMailbox, settings, ticket, customer, view.header("From"),
                TicketSubjects.withoutReplyPrefixes(TicketSubjects.withoutTag(customerSubject, ourTag)), template, now), now);
        // Recorded before it goes: under on-failure="defer" no acknowledgement leaves unaudited.
        auditTrail.record(MailEvents.about(AuditEventType.AUTORESPONSE_SENT, mail, sharedMailbox, messageId(view))
            .ticket(ticketText).decision("sent").detail("to", customer.asString()).detail("template", template.toString()).build());
        ledger.recordAcknowledged(sharedMailbox.address(), ticket);
        // A null sender (MAIL FROM:<>): RFC 3834 section 3.3, no bounce and no response to a response.
        getMailetContext().sendMail(null, List.of(customer), acknowledgement);
        LOGGER.debug("Acknowledged {} to {} with template {}", ticket, customer.asString(), template);
    }

    private static Map<TemplateVariable, String> values(SharedMailbox sharedMailbox, AcknowledgementSettings settings, TicketId ticket,
                                                        MailAddress customer, Optional<String> from, String subject,
                                                        ResponseTemplate template, Instant now) {
        Map<TemplateVariable, String> values = new EnumMap<>(TemplateVariable.class);
        values.put(TemplateVariable.TICKET, ticket.toString());
        values.put(TemplateVariable.SUBJECT, subject);
        values.put(TemplateVariable.CUSTOMER_ADDRESS, customer.asString());
        values.put(TemplateVariable.CUSTOMER_NAME, customerName(from).orElse(customer.asString()));
        values.put(TemplateVariable.MAILBOX_ADDRESS, sharedMailbox.address().asString());
        values.put(TemplateVariable.MAILBOX_NAME, settings.displayName().or(sharedMailbox::displayName)
            .orElse(sharedMailbox.address().asString()));
        values.put(TemplateVariable.RESPONSE_TIME, settings.responseTime());
        DateTimeFormatter format = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy HH:mm", Locale.forLanguageTag(template.language()));
        settings.businessHours().nextOpening(now).ifPresent(opening ->
            values.put(TemplateVariable.NEXT_OPENING, opening.format(format) + " (" + opening.getZone() + ")"));
        return values;
    }

    /** The decoded display name of From, when there is one; templates escape it. */
    private static Optional<String> customerName(Optional<String> fromHeader) {
        return fromHeader.flatMap(from -> {
            try {
                InternetAddress[] addresses = InternetAddress.parseHeader(from, false);
                return addresses.length == 0 ? Optional.empty() : Optional.ofNullable(addresses[0].getPersonal());
            } catch (AddressException e) {
                return Optional.empty();
            }
        }).map(String::strip).filter(name -> !name.isEmpty());
    }

    private void suppressed(Mail mail, MailView view, SharedMailbox sharedMailbox, String ticket, AutoResponseDecision decision) {
        LOGGER.debug("No acknowledgement for {}: {}", ticket, decision);
        auditTrail.record(MailEvents.about(AuditEventType.AUTORESPONSE_SUPPRESSED, mail, sharedMailbox, messageId(view))
            .ticket(ticket).decision("suppressed").reason(decision.toString()).build());
    }

    /** As {@code MailEvents.about} without it: a message that cannot be read has no Message-ID. */
    private static Optional<String> messageId(MailView view) {
        try {
            return view.header("Message-ID");
        } catch (MessagingException e) {
            return Optional.empty();
        }
    }

    @Override
    public String getMailetInfo() {
        return "Acknowledges new tickets of shared mailboxes, governed by RFC 3834";
    }
}
