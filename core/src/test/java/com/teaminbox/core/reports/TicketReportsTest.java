package com.teaminbox.core.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.autoreply.BusinessHours;
import com.teaminbox.core.sla.SlaTarget;

/**
 * A scripted week of 200 tickets on support@ (Monday 2026-11-02 to Sunday 2026-11-08, business
 * hours Monday to Friday 09:00-17:00 UTC), whose figures were worked out by hand below. The
 * history is shuffled before it is read: the figures must not depend on the order records arrive in.
 *
 * <pre>
 * tickets 1-100    opened Mon 10:00; first response i minutes later (odd i alice, even i bob)
 * tickets 101-150  opened Fri 16:00; first response Sat 10:00 (18 h wall, 1 business hour), same split
 *                  101-120 warned (first-response) Fri 16:40; 101-110 breached Fri 16:50, then answered
 * tickets 151-200  opened the week before (Fri 2026-10-30 16:00), never answered;
 *                  151-160 breached (first-response) Mon 12:00
 * tickets 1-40     resolved by alice Tue 10:00 (24 h wall, 8 business hours)
 * tickets 41-60    breached (resolution) Wed 09:00, resolved by bob Wed 10:00 (48 h, 16 business hours)
 * tickets 1-5      reopened Thu 09:00; 1-2 resolved again by alice Fri 09:00 (95 h, 31 business hours)
 * tickets 61-70    pending Tue 12:00; 61-65 resumed Thu 12:00
 * tickets 71-80    a customer follow-up Wed 15:00; breached (next-response) Thu 10:00;
 *                  76-80 answered by alice Thu 11:00
 * ticket 1         a second reply by carol Tue 09:30
 * noise            5 mails to sales@, a send-accepted by alice without a ticket
 * </pre>
 */
class TicketReportsTest {
    private static final String SUPPORT = "support@example.test";
    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 2);
    private static final ReportPeriod WEEK = new ReportPeriod(MONDAY, MONDAY.plusDays(6), ZoneOffset.UTC);
    private static final Instant NOW = Instant.parse("2026-11-10T12:00:00Z");
    private static final BusinessHours NINE_TO_FIVE = nineToFive();

    private final List<TimedEvent> history = new ArrayList<>();
    private TicketReport report;

    private static BusinessHours nineToFive() {
        Map<DayOfWeek, BusinessHours.OpeningSpan> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            week.put(day, new BusinessHours.OpeningSpan(LocalTime.of(9, 0), LocalTime.of(17, 0)));
        }
        return new BusinessHours(ZoneOffset.UTC, week, Set.of());
    }

    @BeforeEach
    void scriptTheWeek() {
        for (int i = 1; i <= 100; i++) {
            open(i, at(0, "10:00"));
            reply(i, at(0, "10:00").plus(Duration.ofMinutes(i)), i % 2 == 1 ? "alice" : "bob");
        }
        for (int i = 101; i <= 150; i++) {
            open(i, at(4, "16:00"));
            reply(i, at(5, "10:00"), i % 2 == 1 ? "alice" : "bob");
        }
        for (int i = 101; i <= 120; i++) {
            sla(AuditEventType.SLA_WARNING, i, at(4, "16:40"), "first-response");
        }
        for (int i = 101; i <= 110; i++) {
            sla(AuditEventType.SLA_BREACHED, i, at(4, "16:50"), "first-response");
        }
        for (int i = 151; i <= 200; i++) {
            open(i, Instant.parse("2026-10-30T16:00:00Z"));
        }
        for (int i = 151; i <= 160; i++) {
            sla(AuditEventType.SLA_BREACHED, i, at(0, "12:00"), "first-response");
        }
        for (int i = 1; i <= 40; i++) {
            lifecycle(AuditEventType.TICKET_RESOLVED, i, at(1, "10:00"), "alice", "resolved");
        }
        for (int i = 41; i <= 60; i++) {
            sla(AuditEventType.SLA_BREACHED, i, at(2, "09:00"), "resolution");
            lifecycle(AuditEventType.TICKET_RESOLVED, i, at(2, "10:00"), "bob", "resolved");
        }
        for (int i = 1; i <= 5; i++) {
            add(at(3, "09:00"), AuditEvent.of(AuditEventType.TICKET_REOPENED, AuditActor.externalSender("jane@customer.test"))
                .sharedMailbox(SUPPORT).ticket(ticket(i)).decision("reopened").build());
        }
        for (int i = 1; i <= 2; i++) {
            lifecycle(AuditEventType.TICKET_RESOLVED, i, at(4, "09:00"), "alice", "resolved");
        }
        for (int i = 61; i <= 70; i++) {
            lifecycle(AuditEventType.TICKET_PENDING, i, at(1, "12:00"), "alice", "pending");
        }
        for (int i = 61; i <= 65; i++) {
            lifecycle(AuditEventType.TICKET_PENDING, i, at(3, "12:00"), "alice", "resumed");
        }
        for (int i = 71; i <= 80; i++) {
            add(at(2, "15:00"), AuditEvent.of(AuditEventType.MAIL_RECEIVED, AuditActor.externalSender("jane@customer.test"))
                .sharedMailbox(SUPPORT).decision("accepted").build());
            add(at(2, "15:00"), AuditEvent.of(AuditEventType.TICKET_THREADED, AuditActor.system())
                .sharedMailbox(SUPPORT).ticket(ticket(i)).decision("threaded").build());
            sla(AuditEventType.SLA_BREACHED, i, at(3, "10:00"), "next-response");
        }
        for (int i = 76; i <= 80; i++) {
            reply(i, at(3, "11:00"), "alice");
        }
        reply(1, at(1, "09:30"), "carol");
        for (int i = 0; i < 5; i++) {
            add(at(0, "10:00"), AuditEvent.of(AuditEventType.MAIL_RECEIVED, AuditActor.externalSender("jane@customer.test"))
                .sharedMailbox("sales@example.test").decision("accepted").build());
        }
        add(at(0, "13:00"), AuditEvent.of(AuditEventType.SEND_ACCEPTED, AuditActor.member("alice@example.test"))
            .sharedMailbox(SUPPORT).decision("accepted").build());
        Collections.shuffle(history, new Random(20));
        report = TicketReports.compute(SUPPORT, history, WEEK, NINE_TO_FIVE, NOW);
    }

    @Test
    void totalsShouldCountMailsInNewTicketsAndReplies() {
        // 150 new tickets of the week + 10 follow-ups; the week before and sales@ are not counted
        assertThat(report.total().mailsIn()).isEqualTo(160);
        assertThat(report.total().newTickets()).isEqualTo(150);
        // 150 first responses, 5 answers to follow-ups, carol's second reply on ticket 1
        assertThat(report.total().replies()).isEqualTo(156);
    }

    @Test
    void firstResponseTimesShouldBeMedianAndP90OnWallClockAndInBusinessHours() {
        // wall: 1..100 min and 50 x 18 h; rank 75 = 75 min, rank 135 = 18 h
        // business: 1..100 min and 50 x 60 min; 60 min holds ranks 60-110, rank 135 = 85 min
        assertThat(report.total().firstResponse()).isEqualTo(new ResponseTimes(
            stats(150, Duration.ofMinutes(75), Duration.ofHours(18)),
            stats(150, Duration.ofMinutes(60), Duration.ofMinutes(85))));
    }

    @Test
    void resolutionTimesShouldCountEveryResolutionFromTheOpening() {
        // 40 x 24 h (8 bh), 20 x 48 h (16 bh), 2 x 95 h (31 bh): rank 31 and rank 56
        assertThat(report.total().resolution()).isEqualTo(new ResponseTimes(
            stats(62, Duration.ofHours(24), Duration.ofHours(48)),
            stats(62, Duration.ofHours(8), Duration.ofHours(16))));
    }

    @Test
    void slaOutcomesShouldBeCountedPerTarget() {
        assertThat(report.total().sla()).isEqualTo(Map.of(
            // 150 first responses, 10 of them after a breach; breaches 101-110 and 151-160
            SlaTarget.FIRST_RESPONSE, new SlaCounts(Optional.of(140), 20, 20),
            SlaTarget.NEXT_RESPONSE, new SlaCounts(Optional.empty(), 0, 10),
            // 62 resolutions, the 20 of 41-60 after a breach
            SlaTarget.RESOLUTION, new SlaCounts(Optional.of(42), 0, 20)));
        assertThat(report.total().slaBreached()).isEqualTo(50);
    }

    @Test
    void backlogAtThePeriodsEndShouldSplitOpenPendingAndOverdue() {
        // open: 3-5 reopened, 61-65 resumed, 71-150 never resolved, 151-200 = 3 + 5 + 80 + 50
        // pending: 66-70; overdue: 151-160 (no reply) and 71-75 (next response not given)
        assertThat(report.asOf()).isEqualTo(WEEK.end());
        assertThat(report.total().backlog()).isEqualTo(new Backlog(138, 5, 15));
    }

    @Test
    void backlogShouldBeGivenAtTheEndOfEachDay() {
        assertThat(report.days()).extracting(day -> day.figures().backlog()).containsExactly(
            new Backlog(150, 0, 10),    // Mon: 1-100 and 151-200 open, 151-160 breached
            new Backlog(100, 10, 10),   // Tue: 1-40 resolved, 61-70 pending
            new Backlog(80, 10, 10),    // Wed: 41-60 resolved (their breach met by the resolution)
            new Backlog(90, 5, 15),     // Thu: 1-5 reopened, 61-65 resumed, 71-75 overdue
            new Backlog(138, 5, 25),    // Fri: 1-2 resolved, 101-150 opened, 101-110 breached
            new Backlog(138, 5, 15),    // Sat: 101-110 answered
            new Backlog(138, 5, 15));   // Sun
    }

    @Test
    void eachDayShouldHaveItsOwnVolumeAndTimes() {
        DayFigures monday = report.days().get(0);
        assertThat(monday.day()).isEqualTo(MONDAY);
        assertThat(monday.figures().mailsIn()).isEqualTo(100);
        assertThat(monday.figures().newTickets()).isEqualTo(100);
        assertThat(monday.figures().firstResponse().wallClock())
            .isEqualTo(stats(100, Duration.ofMinutes(50), Duration.ofMinutes(90)));
        assertThat(monday.figures().slaBreached()).isEqualTo(10);
        assertThat(report.days()).extracting(day -> day.figures().mailsIn()).containsExactly(100, 0, 10, 0, 50, 0, 0);
        assertThat(report.days()).extracting(day -> day.figures().resolution().count()).containsExactly(0, 40, 20, 0, 2, 0, 0);
        assertThat(report.days()).extracting(Figures -> Figures.figures().slaBreached()).containsExactly(10, 0, 20, 10, 10, 0, 0);
    }

    @Test
    void membersShouldHaveTheirRepliesFirstResponsesAndResolutions() {
        assertThat(report.members()).containsExactly(
            // 50 odd minutes 1..99 and 25 x 18 h: rank 38 = 75 min, rank 68 = 18 h;
            // business: 1..59 odd (30), 25 x 60 (ranks 31-55), 61..99 odd: rank 38 = 60, rank 68 = 85 min
            // resolutions: 40 x 24 h (8 bh) and 2 x 95 h (31 bh): ranks 21 and 38
            new MemberFigures("alice@example.test", 80,
                new ResponseTimes(stats(75, Duration.ofMinutes(75), Duration.ofHours(18)),
                    stats(75, Duration.ofMinutes(60), Duration.ofMinutes(85))),
                new ResponseTimes(stats(42, Duration.ofHours(24), Duration.ofHours(24)),
                    stats(42, Duration.ofHours(8), Duration.ofHours(8)))),
            // 50 even minutes 2..100 and 25 x 18 h: rank 38 = 76 min; business: 2..58 (29), 26 x 60 (ranks 30-55), rank 68 = 86
            new MemberFigures("bob@example.test", 75,
                new ResponseTimes(stats(75, Duration.ofMinutes(76), Duration.ofHours(18)),
                    stats(75, Duration.ofMinutes(60), Duration.ofMinutes(86))),
                new ResponseTimes(stats(20, Duration.ofHours(48), Duration.ofHours(48)),
                    stats(20, Duration.ofHours(16), Duration.ofHours(16)))),
            new MemberFigures("carol@example.test", 1, ResponseTimes.NONE, ResponseTimes.NONE));
    }

    @Test
    void overdueTicketsShouldBeListedOldestBreachFirst() {
        assertThat(report.overdue()).hasSize(15);
        assertThat(report.overdue().get(0)).isEqualTo(new OverdueTicket("SUP-151", Instant.parse("2026-10-30T16:00:00Z"),
            SlaTarget.FIRST_RESPONSE, at(0, "12:00"), Optional.of("2026-11-02T12:00:00Z"), Optional.of("default"), false));
        assertThat(report.overdue()).extracting(OverdueTicket::ticket).containsExactly(
            "SUP-151", "SUP-152", "SUP-153", "SUP-154", "SUP-155", "SUP-156", "SUP-157", "SUP-158", "SUP-159", "SUP-160",
            "SUP-71", "SUP-72", "SUP-73", "SUP-74", "SUP-75");
    }

    @Test
    void aPeriodNotOverShouldShowTheBacklogAsOfNow() {
        TicketReport running = TicketReports.compute(SUPPORT, history, WEEK, NINE_TO_FIVE, at(2, "12:00"));

        assertThat(running.asOf()).isEqualTo(at(2, "12:00"));
        // Wed 12:00: 41-60 resolved at 10:00, nothing of the afternoon yet
        assertThat(running.total().backlog()).isEqualTo(new Backlog(80, 10, 10));
        assertThat(running.total().mailsIn()).isEqualTo(100);
    }

    @Test
    void aTicketWithoutItsOpeningInTheHistoryShouldBeLeftOut() {
        List<TimedEvent> partial = new ArrayList<>(history);
        partial.removeIf(timed -> timed.event().type() == AuditEventType.TICKET_CREATED
            && timed.event().ticket().equals(Optional.of("SUP-200")));

        TicketReport withoutOne = TicketReports.compute(SUPPORT, partial, WEEK, NINE_TO_FIVE, NOW);

        assertThat(withoutOne.total().backlog()).isEqualTo(new Backlog(137, 5, 15));
    }

    private static DurationStats stats(int count, Duration median, Duration p90) {
        return new DurationStats(count, Optional.of(median), Optional.of(p90));
    }

    private static Instant at(int dayOfWeek, String time) {
        return MONDAY.plusDays(dayOfWeek).atTime(LocalTime.parse(time)).toInstant(ZoneOffset.UTC);
    }

    private static String ticket(int number) {
        return "SUP-" + number;
    }

    private void add(Instant at, AuditEvent event) {
        history.add(new TimedEvent(at, event));
    }

    private void open(int number, Instant at) {
        add(at, AuditEvent.of(AuditEventType.MAIL_RECEIVED, AuditActor.externalSender("jane@customer.test"))
            .sharedMailbox(SUPPORT).decision("accepted").build());
        add(at, AuditEvent.of(AuditEventType.TICKET_CREATED, AuditActor.system())
            .sharedMailbox(SUPPORT).ticket(ticket(number)).decision("created").build());
    }

    private void reply(int number, Instant at, String member) {
        add(at, AuditEvent.of(AuditEventType.SEND_ACCEPTED, AuditActor.member(member + "@example.test"))
            .sharedMailbox(SUPPORT).ticket(ticket(number)).decision("accepted").build());
    }

    private void lifecycle(AuditEventType type, int number, Instant at, String member, String decision) {
        add(at, AuditEvent.of(type, AuditActor.member(member + "@example.test"))
            .sharedMailbox(SUPPORT).ticket(ticket(number)).decision(decision).build());
    }

    private void sla(AuditEventType type, int number, Instant at, String target) {
        add(at, AuditEvent.of(type, AuditActor.system()).sharedMailbox(SUPPORT).ticket(ticket(number))
            .decision(type == AuditEventType.SLA_BREACHED ? "breached" : "warned")
            .detail("target", target).detail("policy", "default").detail("due", at.toString()).build());
    }
}
