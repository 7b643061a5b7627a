package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each matcher of the matchers module in a real James pipeline, configured only through
 * mailetcontainer.xml as docs/matchers.md shows: every matcher guards a stock SetMimeHeader
 * mailet in "transport", and the headers delivered show which matched.
 */
class MatchersIntegrationTest {
    private static final String SUPPORT = "support@example.test";
    private static final String ALICE = "alice@example.test";
    private static final String DAVE = "dave@example.test";
    private static final String JANE = "jane@customer.test";
    /** support@ is always open (no business hours); sales@ has business hours with no open day. */
    private static final String CONFIGURATION = "<shared-mailboxes>\n"
        + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
        + "    <member address=\"alice@example.test\" role=\"full\"/>\n"
        + "    <rules>\n"
        + "      <rule name=\"urgent\" when=\"subject:urgent\"><flag name=\"\\Flagged\"/></rule>\n"
        + "    </rules>\n"
        + "  </shared-mailbox>\n"
        + "  <shared-mailbox address=\"sales@example.test\" ticket-prefix=\"SAL\">\n"
        + "    <member address=\"bob@example.test\" role=\"full\"/>\n"
        + "    <acknowledgement>\n"
        + "      <business-hours time-zone=\"UTC\"/>\n"
        + "      <template kind=\"ack\" text=\"acknowledgements/sales-en.txt\"/>\n"
        + "    </acknowledgement>\n"
        + "  </shared-mailbox>\n"
        + "</shared-mailboxes>\n";
    private static final Map<String, String> MATCHERS = Map.of(
        "X-Matched-IsSharedMailbox", "com.teaminbox.matchers.IsSharedMailbox",
        "X-Matched-IsAutomaticReply", "com.teaminbox.matchers.IsAutomaticReply",
        "X-Matched-HasTicketTag", "com.teaminbox.matchers.HasTicketTag=support@example.test",
        "X-Matched-RuleMatches", "com.teaminbox.matchers.RuleMatches=support@example.test:urgent",
        "X-Matched-SupportOpen", "com.teaminbox.matchers.InBusinessHours=support@example.test",
        "X-Matched-SalesOpen", "com.teaminbox.matchers.InBusinessHours=sales@example.test",
        "X-Matched-SentByMember", "com.teaminbox.matchers.SentByMember=support@example.test");
    private static final Pattern MATCHED = Pattern.compile("(?im)^(X-Matched-[A-Za-z]+): yes\\r?$");
    private static final Pattern SUBJECT = Pattern.compile("(?im)^Subject: (.*?)\\r?$");

    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer(home -> home.withSharedMailboxes(CONFIGURATION)
        .withConfigurationFile("mailetcontainer.xml", SharedMailboxProcessors.demoMailetContainer().replace(
            "<mailet match=\"All\" class=\"RecipientRewriteTable\">", headerMailets() + "            <mailet match=\"All\" class=\"RecipientRewriteTable\">")));

    private static String headerMailets() {
        StringBuilder mailets = new StringBuilder();
        MATCHERS.forEach((header, matcher) -> mailets.append("            <mailet match=\"").append(matcher)
            .append("\" class=\"SetMimeHeader\">\n                <name>").append(header)
            .append("</name>\n                <value>yes</value>\n            </mailet>\n"));
        return mailets.toString();
    }

    @Test
    void eachMatcherShouldDecideInARealPipeline() throws Exception {
        server.smtp().send(JANE, "URGENT printer [SUP-7]", SUPPORT, DAVE);
        server.smtp().sendRaw(JANE, SUPPORT, "From: jane@customer.test\r\nTo: support@example.test\r\nSubject: Out of office\r\n"
            + "Auto-Submitted: auto-replied\r\n\r\nI am away.\r\n");
        server.submission().submit(ALICE, TeamInboxServer.PASSWORD, ALICE, JANE,
            "From: alice@example.test\r\nTo: jane@customer.test\r\nSubject: From a member\r\n\r\nHello.\r\n");
        server.submission().submit(DAVE, TeamInboxServer.PASSWORD, DAVE, JANE,
            "From: dave@example.test\r\nTo: jane@customer.test\r\nSubject: From someone else\r\n\r\nHello.\r\n");
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 2);
        awaitInbox(DAVE, 1);
        awaitInbox(JANE, 2);

        Map<String, Set<String>> support;
        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            support = matchedBySubject(imap, 2);
        }
        Map<String, Set<String>> dave;
        try (ImapTestClient imap = server.imapAs(DAVE)) {
            dave = matchedBySubject(imap, 1);
        }
        Map<String, Set<String>> jane;
        try (ImapTestClient imap = server.imapAs(JANE)) {
            jane = matchedBySubject(imap, 2);
        }

        // AssignTicket tags the subjects after our matchers ran; the words stay.
        assertThat(support).hasSize(2);
        assertThat(withSubjectContaining(support, "URGENT printer")).containsExactlyInAnyOrder("X-Matched-IsSharedMailbox",
            "X-Matched-HasTicketTag", "X-Matched-RuleMatches", "X-Matched-SupportOpen");
        assertThat(withSubjectContaining(support, "Out of office")).containsExactlyInAnyOrder("X-Matched-IsSharedMailbox",
            "X-Matched-IsAutomaticReply", "X-Matched-SupportOpen");
        assertThat(dave).as("the same mail, for a recipient that is no shared mailbox")
            .containsExactly(Map.entry("URGENT printer [SUP-7]", Set.of("X-Matched-HasTicketTag", "X-Matched-RuleMatches",
                "X-Matched-SupportOpen")));
        assertThat(jane).containsOnly(
            Map.entry("From a member", Set.of("X-Matched-SentByMember", "X-Matched-SupportOpen")),
            Map.entry("From someone else", Set.of("X-Matched-SupportOpen")));
    }

    private static Set<String> withSubjectContaining(Map<String, Set<String>> matched, String text) {
        return matched.entrySet().stream().filter(entry -> entry.getKey().contains(text)).map(Map.Entry::getValue).findFirst()
            .orElseThrow(() -> new AssertionError("no message with '" + text + "' in its subject: " + matched.keySet()));
    }

    private void awaitInbox(String user, int count) throws Exception {
        TeamInboxServer.awaitUntil(() -> {
            try (ImapTestClient imap = server.imapAs(user)) {
                return imap.messageCount("INBOX") >= count;
            }
        }, count + " messages in " + user + "'s INBOX");
    }

    /** For each message of INBOX, by subject, the X-Matched-* headers it carries. */
    private static Map<String, Set<String>> matchedBySubject(ImapTestClient imap, int count) throws IOException {
        imap.select("INBOX");
        Map<String, Set<String>> matched = new HashMap<>();
        for (int sequence = 1; sequence <= count; sequence++) {
            assertThat(imap.command("FETCH " + sequence + " (BODY.PEEK[HEADER])")).as(imap.lastReply()).isTrue();
            Matcher subject = SUBJECT.matcher(imap.lastReply());
            assertThat(subject.find()).as(imap.lastReply()).isTrue();
            Set<String> headers = new TreeSet<>();
            Matcher header = MATCHED.matcher(imap.lastReply());
            while (header.find()) {
                headers.add(header.group(1));
            }
            matched.put(subject.group(1).strip(), headers);
        }
        return matched;
    }
}
