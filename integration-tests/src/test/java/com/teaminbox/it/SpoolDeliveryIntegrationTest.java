package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.inject.Singleton;

import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.inmemory.InMemoryMailboxManager;
import org.apache.james.mailbox.model.MailboxPath;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.teaminbox.it.RuleActionsIntegrationTest.Action;
import com.teaminbox.it.RuleActionsIntegrationTest.Case;

import reactor.core.publisher.Mono;

/**
 * Issue 18: {@code LocalDeliveryOnce} delivers on the spool thread without James's
 * {@code MailDispatcher}, and stores what James's {@code LocalDelivery} stores. Two real servers,
 * one after the other: the {@code shared-mailbox} processor's six steps ending with James's
 * {@code LocalDelivery}, then the demo's one step ({@code ServeSharedMailbox}, whose delivery is
 * {@code LocalDeliveryOnce}). Both get the same mails: every rule action alone, in pairs and all
 * together ({@link RuleActionsIntegrationTest}'s cases but the webhook's: folders, flags,
 * keywords, headers), a mail for two shared mailboxes (a {@code Delivered-To} per recipient), and
 * a mail for two shared mailboxes whose store keeps failing for one of them (James's retries, then
 * the error processor for that recipient, the other delivered). Compared: every stored message
 * byte for byte as IMAP returns it ({@code BODY.PEEK[]}) with its folder and flags, and the error
 * repository's mails. Masked: the {@code Received} header (the server's time and mail id) and the
 * ticket numbers (the spool threads open tickets in any order).
 */
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class SpoolDeliveryIntegrationTest {
    private static final String SUPPORT = "support@example.test";
    private static final String PROJECTS = "projects@example.test";
    private static final String ALICE = "alice@example.test";
    private static final String JANE = "jane@customer.test";
    private static final List<String> FOLDERS = List.of("INBOX", "Billing", "Junk");
    private static final String LOCAL_DELIVERY_ONCE = "<mailet match=\"All\" class=\"com.teaminbox.james.mailets.LocalDeliveryOnce\"/>";
    private static final Pattern TICKET = Pattern.compile("\\b(SUP|PRJ)-\\d+\\b");
    private static final Pattern RECEIVED = Pattern.compile("(?m)^Received:.*\\r?\\n(?:[ \\t].*\\r?\\n)*");
    private static final Pattern FETCH = Pattern.compile("(?m)^\\* \\d+ FETCH ");
    private static final Pattern FLAGS = Pattern.compile("FLAGS \\(([^)]*)\\)");
    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)}\\n");

    private static final Map<String, Map<String, String>> RESULTS = new ConcurrentHashMap<>();
    private static final String JAMES = "James's LocalDelivery";

    @Nested
    @Order(1)
    class WithJamesLocalDelivery {
        @RegisterExtension
        TeamInboxServer server = server(SharedMailboxProcessors.sixStepsMailetContainer()
            .replace(LOCAL_DELIVERY_ONCE, "<mailet match=\"All\" class=\"LocalDelivery\"/>"));

        @Test
        void jamesLocalDeliveryShouldStoreEveryCaseAndParkTheFailingRecipient() throws Exception {
            assertThat(SharedMailboxProcessors.sixStepsMailetContainer()).contains(LOCAL_DELIVERY_ONCE);

            Map<String, String> result = result(server);

            assertThat(result.get("error repository")).contains("recipients=[\"" + PROJECTS + "\"]");
            RESULTS.put(JAMES, result);
        }
    }

    @Nested
    @Order(2)
    class OnTheSpoolThread {
        @RegisterExtension
        TeamInboxServer server = server(SharedMailboxProcessors.demoMailetContainer());

        @Test
        void spoolDeliveryShouldStoreAndParkByteForByteWhatJamesLocalDeliveryDoes() throws Exception {
            Map<String, String> result = result(server);

            assertThat(RESULTS).as("James's result: run the whole class, WithJamesLocalDelivery first").containsKey(JAMES);
            Map<String, String> james = RESULTS.get(JAMES);
            assertThat(result.keySet()).containsExactlyElementsOf(james.keySet());
            for (String part : james.keySet()) {
                assertThat(result.get(part)).as(part).isEqualTo(james.get(part));
            }
            assertThat(result.get("projects@ stored")).contains("Delivered-To: " + PROJECTS + "\r\n").contains("Return-Path: <" + JANE + ">");
        }
    }

    /** While armed, James's mailbox manager refuses to open projects@'s INBOX for a delivery, as a storage outage would. */
    private static final AtomicBoolean PROJECTS_DOWN = new AtomicBoolean();
    private static final AbstractModule FAILING_PROJECTS_INBOX = new AbstractModule() {
        @Provides
        @Singleton
        MailboxManager failingProjectsInbox(InMemoryMailboxManager real) {
            return (MailboxManager) Proxy.newProxyInstance(SpoolDeliveryIntegrationTest.class.getClassLoader(),
                new Class<?>[] {MailboxManager.class}, (proxy, method, arguments) -> {
                    if (PROJECTS_DOWN.get() && method.getName().equals("getMailboxReactive") && arguments[0] instanceof MailboxPath path
                        && path.getUser().asString().equals(PROJECTS) && path.getName().equals("INBOX")) {
                        return Mono.error(new MailboxException("Storage unavailable (injected fault)"));
                    }
                    try {
                        return method.invoke(real, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        }
    };

    private static TeamInboxServer server(String mailetContainer) {
        return TeamInboxServer.overriding(home -> home.withConfigurationFile("mailetcontainer.xml", mailetContainer)
                .withSharedMailboxes(configuration()),
            List.of(FAILING_PROJECTS_INBOX))
            .parkingMailOnPurpose();
    }

    private static List<Case> cases() {
        return RuleActionsIntegrationTest.cases().stream().filter(rule -> !rule.actions().contains(Action.WEBHOOK)).toList();
    }

    /** RuleActionsIntegrationTest's rules for support@ (but the webhook's), and projects@ for the mails to both. */
    private static String configuration() {
        return RuleActionsIntegrationTest.configuration(cases())
            .replace("</shared-mailboxes>", "  <shared-mailbox address=\"" + PROJECTS + "\" ticket-prefix=\"PRJ\">\n"
                + "    <member address=\"alice@example.test\" role=\"full\"/>\n"
                + "  </shared-mailbox>\n</shared-mailboxes>");
    }

    private static String mail(String to, String subject, String messageId) {
        return "From: Jane <" + JANE + ">\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMessage-ID: " + messageId + "\r\n"
            + "Date: Mon, 7 Dec 2026 09:00:00 +0000\r\n" + TesterOracle.CASE_HEADER + ": " + messageId + "\r\nX-Strip: yes\r\n\r\nHello.\r\n";
    }

    private static Map<String, String> result(TeamInboxServer server) throws Exception {
        List<Case> cases = cases();
        for (Case rule : cases) {
            server.smtp().sendRaw(JANE, SUPPORT, mail(SUPPORT, rule.subject(), rule.messageId()));
        }
        server.smtp().sendRaw(JANE, List.of(SUPPORT, PROJECTS), mail(SUPPORT + ", " + PROJECTS, "For both of us", "<both@customer.test>"));
        TesterOracle oracle = new TesterOracle(server, ALICE, FOLDERS);
        TeamInboxServer.awaitUntil(() -> oracle.messageCount(List.of(SUPPORT)) >= cases.size() + 1, "every case and the mail for both delivered");
        server.awaitMessages(PROJECTS, ALICE, "INBOX", 1);

        WebAdminClient webAdmin = new WebAdminClient(server.ports().webAdmin());
        PROJECTS_DOWN.set(true);
        try {
            server.smtp().sendRaw(JANE, List.of(SUPPORT, PROJECTS), mail(SUPPORT + ", " + PROJECTS, "Parked for projects", "<parked@customer.test>"));
            TeamInboxServer.awaitUntil(() -> webAdmin.repositorySize(TeamInboxServer.ERROR_REPOSITORY) >= 1, "the failing recipient parked");
        } finally {
            PROJECTS_DOWN.set(false);
        }
        TeamInboxServer.awaitUntil(() -> oracle.messageCount(List.of(SUPPORT)) >= cases.size() + 2, "the parked mail's other recipient delivered");

        Map<String, String> result = new TreeMap<>();
        result.put("support@ stored", stored(server, SUPPORT, FOLDERS));
        result.put("projects@ stored", stored(server, PROJECTS, List.of("INBOX")));
        result.put("error repository", parked(server));
        return result;
    }

    /** Every message of these folders: folder, flags and keywords, and the whole message as stored, masked. */
    private static String stored(TeamInboxServer server, String sharedMailbox, List<String> folders) throws Exception {
        List<String> described = new ArrayList<>();
        try (ImapTestClient imap = server.imapAsMemberOf(sharedMailbox, ALICE)) {
            for (String folder : folders) {
                if (imap.messageCount(folder) <= 0) {
                    continue;
                }
                imap.select(folder);
                assertThat(imap.command("FETCH 1:* (FLAGS BODY.PEEK[])")).as(imap.lastReply()).isTrue();
                for (String block : FETCH.split(imap.lastReply())) {
                    Matcher literal = LITERAL.matcher(block);
                    if (!literal.find()) {
                        continue;
                    }
                    String message = block.substring(literal.end(), literal.end() + Integer.parseInt(literal.group(1)));
                    Matcher flags = FLAGS.matcher(block);
                    List<String> marks = new ArrayList<>();
                    if (flags.find()) {
                        for (String flag : flags.group(1).trim().split("\\s+")) {
                            if (!flag.isEmpty() && !flag.equalsIgnoreCase("\\Recent")) {
                                marks.add(flag);
                            }
                        }
                    }
                    marks.sort(null);
                    described.add(folder + " " + marks + "\n" + RECEIVED.matcher(message).replaceAll("Received: (masked)\r\n"));
                }
            }
        }
        return sorted(described);
    }

    /** Each parked mail's recipients, sender, state and error, as WebAdmin lists them. */
    private static String parked(TeamInboxServer server) throws Exception {
        return sorted(ParkedMails.read(server).stream().map(mail -> "recipients=" + mail.recipients() + " sender=" + mail.sender()
            + " state=" + mail.state() + " error=" + mail.error()).toList());
    }

    private static String sorted(List<String> lines) {
        return lines.stream().map(line -> TICKET.matcher(line).replaceAll("$1-n")).sorted().collect(Collectors.joining("\n----\n"));
    }
}
