package com.teaminbox.it;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.audit.AuditChainWriter;
import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.audit.FlushPolicy;
import com.teaminbox.demo.DemoHome;

/**
 * A week of support@ written before the server starts, as another node ("mx-seed") of the same
 * audit directory would have: the server's index reads it at start. It holds what the SLA feature
 * writes too (breaches, pending), so the reports show every kind of figure. Times UTC; the demo's
 * business hours are Paris, 09:00-18:00 (UTC+1 in November).
 * <pre>
 * SUP-901  opened Mon 2 Nov 08:00, alice replies 09:00 (1 h), alice resolves Tue 08:00 (24 h, 9 business hours)
 * SUP-902  opened Mon 10:00, alice replies 12:00 (2 h)
 * SUP-903  opened Tue 09:00, first response warned 12:00 and breached 13:00, never answered: overdue
 * SUP-904  opened Wed 09:00, pending (alice) Wed 10:00
 * </pre>
 */
final class ReportFixture {
    static final String SUPPORT = "support@example.test";
    /** The server's clock: the Monday after the seeded week, 10:00 UTC (11:00 in Paris). */
    static final Instant NOW = Instant.parse("2026-11-09T10:00:00Z");

    private ReportFixture() {
    }

    static Consumer<DemoHome> seeded() {
        return home -> seed(home.root().resolve("var/audit"));
    }

    static void seed(Path auditDirectory) {
        List<Seeded> week = new ArrayList<>();
        opened(week, "SUP-901", "2026-11-02T08:00:00Z");
        reply(week, "SUP-901", "2026-11-02T09:00:00Z");
        lifecycle(week, AuditEventType.TICKET_RESOLVED, "SUP-901", "2026-11-03T08:00:00Z", "resolved");
        opened(week, "SUP-902", "2026-11-02T10:00:00Z");
        reply(week, "SUP-902", "2026-11-02T12:00:00Z");
        opened(week, "SUP-903", "2026-11-03T09:00:00Z");
        sla(week, AuditEventType.SLA_WARNING, "SUP-903", "2026-11-03T12:00:00Z", "warned");
        sla(week, AuditEventType.SLA_BREACHED, "SUP-903", "2026-11-03T13:00:00Z", "breached");
        opened(week, "SUP-904", "2026-11-04T09:00:00Z");
        lifecycle(week, AuditEventType.TICKET_PENDING, "SUP-904", "2026-11-04T10:00:00Z", "pending");
        week.sort(Comparator.comparing(Seeded::at));
        MovableClock clock = new MovableClock(week.get(0).at());
        try (AuditChainWriter writer = new AuditChainWriter(auditDirectory, "mx-seed", clock, AuditChainWriter.DEFAULT_MAX_FILE_BYTES,
            FlushPolicy.FLUSH)) {
            for (Seeded seeded : week) {
                clock.advance(Duration.between(clock.instant(), seeded.at()));
                writer.append(seeded.event());
            }
        }
    }

    private static void opened(List<Seeded> week, String ticket, String at) {
        week.add(new Seeded(Instant.parse(at), AuditEvent.of(AuditEventType.MAIL_RECEIVED, AuditActor.externalSender("jane@customer.test"))
            .sharedMailbox(SUPPORT).decision("accepted").build()));
        week.add(new Seeded(Instant.parse(at), AuditEvent.of(AuditEventType.TICKET_CREATED, AuditActor.system())
            .sharedMailbox(SUPPORT).ticket(ticket).decision("created").build()));
    }

    private static void reply(List<Seeded> week, String ticket, String at) {
        week.add(new Seeded(Instant.parse(at), AuditEvent.of(AuditEventType.SEND_ACCEPTED, AuditActor.member("alice@example.test"))
            .sharedMailbox(SUPPORT).ticket(ticket).decision("accepted").detail("stage", "DATA").build()));
    }

    private static void lifecycle(List<Seeded> week, AuditEventType type, String ticket, String at, String decision) {
        week.add(new Seeded(Instant.parse(at), AuditEvent.of(type, AuditActor.member("alice@example.test"))
            .sharedMailbox(SUPPORT).ticket(ticket).decision(decision).build()));
    }

    private static void sla(List<Seeded> week, AuditEventType type, String ticket, String at, String decision) {
        week.add(new Seeded(Instant.parse(at), AuditEvent.of(type, AuditActor.system()).sharedMailbox(SUPPORT).ticket(ticket)
            .decision(decision).detail("target", "first-response").detail("policy", "default")
            .detail("due", "2026-11-03T13:00:00Z").build()));
    }

    private record Seeded(Instant at, AuditEvent event) {
    }
}
