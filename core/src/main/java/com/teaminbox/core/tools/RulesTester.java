package com.teaminbox.core.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.mail.Address;
import javax.mail.Header;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;

import com.teaminbox.core.autoreply.AcknowledgementSettings;
import com.teaminbox.core.autoreply.AutoResponseDecision;
import com.teaminbox.core.autoreply.AutoResponseGovernor;
import com.teaminbox.core.autoreply.HeaderFields;
import com.teaminbox.core.autoreply.SuppressionReason;
import com.teaminbox.core.mailbox.Addresses;
import com.teaminbox.core.config.xml.ConfigurationException;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.core.config.SharedMailboxesConfigurationParser;
import com.teaminbox.core.rules.MimeMailReader;
import com.teaminbox.core.rules.Rule;
import com.teaminbox.core.rules.RuleDelivery;
import com.teaminbox.core.rules.RuleNotification;
import com.teaminbox.core.rules.RuleOutcome;
import com.teaminbox.core.rules.RuleSet;
import com.teaminbox.core.ticket.MessageIds;
import com.teaminbox.core.ticket.SubjectConventions;
import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.core.ticket.TicketThreading;

/**
 * The offline rules tester: what the server would decide for each mail, without a server.
 * It runs the server's own code (configuration parser, ticket threading, rules, autoresponse
 * governor); only storage is missing, so it assumes every tag in a subject was issued and says
 * which references it would look up.
 * <pre>
 * ./rules-test --config conf/shared-mailboxes.xml samples/*.eml
 * ./rules-test --config conf/shared-mailboxes.xml --recipient support@example.test saved/*.eml
 * </pre>
 * The second form is for mails whose envelope named the shared mailbox while their To and Cc do not.
 */
public final class RulesTester {
    private final SharedMailboxesConfiguration configuration;
    private final Clock clock;
    private final Session session = Session.getInstance(new Properties());

    public RulesTester(SharedMailboxesConfiguration configuration, Clock clock) {
        this.configuration = configuration;
        this.clock = clock;
    }

    public static void main(String[] args) {
        int first = 2;
        Optional<MailAddress> recipient = Optional.empty();
        if (args.length >= 4 && args[2].equals("--recipient")) {
            recipient = parse(args[3]);
            first = 4;
            if (recipient.isEmpty()) {
                System.err.println("--recipient '" + args[3] + "' is not a mail address");
                System.exit(2);
                return;
            }
        }
        if (args.length <= first || !args[0].equals("--config")) {
            System.err.println("usage: rules-test --config shared-mailboxes.xml [--recipient address] mail.eml [mail.eml ...]");
            System.exit(2);
            return;
        }
        try {
            SharedMailboxesConfiguration configuration = new SharedMailboxesConfigurationParser().parse(Path.of(args[1]));
            RulesTester tester = new RulesTester(configuration, Clock.systemDefaultZone());
            List<Path> mails = new ArrayList<>();
            for (int index = first; index < args.length; index++) {
                mails.add(Path.of(args[index]));
            }
            tester.test(mails, recipient, System.out);
        } catch (ConfigurationException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    public void test(List<Path> mails, PrintStream out) {
        test(mails, Optional.empty(), out);
    }

    /** As {@link #test(List, PrintStream)}, for mails sent to {@code recipient} whatever their To and Cc say. */
    public void test(List<Path> mails, Optional<MailAddress> recipient, PrintStream out) {
        for (Path mail : mails) {
            out.println(mail.getFileName());
            try (InputStream input = Files.newInputStream(mail)) {
                MimeMessage message = new MimeMessage(session, input);
                print(predict(message, Files.size(mail), recipient), out);
            } catch (IOException | MessagingException e) {
                out.println("  unreadable: " + e.getMessage());
            }
            out.println();
        }
    }

    /**
     * What the server would do with this mail, field by field. The envelope is read from the file:
     * Return-Path (else From) as sender; {@code recipient} when given, else the To and Cc addresses.
     */
    public RulesPrediction predict(MimeMessage message, long size, Optional<MailAddress> recipient) throws MessagingException {
        return predict(message, size, returnPath(message), recipient.isPresent() ? List.of(recipient.get()) : recipients(message),
            references -> Optional.empty());
    }

    /** What the server does with this mail when it arrives with this SMTP envelope. */
    public RulesPrediction predict(MimeMessage message, long size, Optional<MailAddress> envelopeSender, MailAddress envelopeRecipient)
        throws MessagingException {
        return predict(message, size, envelopeSender, List.of(envelopeRecipient), references -> Optional.empty());
    }

    /**
     * As {@link #predict(MimeMessage, long, Optional, MailAddress)}, for a caller that knows what the
     * server's conversation index holds: {@code conversations} gives the ticket of the Message-IDs a
     * reply refers to (In-Reply-To first, then References from the newest), if the server has seen one.
     */
    public RulesPrediction predict(MimeMessage message, long size, Optional<MailAddress> envelopeSender, MailAddress envelopeRecipient,
                                   Function<List<String>, Optional<TicketId>> conversations) throws MessagingException {
        return predict(message, size, envelopeSender, List.of(envelopeRecipient), conversations);
    }

    private RulesPrediction predict(MimeMessage message, long size, Optional<MailAddress> sender, List<MailAddress> recipients,
                                    Function<List<String>, Optional<TicketId>> conversations) throws MessagingException {
        Optional<SharedMailbox> target = recipients.stream()
            .flatMap(address -> configuration.find(address).stream())
            .findFirst();
        if (target.isEmpty()) {
            return RulesPrediction.notForASharedMailbox();
        }
        SharedMailbox sharedMailbox = target.get();
        String subject = Optional.ofNullable(message.getSubject()).orElse("");
        SubjectConventions conventions = sharedMailbox.subjectConventions();
        TicketThreading threading = conventions.threading(sharedMailbox.ticketPrefix());
        List<String> references = MessageIds.referencedBy(
            Optional.ofNullable(message.getHeader("In-Reply-To", null)), Optional.ofNullable(message.getHeader("References", null)));
        TicketThreading.Decision decision = threading.decide(subject, any -> true, () -> conversations.apply(references));
        TicketId example = decision.ticket().orElse(TicketId.of(sharedMailbox.ticketPrefix(), 1));
        String ticketSubject = threading.subjectFor(decision, example);
        Optional<String> vague = conventions.vagueSubjects().isVague(ticketSubject, conventions.tagFormat(), sharedMailbox.ticketPrefix())
            ? Optional.of(conventions.vagueSubjects().keyword()) : Optional.empty();
        ZonedDateTime received = ZonedDateTime.now(clock.withZone(ZoneId.systemDefault()));
        RuleOutcome outcome;
        try (RuleSet rules = RuleSet.compile(sharedMailbox.rules())) {
            outcome = rules.evaluate(new MimeMailReader(sharedMailbox.rules().bodyPrefixChars()).read(message, size, received,
                sharedMailbox.acknowledgement().map(AcknowledgementSettings::businessHours)));
        }
        RuleDelivery delivery = RuleDelivery.plan(outcome);
        boolean rawEightBit = Optional.ofNullable(message.getHeader("Subject", null)).filter(raw -> raw.chars().anyMatch(c -> c > 0x7f)).isPresent();
        return new RulesPrediction(Optional.of(sharedMailbox), decision.ticket(), decision.reason() == TicketThreading.Reason.REFERENCES,
            references, Optional.of(example), ticketSubject, rawEightBit, vague,
            outcome.applied(), outcome.audited(), Optional.of(delivery), autoresponse(message, sender, sharedMailbox, decision, delivery));
    }

    private static void print(RulesPrediction prediction, PrintStream out) {
        if (prediction.sharedMailbox().isEmpty()) {
            out.println("  not for a shared mailbox");
            return;
        }
        out.println("  shared mailbox: " + prediction.sharedMailbox().get().address().asString());
        if (prediction.threadedTicket().isPresent()) {
            out.println("  ticket: " + prediction.threadedTicket().get() + (prediction.threadedByReferences() ? " (from references)" : " (tag in the subject)"));
        } else {
            out.println("  ticket: " + (prediction.references().isEmpty() ? "new" : "from references " + prediction.references() + " if known, else new")
                + "; subject \"" + prediction.subject() + "\"");
        }
        if (prediction.rawEightBitSubject()) {
            out.println("  subject: raw 8-bit bytes, read as ISO-8859-1; the server may read them otherwise");
        }
        for (Rule rule : prediction.applied()) {
            out.println("  rule " + rule.name() + ": " + rule.actions().stream().map(Object::toString).collect(Collectors.joining(", ")));
        }
        for (Rule rule : prediction.audited()) {
            out.println("  audit rule " + rule.name() + ": would " + rule.actions().stream().map(Object::toString).collect(Collectors.joining(", ")));
        }
        if (prediction.applied().isEmpty() && prediction.audited().isEmpty()) {
            out.println("  no rule matches");
        }
        RuleDelivery delivery = prediction.delivery().orElseThrow();
        List<String> marks = prediction.flagsAndKeywords();
        out.println("  delivered to: " + delivery.folder().map(Object::toString).orElse("INBOX")
            + (marks.isEmpty() ? "" : " with " + String.join(" ", marks)));
        if (!delivery.headerEdits().isEmpty()) {
            out.println("  headers: " + delivery.headerEdits().stream().map(Object::toString).collect(Collectors.joining(", ")));
        }
        for (RuleNotification notification : delivery.notifications()) {
            out.println("  notification to " + notification.to().asString() + ": \"" + prediction.notificationSubject(notification)
                + "\" (rule " + notification.rule() + ")");
        }
        for (RuleDelivery.SkippedAction skipped : delivery.skipped()) {
            out.println("  " + skipped);
        }
        out.println("  autoresponse: " + prediction.autoresponse());
    }

    private String autoresponse(MimeMessage message, Optional<MailAddress> sender, SharedMailbox sharedMailbox, TicketThreading.Decision decision,
                                RuleDelivery delivery) throws MessagingException {
        if (sharedMailbox.acknowledgement().isEmpty()) {
            return RulesPrediction.NO_ACKNOWLEDGEMENT;
        }
        if (decision.ticket().isPresent()) {
            return RulesPrediction.NOT_A_NEW_TICKET;
        }
        Set<MailAddress> ours = configuration.sharedMailboxes().stream().map(SharedMailbox::address).collect(Collectors.toSet());
        AutoResponseDecision verdict = new AutoResponseGovernor(sharedMailbox.address(), ours).decide(sender, headers(message));
        if (verdict.shouldReply() && delivery.filedAsJunk()) {
            verdict = AutoResponseDecision.suppress(SuppressionReason.FILED_AS_JUNK, "Junk");
        }
        return verdict.shouldReply()
            ? RulesPrediction.ACKNOWLEDGE + delivery.template().map(template -> " with template " + template).orElse("")
            : "suppressed, " + verdict;
    }

    /** The envelope sender a sending server would give: Return-Path when the file has one, else From. */
    private static Optional<MailAddress> returnPath(MimeMessage message) throws MessagingException {
        String returnPath = message.getHeader("Return-Path", null);
        if (returnPath != null) {
            String address = returnPath.replaceAll("[<>\\s]", "");
            return address.isEmpty() ? Optional.empty() : parse(address);
        }
        Address[] from = message.getFrom();
        if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress)) {
            return Optional.empty();
        }
        return parse(((InternetAddress) from[0]).getAddress());
    }

    private static HeaderFields headers(MimeMessage message) throws MessagingException {
        HeaderFields.Builder builder = HeaderFields.builder();
        for (Enumeration<Header> all = message.getAllHeaders(); all.hasMoreElements(); ) {
            Header header = all.nextElement();
            builder.add(header.getName(), header.getValue());
        }
        return builder.build();
    }

    private static List<MailAddress> recipients(MimeMessage message) throws MessagingException {
        List<MailAddress> recipients = new ArrayList<>();
        for (Message.RecipientType type : List.of(Message.RecipientType.TO, Message.RecipientType.CC)) {
            Address[] addresses = message.getRecipients(type);
            if (addresses != null) {
                for (Address address : addresses) {
                    if (address instanceof InternetAddress) {
                        parse(((InternetAddress) address).getAddress()).ifPresent(recipients::add);
                    }
                }
            }
        }
        return recipients;
    }

    private static Optional<MailAddress> parse(String address) {
        try {
            return Optional.of(Addresses.parse(address));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
