package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.inject.Singleton;

import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.inmemory.InMemoryMailboxManager;
import org.apache.james.mailbox.model.MailboxPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.audit.AuditRecord;
import com.teaminbox.it.RuleActionsIntegrationTest.Case;
import com.teaminbox.it.StoredMessages.StoredMessage;
import com.teaminbox.james.ticket.MailboxTicketRegistry;

/**
 * Issue 18: {@code ServeSharedMailbox} does what the six mailets of the {@code shared-mailbox}
 * processor did. Two real servers, one per form of the processor (one after the other: two James
 * servers cannot run in one JVM), get the same mails: every rule
 * action alone, in pairs and all together, active and audited ({@link RuleActionsIntegrationTest}'s
 * cases, among them the rules that only keyword, assign, set headers, notify or stop, which still
 * deliver to INBOX), a mail for two shared mailboxes (split), and a mail a part fails on (the
 * ticket registry's folder cannot be opened while it is processed). Then each server's result
 * is read the same way and compared: the folders, flags, keywords and headers of every stored
 * message, the notifications and assignments, the webhooks, the audit trail's system records, and the error
 * repository's mail with its state and error. Ticket numbers are compared without their digits:
 * the spooler's threads open tickets in any order.
 */
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class ServeSharedMailboxIntegrationTest {
    private static final String SUPPORT = "support@example.test";
    private static final String PROJECTS = "projects@example.test";
    private static final String ALICE = "alice@example.test";
    private static final String BOB = "bob@example.test";
    private static final String DAVE = "dave@example.test";
    private static final String JANE = "jane@customer.test";
    private static final List<String> FOLDERS = List.of("INBOX", "Billing", "Junk");
    /** In the subject and Message-ID of the mail sent while the ticket registry is down. */
    private static final String FAILING = "explode";
    private static final Pattern TICKET = Pattern.compile("\\b(SUP|PRJ)-\\d+\\b");

    /** What each form did, by form: the second to run compares its result with the first's. */
    private static final Map<String, Map<String, String>> RESULTS = new ConcurrentHashMap<>();
    private static final String SIX = "six steps";

    /** The six mailets first: the one step is then compared with what they did. */
    @Nested
    @Order(1)
    class SixSteps {
        private final WebhookReceiver receiver = startReceiver();
        @RegisterExtension
        TeamInboxServer server = server(SharedMailboxProcessors.sixStepsMailetContainer(), receiver);

        @AfterEach
        void stopReceiver() {
            receiver.close();
        }

        @Test
        void sixMailetsShouldDeliverEveryCaseAndParkTheFailingMail() throws Exception {
            Map<String, String> result = result(server, receiver, RuleActionsIntegrationTest.cases());

            assertThat(result.get("error repository")).contains("state=error");
            RESULTS.put(SIX, result);
        }
    }

    @Nested
    @Order(2)
    class OneStep {
        private final WebhookReceiver receiver = startReceiver();
        @RegisterExtension
        TeamInboxServer server = server(SharedMailboxProcessors.demoMailetContainer(), receiver);

        @AfterEach
        void stopReceiver() {
            receiver.close();
        }

        @Test
        void oneStepShouldDeliverRecordAndParkWhatTheSixMailetsDo() throws Exception {
            Map<String, String> oneStepResult = result(server, receiver, RuleActionsIntegrationTest.cases());

            assertThat(RESULTS).as("the six mailets' result: run the whole class, SixSteps first").containsKey(SIX);
            Map<String, String> sixStepsResult = RESULTS.get(SIX);
            assertThat(oneStepResult.keySet()).containsExactlyElementsOf(sixStepsResult.keySet());
            for (String part : sixStepsResult.keySet()) {
                assertThat(oneStepResult.get(part)).as(part).isEqualTo(sixStepsResult.get(part));
            }
            assertThat(oneStepResult.get("support@ stored")).contains("<split@customer.test>").doesNotContain(FAILING);
            assertThat(oneStepResult.get("projects@ stored")).contains("<split@customer.test>").contains("Subject: [PRJ-n] Split between us");
            assertThat(oneStepResult.get("error repository"))
                .contains("state=error")
                .contains("Exception calling com.teaminbox.james.mailets.AssignTicket: Could not open a ticket in support@example.test's Ticket Registry");
        }
    }

    private static TeamInboxServer server(String mailetContainer, WebhookReceiver receiver) {
        return TeamInboxServer.overriding(home -> home.withConfigurationFile("mailetcontainer.xml", mailetContainer)
                .withConfigurationFile("webhook.whsec", WebhookReceiver.SECRET)
                .withSharedMailboxes(configuration(receiver)),
            List.of(FAILING_TICKET_REGISTRY))
            .parkingMailOnPurpose();
    }

    private static WebhookReceiver startReceiver() {
        try {
            return new WebhookReceiver();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * James's mailbox manager, refusing while armed to open the ticket registry's folder, as a
     * storage outage would: AssignTicket then throws for the one mail sent meanwhile. (Our own
     * bindings live in the extension's child injector, which a test cannot override.)
     */
    private static final AtomicBoolean REGISTRY_DOWN = new AtomicBoolean();
    private static final AbstractModule FAILING_TICKET_REGISTRY = new AbstractModule() {
        @Provides
        @Singleton
        MailboxManager failingRegistry(InMemoryMailboxManager real) {
            return (MailboxManager) Proxy.newProxyInstance(ServeSharedMailboxIntegrationTest.class.getClassLoader(),
                new Class<?>[] {MailboxManager.class}, (proxy, method, arguments) -> {
                    if (REGISTRY_DOWN.get() && method.getName().equals("getMailbox") && arguments[0] instanceof MailboxPath path
                        && path.getName().equals(MailboxTicketRegistry.REGISTRY_FOLDER)) {
                        throw new MailboxException("Storage unavailable (injected fault)");
                    }
                    try {
                        return method.invoke(real, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        }
    };

    /** RuleActionsIntegrationTest's rules for support@, a receiver for its webhooks, and projects@ for the split mail. */
    private static String configuration(WebhookReceiver receiver) {
        return RuleActionsIntegrationTest.configuration(RuleActionsIntegrationTest.cases())
            .replace("    </rules>\n", "    </rules>\n"
                + "    <webhooks><endpoint name=\"receiver\" url=\"" + receiver.url() + "\" allow-private-network=\"true\">"
                + "<secret file=\"webhook.whsec\"/></endpoint></webhooks>\n")
            .replace("</shared-mailboxes>", "  <shared-mailbox address=\"" + PROJECTS + "\" ticket-prefix=\"PRJ\">\n"
                + "    <member address=\"alice@example.test\" role=\"full\"/>\n"
                + "  </shared-mailbox>\n</shared-mailboxes>");
    }

    private static String mail(String to, String subject, String messageId) {
        return "From: Jane <" + JANE + ">\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMessage-ID: " + messageId + "\r\n"
            + TesterOracle.CASE_HEADER + ": " + messageId + "\r\nX-Strip: yes\r\n\r\nHello.\r\n";
    }

    /** Sends the mails, waits until each is delivered, decided or parked, and reads what the server did, part by part. */
    private static Map<String, String> result(TeamInboxServer server, WebhookReceiver receiver, List<Case> cases) throws Exception {
        for (Case rule : cases) {
            server.smtp().sendRaw(JANE, SUPPORT, mail(SUPPORT, rule.subject(), rule.messageId()));
        }
        server.smtp().sendRaw(JANE, List.of(SUPPORT, PROJECTS), mail(SUPPORT + ", " + PROJECTS, "Split between us", "<split@customer.test>"));

        TesterOracle oracle = new TesterOracle(server, ALICE, FOLDERS);
        TeamInboxServer.awaitUntil(() -> oracle.messageCount(List.of(SUPPORT)) >= cases.size() + 1, "every case and the split mail delivered");
        server.awaitMessages(PROJECTS, ALICE, "INBOX", 1);
        WebAdminClient webAdmin = new WebAdminClient(server.ports().webAdmin());
        REGISTRY_DOWN.set(true);
        try {
            server.smtp().sendRaw(JANE, SUPPORT, mail(SUPPORT, "Please " + FAILING, "<" + FAILING + "@customer.test>"));
            TeamInboxServer.awaitUntil(() -> webAdmin.repositorySize(TeamInboxServer.ERROR_REPOSITORY) >= 1, "the failing mail parked");
        } finally {
            REGISTRY_DOWN.set(false);
        }
        long withTicket = cases.size() + 1L;
        TeamInboxServer.awaitUntil(() -> AuditRecords.of(server, AuditEventType.AUTORESPONSE_SENT, AuditEventType.AUTORESPONSE_SUPPRESSED)
            .size() >= withTicket, "an autoresponse decision per delivered support@ ticket");
        long webhooks = cases.stream().filter(rule -> rule.active(RuleActionsIntegrationTest.Action.WEBHOOK)).count();
        TeamInboxServer.awaitUntil(() -> receiver.received("rule.matched").size() >= webhooks, "a webhook per <webhook> case");
        long assignments = cases.stream().filter(rule -> rule.active(RuleActionsIntegrationTest.Action.ASSIGN)).count();
        long notifications = cases.stream().filter(rule -> rule.active(RuleActionsIntegrationTest.Action.NOTIFY)).count();
        new Mailboxes(server).awaitInbox(BOB, (int) assignments);
        new Mailboxes(server).awaitInbox(DAVE, (int) notifications);

        Map<String, String> result = new TreeMap<>();
        result.put("support@ stored", stored(server, SUPPORT, FOLDERS));
        result.put("projects@ stored", stored(server, PROJECTS, List.of("INBOX")));
        result.put("bob's assignments", sorted(new Mailboxes(server).inboxHeader(BOB, "Subject")));
        result.put("dave's notifications", sorted(new Mailboxes(server).inboxHeader(DAVE, "Subject")));
        result.put("webhooks", sorted(receiver.received("rule.matched").stream()
            .map(request -> request.body().replaceAll(".*\"rule\":\"([^\"]+)\".*", "$1")).toList()));
        // The server's decisions, not the members': each wait above polls through a member's IMAP login, recorded as
        // login-accepted, and how many polls a wait takes is the machine's timing, not the processor's doing.
        result.put("audit trail", sorted(AuditRecords.of(server).stream()
            .filter(record -> record.actor().kind() != AuditActor.Kind.MEMBER)
            .map(ServeSharedMailboxIntegrationTest::describe).toList()));
        result.put("error repository", parked(server));
        return result;
    }

    private static String stored(TeamInboxServer server, String sharedMailbox, List<String> folders) throws Exception {
        List<StoredMessage> messages;
        try (ImapTestClient imap = server.imapAsMemberOf(sharedMailbox, ALICE)) {
            messages = StoredMessages.read(imap, folders);
        }
        List<String> described = new ArrayList<>();
        for (StoredMessage message : messages) {
            described.add(message.header(TesterOracle.CASE_HEADER).orElse("?") + " in " + message.folder() + " " + sorted(List.copyOf(message.flags()))
                + " Subject: " + message.decoded("Subject").orElse("") + " X-Ticket: " + message.header("X-Ticket").orElse("")
                + " X-Rule-Set: " + message.header("X-Rule-Set").orElse("") + " X-Strip: " + message.header("X-Strip").orElse("")
                + " X-After: " + message.header("X-After").orElse("") + " Delivered-To: " + message.header("Delivered-To").orElse(""));
        }
        return sorted(described);
    }

    /** A record's type, decision, reason and details but the mail's James name (random) and the ticket numbers. */
    private static String describe(AuditRecord record) {
        Map<String, String> details = new TreeMap<>(record.details());
        details.remove("mailId");
        return withoutTicketNumbers(record.type() + " " + record.mailbox().orElse("") + " " + record.messageId().orElse("") + " "
            + record.ticket().orElse("") + " " + record.decision() + " " + record.reason().orElse("") + " " + details);
    }

    /** Each parked mail's recipients, state and the first line of its error, as WebAdmin lists them. */
    private static String parked(TeamInboxServer server) throws Exception {
        return sorted(ParkedMails.read(server).stream()
            .map(mail -> "recipients=" + mail.recipients() + " state=" + mail.state() + " error=" + mail.firstErrorLine()).toList());
    }

    private static String sorted(List<String> lines) {
        return lines.stream().map(ServeSharedMailboxIntegrationTest::withoutTicketNumbers).sorted().collect(Collectors.joining("\n"));
    }

    private static String withoutTicketNumbers(String text) {
        return TICKET.matcher(text).replaceAll("$1-n");
    }
}
