package com.teaminbox.james.mailets;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
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
import com.teaminbox.core.config.FolderName;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.rules.MimeMailReader;
import com.teaminbox.core.rules.Rule;
import com.teaminbox.core.rules.RuleAction;
import com.teaminbox.core.rules.RuleOutcome;
import com.teaminbox.core.rules.RuleSet;
import com.teaminbox.james.MessageHeaders;
import com.teaminbox.james.SharedAccounts;
import com.teaminbox.james.SpooledMessages;
import com.teaminbox.james.audit.MailEvents;
import com.teaminbox.james.configuration.SharedMailboxesConfigurationStore;
import com.teaminbox.james.rules.CompiledRules;
import com.teaminbox.james.rules.RuleNotifications;

/**
 * Applies a shared mailbox's rules to a mail for it: the folder, flags and keywords LocalDelivery
 * stores it with (a James {@link StorageDirective}), headers set or removed, notification mails,
 * and the acknowledgement template for the next mailet ({@value #TEMPLATE_ATTRIBUTE}). Audit-mode
 * rules are logged with what they would have done. Runs after {@link AssignTicket}.
 * <pre>{@code
 * <mailet match="All" class="com.teaminbox.james.mailets.ApplyRules"/>
 * }</pre>
 */
public class ApplyRules extends GenericMailet {
    public static final String TEMPLATE_ATTRIBUTE = "teaminbox.autoresponse.template";
    /** Set when a rule filed the mail into Junk: nothing automatic must answer it. */
    public static final AttributeName JUNK_ATTRIBUTE = AttributeName.of("teaminbox.rules.junk");
    private static final Logger LOGGER = LoggerFactory.getLogger(ApplyRules.class);

    private final SharedMailboxesConfigurationStore configurationStore;
    private final CompiledRules compiledRules;
    private final RuleNotifications notifications;
    private final SharedAccounts accounts;
    private final Clock clock;
    private final AuditTrail auditTrail;

    @Inject
    public ApplyRules(SharedMailboxesConfigurationStore configurationStore, CompiledRules compiledRules,
                      RuleNotifications notifications, SharedAccounts accounts, Clock clock,
                      AuditTrail auditTrail) {
        this.configurationStore = configurationStore;
        this.compiledRules = compiledRules;
        this.notifications = notifications;
        this.accounts = accounts;
        this.clock = clock;
        this.auditTrail = auditTrail;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Map<SharedMailbox, List<MailAddress>> groups = SharedMailboxRecipients.group(configurationStore.current(), mail.getRecipients());
        if (groups.size() != 1) {
            return;
        }
        SharedMailbox sharedMailbox = groups.keySet().iterator().next();
        if (sharedMailbox.rules().isEmpty()) {
            return;
        }
        RuleSet ruleSet = compiledRules.of(sharedMailbox);
        MimeMessage message = mail.getMessage();
        long size = mail.getMessageSize();
        RuleOutcome outcome;
        try (SpooledMessages.ReadOnlyMessage readable = SpooledMessages.readOnly(message, size)) {
            outcome = ruleSet.evaluate(new MimeMailReader(sharedMailbox.rules().bodyPrefixChars())
                .read(readable.message(), size, ZonedDateTime.now(clock.withZone(ZoneId.systemDefault())),
                    sharedMailbox.acknowledgement().map(AcknowledgementSettings::businessHours)));
        }
        String ticket = AttributeUtils.getValueAndCastFromMail(mail, AssignTicket.TICKET_ATTRIBUTE, String.class).orElse("");
        outcome.audited().forEach(rule -> auditTrail.record(MailEvents.about(AuditEventType.RULE_AUDITED, mail, sharedMailbox)
            .ticket(ticket).decision("would-apply").detail("rule", rule.name()).detail("actions", rule.actions().toString()).build()));
        outcome.applied().forEach(rule -> auditTrail.record(MailEvents.about(AuditEventType.RULE_MATCHED, mail, sharedMailbox)
            .ticket(ticket).decision("applied").detail("rule", rule.name()).detail("actions", rule.actions().toString()).build()));
        if (outcome.applied().isEmpty()) {
            return;
        }
        for (MailAddress recipient : groups.get(sharedMailbox)) {
            store(mail, accounts.username(recipient), outcome);
        }
        for (RuleAction.SetHeader header : outcome.headersToSet()) {
            message.setHeader(header.name(), header.value());
        }
        for (RuleAction.RemoveHeader header : outcome.headersToRemove()) {
            message.removeHeader(header.name());
        }
        MessageHeaders.saveHeaderChanges(message, mail.getName());
        if (outcome.folder().filter(FolderName.JUNK::equals).isPresent()) {
            mail.setAttribute(new Attribute(JUNK_ATTRIBUTE, AttributeValue.of(true)));
        }
        outcome.template().ifPresent(template -> mail.setAttribute(new Attribute(AttributeName.of(TEMPLATE_ATTRIBUTE), AttributeValue.of(template))));
        notify(mail, sharedMailbox, outcome, ticket, message);
        LOGGER.info("Rules of {} applied to ticket {}: {}", sharedMailbox.address().asString(), ticket,
            outcome.applied().stream().map(rule -> rule.name() + " " + rule.actions()).toList());
    }

    private static void store(Mail mail, Username recipient, RuleOutcome outcome) {
        StorageDirective.builder()
            .targetFolder(outcome.folder().map(ApplyRules::mailboxName))
            .seen(outcome.seen() ? Optional.of(true) : Optional.empty())
            .important(outcome.flagged() ? Optional.of(true) : Optional.empty())
            .build()
            .encodeAsAttributes(recipient)
            .forEach(mail::setAttribute);
        outcome.keywords().forEach(keyword -> Keywords.add(mail, recipient, keyword));
    }

    /** The mailbox layer's name for a folder: levels joined by James's default delimiter. */
    private static String mailboxName(FolderName folder) {
        return String.join(".", folder.levels());
    }

    private void notify(Mail mail, SharedMailbox sharedMailbox, RuleOutcome outcome, String ticket, MimeMessage message) {
        String subject = Optional.ofNullable(subject(message)).orElse("");
        for (Rule rule : outcome.applied()) {
            for (RuleAction action : rule.actions()) {
                try {
                    if (action instanceof RuleAction.Assign && ((RuleAction.Assign) action).notifyMember()) {
                        notifications.send(getMailetContext(), sharedMailbox, ((RuleAction.Assign) action).member(),
                            "Assigned to you", rule, ticket, subject);
                    } else if (action instanceof RuleAction.Notify) {
                        notifications.send(getMailetContext(), sharedMailbox, ((RuleAction.Notify) action).address(),
                            "Rule matched", rule, ticket, subject);
                    }
                } catch (MessagingException | RuntimeException e) {
                    // A notification is a courtesy: failing to send it must not cost the mail itself.
                    LOGGER.warn("Could not send the notification of rule '{}' for {} ({})", rule.name(), mail.getName(), e.getMessage());
                }
            }
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            return "";
        }
    }

    @Override
    public String getMailetInfo() {
        return "Shared-mailbox rules";
    }
}
