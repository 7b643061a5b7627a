package com.teaminbox.james.mailets;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.StorageDirective;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.audit.AuditTrail;
import com.teaminbox.core.autoreply.AcknowledgementSettings;
import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.mailbox.FolderName;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.rules.Rule;
import com.teaminbox.core.rules.RuleDelivery;
import com.teaminbox.core.rules.RuleFields;
import com.teaminbox.core.rules.RuleNotification;
import com.teaminbox.core.rules.RuleOutcome;
import com.teaminbox.core.rules.RuleSet;
import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.james.audit.MailEvents;
import com.teaminbox.james.common.KnownFolders;
import com.teaminbox.james.common.MessageHeaders;
import com.teaminbox.james.common.SharedAccounts;
import com.teaminbox.james.common.SpooledMessages;
import com.teaminbox.james.rules.CompiledRules;
import com.teaminbox.james.rules.RuleNotifications;

/**
 * Applies a shared mailbox's rules to a mail for it: the folder, flags and keywords LocalDelivery
 * stores it with (a James {@link StorageDirective}), headers set or removed, notification mails,
 * and the acknowledgement template for the next mailet ({@value #TEMPLATE_ATTRIBUTE}). Audit-mode
 * rules are logged with what they would have done. Runs after {@link AssignTicket}.
 *
 * <p>What to do is planned in core ({@link RuleDelivery}, the offline tester prints the same plan).
 * An action that cannot be applied to this mail (a folder deleted since the reload, a header value
 * no line can carry, a notification that cannot be sent) is skipped: the mail is delivered without
 * it and a {@code rule-action-skipped} audit record says why. Nothing here sends mail to the error
 * repository for a rule's sake.
 * <pre>{@code
 * <mailet match="All" class="com.teaminbox.james.mailets.ApplyRules"/>
 * }</pre>
 */
public class ApplyRules extends GenericMailet {
    public static final String TEMPLATE_ATTRIBUTE = "teaminbox.autoresponse.template";
    /** Set when a rule filed the mail into Junk: nothing automatic must answer it. */
    public static final AttributeName JUNK_ATTRIBUTE = AttributeName.of("teaminbox.rules.junk");
    private static final Logger LOGGER = LoggerFactory.getLogger(ApplyRules.class);

    private final ConfigurationInForce configurationStore;
    private final CompiledRules compiledRules;
    private final RuleNotifications notifications;
    private final SharedAccounts accounts;
    private final Clock clock;
    private final AuditTrail auditTrail;
    private final KnownFolders knownFolders;

    @Inject
    public ApplyRules(ConfigurationInForce configurationStore, CompiledRules compiledRules,
                      RuleNotifications notifications, SharedAccounts accounts, Clock clock,
                      AuditTrail auditTrail, KnownFolders knownFolders) {
        this.configurationStore = configurationStore;
        this.compiledRules = compiledRules;
        this.notifications = notifications;
        this.accounts = accounts;
        this.clock = clock;
        this.auditTrail = auditTrail;
        this.knownFolders = knownFolders;
    }

    /** What to do lives in shared-mailboxes.xml (reloadable), not here: no parameter. */
    @Override
    public void init() throws MessagingException {
        MailetParameters.of(this, Set.of());
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        serve(mail, MailView.of(mail));
    }

    /** This step on the view the parts of {@link ServeSharedMailbox} share; a rule's header edits are marked changed there. */
    void serve(Mail mail, MailView view) throws MessagingException {
        Map<SharedMailbox, List<MailAddress>> groups = view.groups(configurationStore.current());
        if (groups.size() != 1) {
            return;
        }
        SharedMailbox sharedMailbox = groups.keySet().iterator().next();
        if (sharedMailbox.rules().isEmpty()) {
            return;
        }
        RuleSet ruleSet = compiledRules.of(sharedMailbox);
        MimeMessage message = view.message();
        long size = sizeToRead(mail, message, ruleSet);
        RuleOutcome outcome;
        try (SpooledMessages.ReadOnlyMessage readable = SpooledMessages.readOnly(message, size)) {
            // Only the fields and headers some rule reads are parsed and decoded; the body in one pass, no String of it,
            // from the bytes James received when they are at hand: James would parse the whole message again.
            MimeMessage toRead = readable.copy().isPresent() || !readsContent(ruleSet) ? readable.message()
                : ReceivedBodyMessage.of(message, SpooledMessages.IN_HEAP_LIMIT_BYTES).orElse(message);
            outcome = ruleSet.evaluate(toRead, size, ZonedDateTime.now(clock.withZone(ZoneId.systemDefault())),
                sharedMailbox.acknowledgement().map(AcknowledgementSettings::businessHours));
        }
        if (outcome.audited().isEmpty() && outcome.applied().isEmpty()) {
            return;
        }
        String ticket = AttributeUtils.getValueAndCastFromMail(mail, AssignTicket.TICKET_ATTRIBUTE, String.class).orElse("");
        // Read once for every record of this mail, not once per record.
        Optional<String> messageId = view.header("Message-ID");
        // Plain loops, no lambda per record: the server runs this code mostly at C1 (docs/benchmarks.md).
        for (Rule rule : outcome.audited()) {
            auditTrail.record(MailEvents.about(AuditEventType.RULE_AUDITED, mail, sharedMailbox, messageId)
                .ticket(ticket).decision("would-apply").detail("rule", rule.name()).detail("actions", rule.actions().toString()).build());
        }
        if (outcome.applied().isEmpty()) {
            return;
        }
        // the subject, bounded by the trail, is what a rule's <webhook> tells its receiver
        String subject = view.subject();
        for (Rule rule : outcome.applied()) {
            auditTrail.record(MailEvents.about(AuditEventType.RULE_MATCHED, mail, sharedMailbox, messageId)
                .ticket(ticket).decision("applied").detail("rule", rule.name()).detail("actions", rule.actions().toString())
                .detail("subject", subject).build());
        }
        apply(mail, view, sharedMailbox, groups.get(sharedMailbox), outcome, ticket, subject, messageId);
    }

    /** Whether a rule reads the body or the attachments' names: only then is the message's content read at all. */
    private static boolean readsContent(RuleSet ruleSet) {
        return ruleSet.readsField(RuleFields.BODY) || ruleSet.readsField(RuleFields.ATTACHMENT);
    }

    /**
     * The mail's size as James reports it when a rule compares it; otherwise its body's size, which
     * serves {@link SpooledMessages} as well (a big mail is a big body) and no decision reads. Once a
     * header changed (AssignTicket's subject), James computes the mail's size by parsing the headers
     * of its stored copy again, on each call.
     */
    private static long sizeToRead(Mail mail, MimeMessage message, RuleSet ruleSet) throws MessagingException {
        if (!ruleSet.readsSize()) {
            int bodySize = message.getSize();
            if (bodySize >= 0) {
                return bodySize;
            }
        }
        return mail.getMessageSize();
    }

    /** Carries out the active rules' plan; an action that cannot be applied is skipped and recorded, never fatal to the mail. */
    private void apply(Mail mail, MailView view, SharedMailbox sharedMailbox, List<MailAddress> recipients, RuleOutcome outcome, String ticket,
                       String subject, Optional<String> messageId) throws MessagingException {
        List<Username> owners = new ArrayList<>(recipients.size());
        for (MailAddress recipient : recipients) {
            owners.add(accounts.username(recipient));
        }
        RuleDelivery delivery = RuleDelivery.plan(outcome, folder -> allHave(owners, folder));
        Optional<String> folder = delivery.folder().isPresent() ? Optional.of(mailboxName(delivery.folder().get())) : Optional.empty();
        for (Username owner : owners) {
            Keywords.setFolderFlagsAndAdd(mail, owner, folder, delivery.seen(), delivery.flagged(), delivery.keywords());
        }
        MimeMessage message = view.message();
        List<RuleDelivery.SkippedAction> skipped = new ArrayList<>(delivery.skipped());
        try {
            editHeaders(mail, message, delivery, skipped);
        } finally {
            // Also when saving the edits failed: the parts after this one (under onMailetException="ignore")
            // must read the headers as they now are, as their own mailet steps would.
            if (!delivery.headerEdits().isEmpty()) {
                view.headersChanged();
            }
        }
        if (delivery.filedAsJunk()) {
            mail.setAttribute(new Attribute(JUNK_ATTRIBUTE, AttributeValue.of(true)));
        }
        if (delivery.template().isPresent()) {
            mail.setAttribute(new Attribute(AttributeName.of(TEMPLATE_ATTRIBUTE), AttributeValue.of(delivery.template().get())));
        }
        // A rule's header edit may have rewritten the subject the notification quotes.
        String notifiedSubject = delivery.headerEdits().isEmpty() ? subject : view.subject();
        notify(sharedMailbox, delivery, ticket, notifiedSubject, skipped);
        for (RuleDelivery.SkippedAction action : skipped) {
            auditTrail.record(MailEvents.about(AuditEventType.RULE_ACTION_SKIPPED, mail, sharedMailbox,
                    delivery.headerEdits().isEmpty() ? messageId : view.header("Message-ID"))
                .ticket(ticket).decision("skipped").detail("rule", action.rule()).detail("action", action.action())
                .detail("reason", action.reason()).build());
        }
        if (!skipped.isEmpty()) {
            LOGGER.warn("Rules of {}: {} action(s) skipped for mail {}, delivered without them: {}", sharedMailbox.address().asString(),
                skipped.size(), mail.getName(), skipped);
        }
        LOGGER.debug("Rules of {} applied to ticket {}: {}", sharedMailbox.address().asString(), ticket, delivery);
    }

    private boolean allHave(List<Username> owners, FolderName folder) {
        for (Username owner : owners) {
            if (!folderExists(owner, folder)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the shared account still has the folder: LocalDelivery would create a missing one, with
     * none of the members' rights, where no member could see the mail.
     */
    private boolean folderExists(Username account, FolderName folder) {
        try {
            return knownFolders.exists(account, folder);
        } catch (MailboxException | RuntimeException e) {
            LOGGER.warn("Cannot tell whether folder {} of {} exists ({}); delivering to it", folder, account.asString(), e.getMessage());
            return true;
        }
    }

    private static void editHeaders(Mail mail, MimeMessage message, RuleDelivery delivery, List<RuleDelivery.SkippedAction> skipped) {
        if (delivery.headerEdits().isEmpty()) {
            return;
        }
        for (RuleDelivery.HeaderEdit edit : delivery.headerEdits()) {
            try {
                if (edit.value().isPresent()) {
                    message.setHeader(edit.name(), edit.value().get());
                } else {
                    message.removeHeader(edit.name());
                }
            } catch (MessagingException | RuntimeException e) {
                skipped.add(new RuleDelivery.SkippedAction("", edit.toString(), "the message refused it: " + e.getMessage()));
            }
        }
        MessageHeaders.saveHeaderChanges(message, mail.getName());
    }

    /** The mailbox layer's name for a folder: levels joined by James's default delimiter. */
    private static String mailboxName(FolderName folder) {
        return String.join(".", folder.levels());
    }

    private void notify(SharedMailbox sharedMailbox, RuleDelivery delivery, String ticket, String subject,
                        List<RuleDelivery.SkippedAction> skipped) {
        Optional<TicketId> ticketId = TicketId.parse(ticket, sharedMailbox.ticketPrefix());
        for (RuleNotification notification : delivery.notifications()) {
            try {
                notifications.send(getMailetContext(), sharedMailbox, notification, ticketId, subject);
            } catch (MessagingException | RuntimeException e) {
                // A notification is a courtesy: failing to send it must not cost the mail itself.
                skipped.add(new RuleDelivery.SkippedAction(notification.rule(), "notify " + notification.to().asString(),
                    "cannot be sent: " + e.getMessage()));
            }
        }
    }

    @Override
    public String getMailetInfo() {
        return "Shared-mailbox rules";
    }
}
