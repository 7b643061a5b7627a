package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.audit.AuditRecord;
import com.teaminbox.core.config.SharedMailboxesConfigurationParser;
import com.teaminbox.core.tools.RulesPrediction;
import com.teaminbox.core.tools.RulesTester;
import com.teaminbox.it.StoredMessages.StoredMessage;

/**
 * Issue 24: every rule action alone, every pair of actions, and all of them together, in active
 * and in audit mode, on one real server. One configuration holds one rule per case, selected by a
 * word only that case's subject has; a last rule ("after") matches every case and sets
 * {@code X-After}, so that {@code <stop/>} is seen to stop it. Each mail is checked for its folder,
 * flags, keywords and headers over IMAP, the notifications in bob's and dave's INBOX, and the
 * rule and autoresponse records of the audit trail; then the offline tester's prediction for each
 * mail is compared with what the server did ({@link TesterOracle}). A rule with only header, notify
 * or stop actions used to park the mail in the error repository.
 */
class RuleActionsIntegrationTest {
    private static final String SUPPORT = "support@example.test";
    private static final String ALICE = "alice@example.test";
    private static final String BOB = "bob@example.test";
    private static final String DAVE = "dave@example.test";
    private static final String JANE = "jane@customer.test";
    private static final List<String> FOLDERS = List.of("INBOX", "Billing", "Junk");

    /** Each documented action, as the XML an administrator writes. */
    enum Action {
        FILE_INTO("<file-into folder=\"Billing\"/>"),
        JUNK("<junk/>"),
        FLAGGED("<flag name=\"\\Flagged\"/>"),
        SEEN("<flag name=\"\\Seen\"/>"),
        KEYWORD("<keyword name=\"$Tagged\"/>"),
        ASSIGN("<assign member=\"bob@example.test\" notify=\"true\"/>"),
        SET_HEADER("<set-header name=\"X-Rule-Set\" value=\"by rule\"/>"),
        REMOVE_HEADER("<remove-header name=\"X-Strip\"/>"),
        NOTIFY("<notify address=\"dave@example.test\"/>"),
        AUTORESPONSE("<autoresponse template=\"billing\"/>"),
        STOP("<stop/>"),
        WEBHOOK("<webhook endpoint=\"receiver\"/>");

        private final String xml;

        Action(String xml) {
            this.xml = xml;
        }
    }

    /** One generated case: a rule with these actions in this mode, and the mail only it matches. */
    record Case(String word, Set<Action> actions, boolean audit) {
        String subject() {
            return "Case " + word + " aftercheck";
        }

        String messageId() {
            return "<" + word + "@customer.test>";
        }

        boolean active(Action action) {
            return !audit && actions.contains(action);
        }
    }

    /** Hears the rule.matched webhooks of the cases with {@code <webhook>}. */
    private final WebhookReceiver receiver = startReceiver();

    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer(home -> home.withConfigurationFile("webhook.whsec", WebhookReceiver.SECRET)
        .withSharedMailboxes(configuration(cases()).replace("    </rules>\n", "    </rules>\n"
            + "    <webhooks><endpoint name=\"receiver\" url=\"" + receiver.url() + "\" allow-private-network=\"true\">"
            + "<secret file=\"webhook.whsec\"/></endpoint></webhooks>\n")));

    private static WebhookReceiver startReceiver() {
        try {
            return new WebhookReceiver();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    static List<Case> cases() {
        List<Set<Action>> combinations = new ArrayList<>();
        for (Action action : Action.values()) {
            combinations.add(EnumSet.of(action));
        }
        Action[] all = Action.values();
        for (int first = 0; first < all.length; first++) {
            for (int second = first + 1; second < all.length; second++) {
                combinations.add(EnumSet.of(all[first], all[second]));
            }
        }
        combinations.add(EnumSet.allOf(Action.class));
        List<Case> cases = new ArrayList<>();
        for (boolean audit : List.of(false, true)) {
            for (Set<Action> actions : combinations) {
                cases.add(new Case(String.format("rcase%03d", cases.size()), actions, audit));
            }
        }
        return cases;
    }

    static String configuration(List<Case> cases) {
        StringBuilder rules = new StringBuilder();
        for (Case rule : cases) {
            rules.append("      <rule name=\"").append(rule.word()).append("\" when=\"subject:").append(rule.word()).append('"')
                .append(rule.audit() ? " mode=\"audit\"" : "").append('>')
                .append(rule.actions().stream().map(action -> action.xml).collect(Collectors.joining()))
                .append("</rule>\n");
        }
        rules.append("      <rule name=\"after\" when=\"subject:aftercheck\"><set-header name=\"X-After\" value=\"yes\"/></rule>\n");
        return "<shared-mailboxes>\n"
            + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
            + "    <folder name=\"Billing\"/>\n"
            + "    <member address=\"alice@example.test\" role=\"full\"/>\n"
            + "    <member address=\"bob@example.test\" role=\"read-only\"/>\n"
            + "    <rules>\n" + rules
            + "    </rules>\n"
            + "    <acknowledgement per-sender-daily-cap=\"1000\">\n"
            + "      <template kind=\"ack\" language=\"en\" text=\"acknowledgements/support-en.txt\"/>\n"
            + "      <template kind=\"billing\" language=\"en\" text=\"acknowledgements/sales-en.txt\"/>\n"
            + "    </acknowledgement>\n"
            + "  </shared-mailbox>\n"
            + "</shared-mailboxes>\n";
    }

    private static String mail(Case rule) {
        return "From: Jane <jane@customer.test>\r\nTo: support@example.test\r\nSubject: " + rule.subject() + "\r\n"
            + "Message-ID: " + rule.messageId() + "\r\n" + TesterOracle.CASE_HEADER + ": " + rule.word() + "\r\nX-Strip: yes\r\n\r\nHello.\r\n";
    }

    @Test
    void everyActionAloneInPairsAndAllTogetherShouldDeliverWhatTheRulesDecide() throws Exception {
        List<Case> cases = cases();
        for (Case rule : cases) {
            server.smtp().sendRaw(JANE, SUPPORT, mail(rule));
        }
        Map<String, Case> byWord = cases.stream().collect(Collectors.toMap(Case::word, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        long assignments = cases.stream().filter(rule -> rule.active(Action.ASSIGN)).count();
        long notifications = cases.stream().filter(rule -> rule.active(Action.NOTIFY)).count();

        TesterOracle oracle = new TesterOracle(server, ALICE, FOLDERS);
        TeamInboxServer.awaitUntil(() -> oracle.messageCount(List.of(SUPPORT)) >= cases.size(), cases.size() + " cases delivered");
        new Mailboxes(server).awaitInbox(BOB, (int) assignments);
        new Mailboxes(server).awaitInbox(DAVE, (int) notifications);
        TeamInboxServer.awaitUntil(() -> AuditRecords.of(server, AuditEventType.AUTORESPONSE_SENT, AuditEventType.AUTORESPONSE_SUPPRESSED)
            .size() >= cases.size(), "an autoresponse decision per case");

        List<StoredMessage> stored = stored();
        assertThat(stored).extracting(message -> message.header(TesterOracle.CASE_HEADER).orElse("?")).containsExactlyInAnyOrderElementsOf(byWord.keySet());
        Map<String, String> tickets = new LinkedHashMap<>();
        for (StoredMessage message : stored) {
            Case rule = byWord.get(message.header(TesterOracle.CASE_HEADER).orElseThrow());
            tickets.put(rule.word(), message.header("X-Ticket").orElseThrow());
            assertThat(message.folder()).as(rule.toString()).isEqualTo(expectedFolder(rule));
            assertThat(message.flags()).as(rule.toString()).containsExactlyInAnyOrderElementsOf(expectedFlags(rule));
            assertThat(message.header("X-Rule-Set")).as(rule.toString()).isEqualTo(rule.active(Action.SET_HEADER) ? Optional.of("by rule") : Optional.empty());
            assertThat(message.header("X-Strip")).as(rule.toString()).isEqualTo(rule.active(Action.REMOVE_HEADER) ? Optional.empty() : Optional.of("yes"));
            assertThat(message.header("X-After")).as(rule.toString()).isEqualTo(rule.active(Action.STOP) ? Optional.empty() : Optional.of("yes"));
        }
        assertThat(Set.copyOf(new Mailboxes(server).inboxHeader(BOB, "Subject"))).isEqualTo(cases.stream()
            .filter(rule -> rule.active(Action.ASSIGN))
            .map(rule -> "[" + tickets.get(rule.word()) + "] Assigned to you: " + rule.subject()).collect(Collectors.toSet()));
        assertThat(Set.copyOf(new Mailboxes(server).inboxHeader(DAVE, "Subject"))).isEqualTo(cases.stream()
            .filter(rule -> rule.active(Action.NOTIFY))
            .map(rule -> "[" + tickets.get(rule.word()) + "] Rule matched: " + rule.subject()).collect(Collectors.toSet()));
        assertAuditRecords(cases);
        Set<String> webhookCases = cases.stream().filter(rule -> rule.active(Action.WEBHOOK)).map(Case::word).collect(Collectors.toSet());
        TeamInboxServer.awaitUntil(() -> receiver.received("rule.matched").size() >= webhookCases.size(), "a webhook per <webhook> case");
        assertThat(receiver.received("rule.matched")).extracting(request -> request.body().replaceAll(".*\"rule\":\"([^\"]+)\".*", "$1"))
            .containsExactlyInAnyOrderElementsOf(webhookCases);
        oracle.assertServerDidWhatTheTesterPredicted(predictions(cases));
    }

    /** What {@code ./rules-test} predicts for each case's mail, sent by jane to support@. */
    private Map<String, RulesPrediction> predictions(List<Case> cases) throws Exception {
        RulesTester tester = new RulesTester(new SharedMailboxesConfigurationParser().parse(server.home().configurationFile("shared-mailboxes.xml")),
            Clock.systemDefaultZone());
        Map<String, RulesPrediction> predictions = new LinkedHashMap<>();
        for (Case rule : cases) {
            byte[] mail = mail(rule).getBytes(StandardCharsets.UTF_8);
            predictions.put(rule.word(), tester.predict(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(mail)),
                mail.length, Optional.of(new MailAddress(JANE)), new MailAddress(SUPPORT)));
        }
        return predictions;
    }

    private void assertAuditRecords(List<Case> cases) {
        Map<String, List<AuditRecord>> records = AuditRecords.of(server).stream().filter(record -> record.messageId().isPresent())
            .collect(Collectors.groupingBy(record -> record.messageId().get()));
        for (Case rule : cases) {
            List<AuditRecord> about = records.getOrDefault(rule.messageId(), List.of());
            Set<String> matched = rules(about, AuditEventType.RULE_MATCHED);
            Set<String> audited = rules(about, AuditEventType.RULE_AUDITED);
            Set<String> expectedMatched = new HashSet<>();
            if (!rule.audit()) {
                expectedMatched.add(rule.word());
            }
            if (!rule.active(Action.STOP)) {
                expectedMatched.add("after");
            }
            assertThat(matched).as(rule + " rule-matched").isEqualTo(expectedMatched);
            assertThat(audited).as(rule + " rule-audited").isEqualTo(rule.audit() ? Set.of(rule.word()) : Set.of());
            assertThat(about).as(rule + " rule-action-skipped").noneMatch(record -> record.type() == AuditEventType.RULE_ACTION_SKIPPED);
            List<AuditRecord> autoresponses = about.stream().filter(record -> record.type() == AuditEventType.AUTORESPONSE_SENT
                || record.type() == AuditEventType.AUTORESPONSE_SUPPRESSED).collect(Collectors.toList());
            assertThat(autoresponses).as(rule + " autoresponse").singleElement().satisfies(record -> {
                if (rule.active(Action.JUNK)) {
                    assertThat(record.type()).isEqualTo(AuditEventType.AUTORESPONSE_SUPPRESSED);
                    assertThat(record.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("FILED_AS_JUNK"));
                } else {
                    assertThat(record.type()).isEqualTo(AuditEventType.AUTORESPONSE_SENT);
                    assertThat(record.details().get("template")).startsWith(rule.active(Action.AUTORESPONSE) ? "billing" : "ack");
                }
            });
        }
    }

    private static Set<String> rules(List<AuditRecord> records, AuditEventType type) {
        return records.stream().filter(record -> record.type() == type).map(record -> record.details().get("rule")).collect(Collectors.toSet());
    }

    private static String expectedFolder(Case rule) {
        if (rule.active(Action.JUNK)) {
            return "Junk";
        }
        return rule.active(Action.FILE_INTO) ? "Billing" : "INBOX";
    }

    private static Set<String> expectedFlags(Case rule) {
        Set<String> flags = new HashSet<>();
        if (rule.active(Action.FLAGGED)) {
            flags.add("\\Flagged");
        }
        if (rule.active(Action.SEEN)) {
            flags.add("\\Seen");
        }
        if (rule.active(Action.KEYWORD)) {
            flags.add("$Tagged");
        }
        if (rule.active(Action.ASSIGN)) {
            flags.add("$Assigned-bob");
        }
        return flags;
    }

    private List<StoredMessage> stored() throws Exception {
        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            return StoredMessages.read(imap, FOLDERS);
        }
    }
}
