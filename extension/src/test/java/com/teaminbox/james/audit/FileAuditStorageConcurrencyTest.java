package com.teaminbox.james.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.audit.AuditQuery;
import com.teaminbox.core.audit.AuditVerification;
import com.teaminbox.core.audit.AuditVerifier;
import com.teaminbox.core.config.ConfigurationInForce;

class FileAuditStorageConcurrencyTest {
    private static final int THREADS = 16;
    private static final int RECORDS_EACH = 250;

    @TempDir
    Path home;

    @Test
    void aTrailWrittenByManyThreadsAtOnceShouldVerifyAndBeFoundWhole() throws Exception {
        ConfigurationInForce defaults = NoConfigurationInForce.DEFAULTS;
        RecordingMetricFactory metrics = new RecordingMetricFactory();
        FileAuditStorage storage = new FileAuditStorage(new JamesHome(home), defaults, Clock.systemUTC(), metrics);
        ServerAuditTrail trail = new ServerAuditTrail(storage, defaults, metrics, new AlertMails(null), Clock.systemUTC(), Set.of());
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> callers = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                long first = (long) thread * RECORDS_EACH;
                callers.add(threads.submit(() -> {
                    for (long sequence = first; sequence < first + RECORDS_EACH; sequence++) {
                        trail.record(AuditEventMix.event(sequence));
                    }
                }));
            }
            for (Future<?> caller : callers) {
                caller.get();
            }

            // Events 0 to THREADS * RECORDS_EACH - 1 of the mix: a quarter of them of each kind.
            assertThat(storage.search(AuditQuery.builder().type(AuditEventType.TICKET_CREATED).pageSize(1).build()).totalHits())
                .isEqualTo(THREADS * RECORDS_EACH / AuditEventMix.KINDS);
            assertThat(storage.search(AuditQuery.builder().pageSize(1).build()).totalHits()).isEqualTo(THREADS * RECORDS_EACH);
        } finally {
            threads.shutdown();
            storage.stop();
        }

        AuditVerification verification = new AuditVerifier().verify(List.of(home.resolve("var/audit")));
        assertThat(verification.nodes()).singleElement().satisfies(node -> {
            assertThat(node.intact()).as(node.toString()).isTrue();
            assertThat(node.verifiedRecords()).isEqualTo(THREADS * RECORDS_EACH);
        });
    }
}
