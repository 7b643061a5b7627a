package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.audit.AuditRecord;
import com.teaminbox.core.sla.TicketFact;
import com.teaminbox.james.sla.SlaSchedule;

/**
 * The demo's SLA on support@ (docs/sla.md): standard policy, first response in 4 business hours
 * (Monday to Thursday 09:00-18:00, Friday 09:00-17:00, Europe/Paris, 25 December a holiday),
 * warning at 80 %. The clock is the test's: each stage's record carries the instant it fired, so
 * a stage fired too early (during the weekend, while pending) shows in its time. The test starts
 * the server's one SLA schedule itself, so that "nothing fired" is asserted after checks that
 * read the moved clock, not after a pause.
 */
class SlaIntegrationTest {
    private static final String SUPPORT = "support@example.test";
    private static final String ALICE = "alice@example.test";
    private static final String BOB = "bob@example.test";
    private static final String JANE = "jane@customer.test";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Instant FRIDAY_1730 = paris(12, 4, 17, 30);

    private final MovableClock clock = new MovableClock(FRIDAY_1730);

    @RegisterExtension
    TeamInboxServer server = TeamInboxServer.overriding(home -> ExtensionStartablesProbe.withoutStartable(home, SlaSchedule.class),
        List.of(binder -> binder.bind(Clock.class).toInstance(clock)), SlaNodesProbe.MODULE);

    private SlaSchedule schedule;

    @BeforeAll
    static void checkOftenInsteadOfEveryMinute() {
        System.setProperty(SlaSchedule.TICK_PROPERTY, "100");
    }

    @AfterAll
    static void restoreTheMinute() {
        System.clearProperty(SlaSchedule.TICK_PROPERTY);
    }

    @BeforeEach
    void startTheSchedule() throws Exception {
        schedule = server.probe(SlaNodesProbe.class).startNode();
    }

    @AfterEach
    void stopTheSchedule() {
        schedule.stop();
    }

    private static Instant paris(int month, int day, int hour, int minute) {
        return ZonedDateTime.of(2026, month, day, hour, minute, 0, 0, PARIS).toInstant();
    }

    @Test
    void aFridayEveningTicketShouldWarnAndBreachOnMondayNotDuringTheWeekend() throws Exception {
        server.smtp().send(JANE, "Printer broken", SUPPORT);
        awaitRecord(AuditEventType.TICKET_CREATED, "SUP-1");
        awaitOpenedInTheLedger();

        moveTo(paris(12, 5, 12, 0));
        moveTo(paris(12, 7, 12, 11));
        awaitChecksOfTheMovedClock();
        assertThat(records(AuditEventType.SLA_WARNING, "SUP-1")).as("nothing before Monday 12:12").isEmpty();

        moveTo(paris(12, 7, 12, 12));
        AuditRecord warning = awaitRecord(AuditEventType.SLA_WARNING, "SUP-1");
        assertThat(warning.time()).isEqualTo(paris(12, 7, 12, 12));
        assertThat(warning.details()).containsEntry("target", "first-response").containsEntry("policy", "standard")
            .containsEntry("due", paris(12, 7, 13, 0).toString());
        awaitKeyword("SUP-1", "$SlaWarning");

        moveTo(paris(12, 7, 13, 0));
        AuditRecord breach = awaitRecord(AuditEventType.SLA_BREACHED, "SUP-1");
        assertThat(breach.time()).isEqualTo(paris(12, 7, 13, 0));
        assertThat(breach.details()).containsEntry("target", "first-response").containsEntry("due", paris(12, 7, 13, 0).toString());
        awaitKeyword("SUP-1", "$SlaBreached");
        TeamInboxServer.awaitUntil(() -> subjectsIn(ALICE).stream().anyMatch(subject -> subject.contains("SLA: SUP-1: first-response missed")),
            "the breach notification in alice's INBOX");
        assertThat(records(AuditEventType.SLA_WARNING, "SUP-1")).as("each stage once").hasSize(1);
        assertThat(records(AuditEventType.SLA_BREACHED, "SUP-1")).hasSize(1);
    }

    @Test
    void aHolidayShouldNotCount() throws Exception {
        // Thursday 24 December 17:30; Friday 25 is a holiday, then the weekend.
        moveTo(paris(12, 24, 17, 30));
        server.smtp().send(JANE, "Printer broken", SUPPORT);
        awaitRecord(AuditEventType.TICKET_CREATED, "SUP-1");
        awaitOpenedInTheLedger();

        moveTo(paris(12, 25, 16, 0));
        awaitChecksOfTheMovedClock();
        moveTo(paris(12, 28, 12, 10));

        AuditRecord warning = awaitRecord(AuditEventType.SLA_WARNING, "SUP-1");
        // 30 minutes on Thursday, then Monday from 09:00: the warning at 192 minutes is due Monday 11:42.
        assertThat(warning.time()).isEqualTo(paris(12, 28, 12, 10));
        assertThat(warning.details()).containsEntry("stageDue", paris(12, 28, 11, 42).toString())
            .containsEntry("due", paris(12, 28, 12, 30).toString());
    }

    @Test
    void pendingShouldStopTheClockUntilTheCustomerWrites() throws Exception {
        moveTo(paris(12, 7, 9, 0));
        server.smtp().send(JANE, "Printer broken", SUPPORT);
        awaitRecord(AuditEventType.TICKET_CREATED, "SUP-1");
        awaitOpenedInTheLedger();
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 1);

        moveTo(paris(12, 7, 9, 30));
        store(ALICE, "SUP-1", "+FLAGS ($Pending)");
        AuditRecord pending = awaitRecord(AuditEventType.TICKET_PENDING, "SUP-1");
        assertThat(pending.decision()).isEqualTo("pending");
        assertThat(pending.actor()).isEqualTo(AuditActor.member(ALICE));
        TeamInboxServer.awaitUntil(() -> server.probe(SlaNodesProbe.class).ledgerFacts(SUPPORT, "pending") == 1,
            "the pending fact in the ledger, which the listener writes after the record");

        moveTo(paris(12, 7, 14, 0));
        awaitChecksOfTheMovedClock();
        assertThat(records(AuditEventType.SLA_WARNING, "SUP-1")).as("the clock stopped at 09:30").isEmpty();

        moveTo(paris(12, 8, 9, 0));
        server.smtp().send(JANE, "Re: [SUP-1] Printer broken", SUPPORT);
        TeamInboxServer.awaitUntil(() -> records(AuditEventType.TICKET_PENDING, "SUP-1").stream()
            .anyMatch(record -> record.decision().equals("resumed")), "the customer's reply resumes the ticket");
        TeamInboxServer.awaitUntil(() -> !keywordsOf("SUP-1").contains("$Pending"), "$Pending removed");

        moveTo(paris(12, 8, 11, 42));
        AuditRecord warning = awaitRecord(AuditEventType.SLA_WARNING, "SUP-1");
        // 30 minutes on Monday; the 162 left of the warning's 192 run from Tuesday 09:00.
        assertThat(warning.time()).isEqualTo(paris(12, 8, 11, 42));
        assertThat(warning.details()).containsEntry("due", paris(12, 8, 12, 30).toString());
    }

    @Test
    void aCustomerReplyToAResolvedTicketShouldReopenIt() throws Exception {
        moveTo(paris(12, 7, 9, 0));
        server.smtp().send(JANE, "Printer broken", SUPPORT);
        awaitRecord(AuditEventType.TICKET_CREATED, "SUP-1");
        awaitOpenedInTheLedger();
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 1);

        assertThat(tryStore(BOB, "SUP-1", "+FLAGS ($Resolved)")).as("read-only bob has no 'w'").isFalse();
        store(ALICE, "SUP-1", "+FLAGS ($Resolved)");
        AuditRecord resolved = awaitRecord(AuditEventType.TICKET_RESOLVED, "SUP-1");
        assertThat(resolved.actor()).isEqualTo(AuditActor.member(ALICE));
        assertThat(records(AuditEventType.TICKET_RESOLVED, "SUP-1")).as("bob's attempt changed nothing").hasSize(1);

        moveTo(paris(12, 7, 11, 0));
        server.smtp().send(JANE, "Re: [SUP-1] Printer broken", SUPPORT);
        AuditRecord reopened = awaitRecord(AuditEventType.TICKET_REOPENED, "SUP-1");
        assertThat(reopened.actor()).isEqualTo(AuditActor.externalSender(JANE));
        TeamInboxServer.awaitUntil(() -> !keywordsOf("SUP-1").contains("$Resolved"), "$Resolved removed from the ticket's messages");
        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            assertThat(imap.listFolders()).as("the ledger is bookkeeping, not mail").doesNotContain("SLA Ledger");
        }
    }

    @Test
    void aCustomerReplyShouldReopenATicketWhoseMessageAMemberAppendedWithResolved() throws Exception {
        moveTo(paris(12, 7, 9, 0));
        ticketWithOneCustomerReply();

        // APPEND records message-appended, no ticket-resolved: the keyword is the truth all the same.
        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            assertThat(imap.append("INBOX", "$Resolved", clock.instant(), "From: alice@example.test\r\nTo: support@example.test\r\n"
                + "Subject: [SUP-1] Printer broken\r\nX-Ticket: SUP-1\r\nMessage-ID: <note-1@example.test>\r\n\r\nDone.\r\n")).isTrue();
        }
        server.smtp().send(JANE, "Re: [SUP-1] Printer broken, again", SUPPORT);

        AuditRecord reopened = awaitRecord(AuditEventType.TICKET_REOPENED, "SUP-1");
        assertThat(reopened.actor()).isEqualTo(AuditActor.externalSender(JANE));
        TeamInboxServer.awaitUntil(() -> !flagsOfTicket("SUP-1").contains("$Resolved"), "$Resolved removed from the appended message");
    }

    @Test
    void aCustomerReplyShouldResumeATicketMarkedPendingOutsideTheAuditTrail() throws Exception {
        moveTo(paris(12, 7, 9, 0));
        ticketWithOneCustomerReply();

        server.probe(SlaNodesProbe.class).addKeyword(SUPPORT, "INBOX", "$pending");
        server.smtp().send(JANE, "Re: [SUP-1] Printer broken, again", SUPPORT);

        TeamInboxServer.awaitUntil(() -> records(AuditEventType.TICKET_PENDING, "SUP-1").stream()
            .anyMatch(record -> record.decision().equals("resumed")), "the customer's reply resumes the ticket");
        TeamInboxServer.awaitUntil(() -> !flagsOfTicket("SUP-1").toLowerCase(Locale.ROOT).contains("$pending"), "$Pending removed");
    }

    /**
     * SUP-1 and a first customer reply, handled: the reply asked which of the ticket's messages carry
     * a keyword, so what comes next reaches the server's knowledge of them by the mailbox layer's
     * events, not by a first look.
     */
    private void ticketWithOneCustomerReply() throws Exception {
        server.smtp().send(JANE, "Printer broken", SUPPORT);
        awaitRecord(AuditEventType.TICKET_CREATED, "SUP-1");
        awaitOpenedInTheLedger();
        server.smtp().send(JANE, "Re: [SUP-1] Printer broken", SUPPORT);
        // Written after the reply's keywords were asked, on the same thread.
        TeamInboxServer.awaitUntil(() -> ledgerFacts("customer-message") >= 1, "the customer's reply in the ledger");
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 2);
        assertThat(records(AuditEventType.TICKET_REOPENED, "SUP-1")).isEmpty();
    }

    @Test
    void aMemberReplyThroughSubmissionShouldMeetTheFirstResponseTarget() throws Exception {
        moveTo(paris(12, 7, 9, 0));
        server.smtp().send(JANE, "Printer broken", SUPPORT);
        awaitRecord(AuditEventType.TICKET_CREATED, "SUP-1");
        awaitOpenedInTheLedger();

        moveTo(paris(12, 7, 10, 0));
        assertThat(Submissions.submit(server, ALICE, SUPPORT, SUPPORT, Optional.empty(), "Re: [SUP-1] Printer broken").isAccepted()).isTrue();
        AuditRecord reply = awaitRecord(AuditEventType.SEND_ACCEPTED, "SUP-1");
        assertThat(reply.actor()).isEqualTo(AuditActor.member(ALICE));
        TeamInboxServer.awaitUntil(() -> server.probe(SlaNodesProbe.class).ledgerFacts(SUPPORT, "member-reply") == 1, "the reply in the ledger");

        moveTo(paris(12, 7, 14, 0));
        awaitChecksOfTheMovedClock();
        assertThat(records(AuditEventType.SLA_WARNING, "SUP-1")).as("answered within the hour").isEmpty();
        assertThat(records(AuditEventType.SLA_BREACHED, "SUP-1")).isEmpty();
    }

    @Test
    void threeNodesOnOneStorageShouldEscalateATicketOnce() throws Exception {
        List<SlaSchedule> nodes = new ArrayList<>();
        try {
            moveTo(paris(12, 7, 9, 0));
            server.smtp().send(JANE, "Printer broken", SUPPORT);
            awaitRecord(AuditEventType.TICKET_CREATED, "SUP-1");
            // The fact reaches the ledger on the listener's thread, after the record: the clock may move
            // only once it is there. The other nodes start then, when the ledger folder exists: four
            // schedules creating it at once on the memory backend made this test miss the ticket now and then.
            TeamInboxServer.awaitUntil(() -> ledgerFacts("opened") == 1, "SUP-1 in the ledger");
            for (int node = 0; node < 3; node++) {
                nodes.add(server.probe(SlaNodesProbe.class).startNode());
            }

            // Warning and breach come due at the same instant on four schedules ticking every 100 ms.
            moveTo(paris(12, 7, 13, 0));
            awaitRecord(AuditEventType.SLA_BREACHED, "SUP-1");
            nodes.add(schedule);
            awaitChecksOfTheMovedClock(nodes);
            assertThat(records(AuditEventType.SLA_WARNING, "SUP-1")).hasSize(1);
            assertThat(records(AuditEventType.SLA_BREACHED, "SUP-1")).hasSize(1);
            assertThat(awaitSlaMails(ALICE, subject -> subject.contains("SLA: SUP-1"))).hasSize(1);
        } finally {
            for (SlaSchedule node : nodes) {
                node.stop();
            }
        }
    }

    @Test
    void stagesMissedWhileNobodyCheckedShouldReachEachRecipientAsOneDigest() throws Exception {
        moveTo(paris(12, 4, 16, 0));
        server.smtp().send(JANE, "Printer broken", SUPPORT);
        server.smtp().send(JANE, "Scanner broken", SUPPORT);
        server.smtp().send(JANE, "Screen broken", SUPPORT);
        TeamInboxServer.awaitUntil(() -> server.probe(SlaNodesProbe.class).ledgerFacts(SUPPORT, "opened") == 3, "three tickets in the ledger");

        // As after a server stopped over the weekend: the first check finds three breaches at once.
        moveTo(paris(12, 8, 9, 0));
        for (String ticket : List.of("SUP-1", "SUP-2", "SUP-3")) {
            awaitRecord(AuditEventType.SLA_BREACHED, ticket);
        }
        assertThat(awaitSlaMails(ALICE, subject -> subject.contains("SLA: 3 tickets need you")))
            .as("one digest for alice, listing the three").hasSize(1);
    }

    @Test
    void aTicketResolvedMoreThanThirtyDaysAgoShouldLeaveTheLedger() throws Exception {
        Instant opened = paris(12, 7, 9, 0);
        moveTo(opened);
        server.smtp().send(JANE, "Printer broken", SUPPORT);
        awaitRecord(AuditEventType.TICKET_CREATED, "SUP-1");
        awaitOpenedInTheLedger();
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 1);
        store(ALICE, "SUP-1", "+FLAGS ($Resolved)");
        server.smtp().send(JANE, "Scanner broken", SUPPORT);
        TeamInboxServer.awaitUntil(() -> ledgerFacts("resolved") == 1 && ledgerFacts("opened") == 2, "SUP-1 resolved, SUP-2 open");

        moveTo(opened.plus(Duration.ofDays(29)));
        awaitRecord(AuditEventType.SLA_BREACHED, "SUP-2");
        assertThat(ledgerFacts("opened")).as("29 days after: kept").isEqualTo(2);

        moveTo(opened.plus(Duration.ofDays(31)));
        TeamInboxServer.awaitUntil(() -> ledgerFacts("opened") == 1, "SUP-1's facts pruned");
        assertThat(ledgerFacts("resolved")).isZero();
        assertThat(ledgerFacts("opened")).as("SUP-2 is still open").isEqualTo(1);
    }

    @Test
    void aPruneShouldKeepTheFactsOfOtherTicketsWrittenInTheSameMessage() throws Exception {
        Instant at = paris(12, 7, 9, 0);
        SlaLedgerNode node = server.probe(SlaNodesProbe.class).ledgerNode();
        node.record(SUPPORT, List.of(TicketFact.of("SUP-901", TicketFact.Kind.OPENED, at, JANE),
            TicketFact.of("SUP-902", TicketFact.Kind.OPENED, at, JANE),
            TicketFact.of("SUP-901", TicketFact.Kind.RESOLVED, at.plusSeconds(60), ALICE)));
        assertThat(server.probe(SlaNodesProbe.class).ledgerAnnotations(SUPPORT)).as("three facts, one annotation").hasSize(1);
        assertThat(server.probe(SlaNodesProbe.class).ledgerMessages(SUPPORT)).as("no message appended for facts").isZero();
        assertThat(node.facts(SUPPORT)).containsOnlyKeys("SUP-901", "SUP-902");

        node.prune(SUPPORT, List.of("SUP-901"));

        assertThat(ledgerFacts("resolved")).isZero();
        assertThat(ledgerFacts("opened")).as("SUP-902's, written again without SUP-901's").isEqualTo(1);
        assertThat(server.probe(SlaNodesProbe.class).ledgerNode().facts(SUPPORT)).as("as a node reading the folder afresh sees it")
            .isEqualTo(Map.of("SUP-902", List.of(TicketFact.of("SUP-902", TicketFact.Kind.OPENED, at, JANE))));
        assertThat(node.facts(SUPPORT)).as("the pruning node, once it has read the new message")
            .isEqualTo(Map.of("SUP-902", List.of(TicketFact.of("SUP-902", TicketFact.Kind.OPENED, at, JANE))));
    }

    @Test
    void factsWrittenAsAMessageUntil20261207ShouldStillBeReadAndPruned() throws Exception {
        server.probe(SlaNodesProbe.class).appendToLedger(SUPPORT, """
            From: support@example.test
            To: support@example.test
            Subject: 2 facts
            X-Sla-Entry: ticket=SUP-801 kind=opened at=2026-12-04T16:30:00Z actor=jane%40customer.test
            X-Sla-Entry: ticket=SUP-802 kind=opened at=2026-12-04T16:31:00Z actor=jane%40customer.test

            SLA ledger entry of support@example.test (docs/sla.md).
            """);
        SlaLedgerNode node = server.probe(SlaNodesProbe.class).ledgerNode();
        TicketFact sup802 = TicketFact.of("SUP-802", TicketFact.Kind.OPENED, Instant.parse("2026-12-04T16:31:00Z"), JANE);
        assertThat(node.facts(SUPPORT)).isEqualTo(Map.of(
            "SUP-801", List.of(TicketFact.of("SUP-801", TicketFact.Kind.OPENED, Instant.parse("2026-12-04T16:30:00Z"), JANE)),
            "SUP-802", List.of(sup802)));

        node.prune(SUPPORT, List.of("SUP-801"));

        assertThat(server.probe(SlaNodesProbe.class).ledgerMessages(SUPPORT)).as("the message is gone").isZero();
        assertThat(server.probe(SlaNodesProbe.class).ledgerNode().facts(SUPPORT)).as("SUP-802's fact, written again as an annotation")
            .isEqualTo(Map.of("SUP-802", List.of(sup802)));
        assertThat(node.facts(SUPPORT)).isEqualTo(Map.of("SUP-802", List.of(sup802)));
    }

    @Test
    void factsWrittenOneToAMessageByTheFormerLedgerShouldStillBeRead() throws Exception {
        server.probe(SlaNodesProbe.class).appendToLedger(SUPPORT, """
            From: support@example.test
            To: support@example.test
            Subject: fact rule-matched SUP-7
            X-Sla-Ticket: SUP-7
            X-Sla-Fact: rule-matched
            X-Sla-At: 2026-12-04T16:30:00Z
            X-Sla-Actor: system
            X-Sla-Detail: urgent

            SLA ledger entry of support@example.test (docs/sla.md).
            """);

        assertThat(server.probe(SlaNodesProbe.class).ledgerNode().facts(SUPPORT)).isEqualTo(Map.of("SUP-7",
            List.of(new TicketFact("SUP-7", TicketFact.Kind.RULE_MATCHED, Instant.parse("2026-12-04T16:30:00Z"), "system", "urgent"))));
    }

    private int ledgerFacts(String kind) throws Exception {
        return server.probe(SlaNodesProbe.class).ledgerFacts(SUPPORT, kind);
    }

    /**
     * The ticket's opened fact reaches the ledger on the SLA listener's thread, after the record and
     * up to 50 ms later (facts are written in groups): the clock may move only once it is there.
     */
    private void awaitOpenedInTheLedger() throws Exception {
        TeamInboxServer.awaitUntil(() -> ledgerFacts("opened") >= 1, "SUP-1 opened in the ledger");
    }

    private void moveTo(Instant instant) {
        clock.advance(Duration.between(clock.instant(), instant));
    }

    private void awaitChecksOfTheMovedClock() throws Exception {
        awaitChecksOfTheMovedClock(List.of(schedule));
    }

    /**
     * Waits until each schedule completed two more checks: the first may have read the clock
     * before it moved, the second began after the first ended, so it read the moved clock.
     */
    private static void awaitChecksOfTheMovedClock(List<SlaSchedule> nodes) throws Exception {
        Map<SlaSchedule, Long> completed = new IdentityHashMap<>();
        nodes.forEach(node -> completed.put(node, node.completedChecks()));
        TeamInboxServer.awaitUntil(() -> nodes.stream().allMatch(node -> node.completedChecks() >= completed.get(node) + 2),
            "two more checks of each SLA schedule");
    }

    private List<AuditRecord> records(AuditEventType type, String ticket) {
        return AuditRecords.of(server).stream()
            .filter(record -> record.type() == type && record.ticket().equals(Optional.of(ticket)))
            .toList();
    }

    private AuditRecord awaitRecord(AuditEventType type, String ticket) throws Exception {
        TeamInboxServer.awaitUntil(() -> !records(type, ticket).isEmpty(), type + " of " + ticket);
        return records(type, ticket).get(0);
    }

    private void store(String member, String ticket, String change) throws Exception {
        assertThat(tryStore(member, ticket, change)).as(member + " STORE " + change).isTrue();
    }

    private boolean tryStore(String member, String ticket, String change) throws Exception {
        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, member)) {
            imap.select("INBOX");
            return imap.command("STORE " + sequenceOf(imap, ticket) + " " + change);
        }
    }

    private static String sequenceOf(ImapTestClient imap, String ticket) throws Exception {
        assertThat(imap.command("SEARCH HEADER X-Ticket \"" + ticket + "\"")).isTrue();
        Matcher found = Pattern.compile("\\* SEARCH (\\d+)").matcher(imap.lastReply());
        assertThat(found.find()).as("a message of " + ticket + " in INBOX").isTrue();
        return found.group(1);
    }

    /** The keywords of the ticket's first message in INBOX. */
    private String keywordsOf(String ticket) throws Exception {
        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            imap.select("INBOX");
            assertThat(imap.command("FETCH " + sequenceOf(imap, ticket) + " (FLAGS)")).isTrue();
            return imap.lastReply();
        }
    }

    /** The FETCH FLAGS reply of every message of the ticket in INBOX. */
    private String flagsOfTicket(String ticket) throws Exception {
        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            imap.select("INBOX");
            assertThat(imap.command("SEARCH HEADER X-Ticket \"" + ticket + "\"")).isTrue();
            Matcher found = Pattern.compile("\\* SEARCH ([\\d ]+)").matcher(imap.lastReply());
            assertThat(found.find()).as("messages of " + ticket + " in INBOX").isTrue();
            assertThat(imap.command("FETCH " + found.group(1).strip().replace(' ', ',') + " (FLAGS)")).isTrue();
            return imap.lastReply();
        }
    }

    private void awaitKeyword(String ticket, String keyword) throws Exception {
        TeamInboxServer.awaitUntil(() -> keywordsOf(ticket).contains(keyword), keyword + " on " + ticket);
    }

    /** The SLA mails of the user's INBOX, as read by the look that first found one satisfying {@code expected}. */
    private List<String> awaitSlaMails(String user, Predicate<String> expected) throws Exception {
        AtomicReference<List<String>> seen = new AtomicReference<>(List.of());
        TeamInboxServer.awaitUntil(() -> {
            seen.set(subjectsIn(user).stream().filter(subject -> subject.contains("SLA:")).toList());
            return seen.get().stream().anyMatch(expected);
        }, "an SLA mail for " + user);
        return seen.get();
    }

    private List<String> subjectsIn(String user) throws Exception {
        try (ImapTestClient imap = server.imapAs(user)) {
            imap.select("INBOX");
            return imap.headers("Subject");
        }
    }
}
