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
import com.teaminbox.core.config.Addresses;
import com.teaminbox.core.config.ConfigurationException;
import com.teaminbox.core.config.FolderName;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.core.config.SharedMailboxesConfigurationParser;
import com.teaminbox.core.rules.MimeMailReader;
import com.teaminbox.core.rules.Rule;
import com.teaminbox.core.rules.RuleOutcome;
import com.teaminbox.core.rules.RuleSet;
import com.teaminbox.core.ticket.MessageIds;
import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.core.ticket.TicketThreading;

/**
 * The offline rules tester: what the server would decide for each mail, without a server.
 * It runs the server's own code (configuration parser, ticket threading, rules, autoresponse
 * governor); only storage is missing, so it assumes every tag in a subject was issued and says
 * which references it would look up.
 * <pre>
 * ./rules-test --config conf/shared-mailboxes.xml samples/*.eml
 * </pre>
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
        if (args.length < 3 || !args[0].equals("--config")) {
            System.err.println("usage: rules-test --config shared-mailboxes.xml mail.eml [mail.eml ...]");
            System.exit(2);
            return;
        }
        try {
            SharedMailboxesConfiguration configuration = new SharedMailboxesConfigurationParser().parse(Path.of(args[1]));
            RulesTester tester = new RulesTester(configuration, Clock.systemDefaultZone());
            List<Path> mails = new ArrayList<>();
            for (int index = 2; index < args.length; index++) {
                mails.add(Path.of(args[index]));
            }
            tester.test(mails, System.out);
        } catch (ConfigurationException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    public void test(List<Path> mails, PrintStream out) {
        for (Path mail : mails) {
            out.println(mail.getFileName());
            try (InputStream input = Files.newInputStream(mail)) {
                MimeMessage message = new MimeMessage(session, input);
                describe(message, Files.size(mail), out);
            } catch (IOException | MessagingException e) {
                out.println("  unreadable: " + e.getMessage());
            }
            out.println();
        }
    }

    private void describe(MimeMessage message, long size, PrintStream out) throws MessagingException {
        Optional<SharedMailbox> target = recipients(message).stream()
            .flatMap(address -> configuration.find(address).stream())
            .findFirst();
        if (target.isEmpty()) {
            out.println("  not for a shared mailbox");
            return;
        }
        SharedMailbox sharedMailbox = target.get();
        out.println("  shared mailbox: " + sharedMailbox.address().asString());
        String subject = Optional.ofNullable(message.getSubject()).orElse("");
        TicketThreading threading = sharedMailbox.subjectConventions().threading(sharedMailbox.ticketPrefix());
        List<String> references = MessageIds.referencedBy(
            Optional.ofNullable(message.getHeader("In-Reply-To", null)), Optional.ofNullable(message.getHeader("References", null)));
        TicketThreading.Decision decision = threading.decide(subject, any -> true, Optional::empty);
        if (decision.ticket().isPresent()) {
            out.println("  ticket: " + decision.ticket().get() + " (tag in the subject)");
        } else {
            TicketId example = TicketId.of(sharedMailbox.ticketPrefix(), 1);
            String tagged = threading.subjectFor(decision, example).replace(example.toString(), sharedMailbox.ticketPrefix() + "-?");
            out.println("  ticket: " + (references.isEmpty() ? "new" : "from references " + references + " if known, else new")
                + "; subject \"" + tagged + "\"");
        }
        ZonedDateTime received = ZonedDateTime.now(clock.withZone(ZoneId.systemDefault()));
        try (RuleSet rules = RuleSet.compile(sharedMailbox.rules())) {
            RuleOutcome outcome = rules.evaluate(new MimeMailReader(sharedMailbox.rules().bodyPrefixChars()).read(message, size, received,
                sharedMailbox.acknowledgement().map(AcknowledgementSettings::businessHours)));
            for (Rule rule : outcome.applied()) {
                out.println("  rule " + rule.name() + ": " + rule.actions().stream().map(Object::toString).collect(Collectors.joining(", ")));
            }
            for (Rule rule : outcome.audited()) {
                out.println("  audit rule " + rule.name() + ": would " + rule.actions().stream().map(Object::toString).collect(Collectors.joining(", ")));
            }
            if (outcome.applied().isEmpty() && outcome.audited().isEmpty()) {
                out.println("  no rule matches");
            }
            out.println("  delivered to: " + outcome.folder().map(Object::toString).orElse("INBOX")
                + flags(outcome));
            describeAutoresponse(message, sharedMailbox, decision, outcome, out);
        }
    }

    private void describeAutoresponse(MimeMessage message, SharedMailbox sharedMailbox, TicketThreading.Decision decision,
                                      RuleOutcome outcome, PrintStream out) throws MessagingException {
        if (sharedMailbox.acknowledgement().isEmpty()) {
            out.println("  autoresponse: none configured");
            return;
        }
        if (decision.ticket().isPresent()) {
            out.println("  autoresponse: none (not a new ticket)");
            return;
        }
        Set<MailAddress> ours = configuration.sharedMailboxes().stream().map(SharedMailbox::address).collect(Collectors.toSet());
        AutoResponseDecision verdict = new AutoResponseGovernor(sharedMailbox.address(), ours).decide(returnPath(message), headers(message));
        if (verdict.shouldReply() && outcome.folder().filter(FolderName.JUNK::equals).isPresent()) {
            verdict = AutoResponseDecision.suppress(SuppressionReason.FILED_AS_JUNK, "Junk");
        }
        out.println("  autoresponse: " + (verdict.shouldReply()
            ? "acknowledge" + outcome.template().map(template -> " with template " + template).orElse("")
            : "suppressed, " + verdict));
    }

    private static String flags(RuleOutcome outcome) {
        List<String> marks = new ArrayList<>();
        if (outcome.flagged()) {
            marks.add("\\Flagged");
        }
        if (outcome.seen()) {
            marks.add("\\Seen");
        }
        marks.addAll(outcome.keywords());
        return marks.isEmpty() ? "" : " with " + String.join(" ", marks);
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
