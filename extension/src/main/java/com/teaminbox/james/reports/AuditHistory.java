package com.teaminbox.james.reports;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.inject.Inject;

import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.audit.AuditPage;
import com.teaminbox.core.audit.AuditQuery;
import com.teaminbox.core.audit.AuditRecord;
import com.teaminbox.core.reports.TimedEvent;
import com.teaminbox.james.audit.FileAuditStorage;

/**
 * The audit records a report reads, from the search index over every node's files: only the
 * types {@link com.teaminbox.core.reports.TicketReports} uses, of one shared mailbox, in a span.
 */
public class AuditHistory {
    static final List<AuditEventType> READ = List.of(AuditEventType.MAIL_RECEIVED, AuditEventType.TICKET_CREATED,
        AuditEventType.SEND_ACCEPTED, AuditEventType.TICKET_RESOLVED, AuditEventType.TICKET_REOPENED, AuditEventType.TICKET_PENDING,
        AuditEventType.SLA_WARNING, AuditEventType.SLA_BREACHED);
    /** A report holds its history in memory: past this many records, ask for a shorter period. */
    static final int MAX_RECORDS = 2_000_000;

    private final FileAuditStorage storage;

    @Inject
    public AuditHistory(FileAuditStorage storage) {
        this.storage = storage;
    }

    /** Every record of these types for {@code sharedMailbox} from {@code since} (inclusive) to {@code until} (exclusive). */
    public List<TimedEvent> read(String sharedMailbox, Instant since, Instant until) throws IOException {
        List<TimedEvent> history = new ArrayList<>();
        for (AuditEventType type : READ) {
            readType(sharedMailbox, type, since, until, history);
        }
        return history;
    }

    private void readType(String sharedMailbox, AuditEventType type, Instant since, Instant until, List<TimedEvent> history)
        throws IOException {
        Set<String> seen = new HashSet<>();
        Instant from = since;
        int page = 1;
        while (from.isBefore(until)) {
            AuditPage hits = storage.search(AuditQuery.builder().mailbox(sharedMailbox).type(type).since(from).until(until)
                .page(page).pageSize(AuditQuery.MAX_PAGE_SIZE).build());
            for (AuditRecord record : hits.records()) {
                if (seen.add(record.node() + "/" + record.seq())) {
                    history.add(new TimedEvent(record.time(), record.event()));
                }
            }
            if (history.size() > MAX_RECORDS) {
                throw new IllegalArgumentException("the period holds more than " + MAX_RECORDS + " audit records; ask for fewer days");
            }
            if (hits.records().size() < AuditQuery.MAX_PAGE_SIZE) {
                return;
            }
            if ((long) (page + 1) * AuditQuery.MAX_PAGE_SIZE > AuditQuery.MAX_RESULT_WINDOW) {
                // The index pages no deeper: go on from the last record's time (records of that
                // millisecond come again and are skipped by their node/seq).
                Instant last = hits.records().get(hits.records().size() - 1).time();
                if (!last.isAfter(from)) {
                    throw new IllegalArgumentException("more than " + AuditQuery.MAX_RESULT_WINDOW + " " + type
                        + " records in one millisecond; the report cannot page through them");
                }
                from = last;
                page = 1;
            } else {
                page++;
            }
        }
    }
}
