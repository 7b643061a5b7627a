package com.teaminbox.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditGroupCommitTest {
    @TempDir
    Path directory;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T09:00:00Z"));
    private final List<AuditRecord> passedOn = Collections.synchronizedList(new ArrayList<>());

    private AuditGroupCommit group(Path where) {
        return new AuditGroupCommit(new AuditChainWriter(where, "mx1", clock, AuditChainWriter.DEFAULT_MAX_FILE_BYTES, FlushPolicy.FLUSH),
            located -> located.forEach(record -> passedOn.add(record.record())));
    }

    @Test
    void concurrentCallersShouldGetTheirOwnRecordsInOneVerifiableChain() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<AuditRecord>> futures = new ArrayList<>();
        try (AuditGroupCommit group = group(directory)) {
            for (int number = 0; number < 2_000; number++) {
                AuditEvent event = AuditChainWriterTest.event(number);
                futures.add(threads.submit(() -> AuditGroupCommit.await(group.submit(event))));
            }
            assertEachCallerGotItsOwnRecord(futures);
        } finally {
            threads.shutdown();
        }

        assertTheChainShouldHoldAndBePassedOn(2_000);
    }

    @Test
    void flushShouldReturnOnceEverythingHandedOverBeforeIsWrittenAndPassedOn() {
        try (AuditGroupCommit group = group(directory)) {
            List<CompletableFuture<AuditRecord>> futures = new ArrayList<>();
            for (int number = 0; number < 100; number++) {
                futures.add(group.submit(AuditChainWriterTest.event(number)));
            }

            group.flush();

            assertThat(futures).allMatch(CompletableFuture::isDone);
            assertThat(passedOn).hasSize(100);
        }
    }

    @Test
    void aRecordThatCannotBeWrittenShouldFailItsCallerWithTheTrailUnavailable() throws Exception {
        Path audit = directory.resolve("audit");
        try (AuditGroupCommit group = group(audit)) {
            AuditGroupCommit.await(group.submit(AuditChainWriterTest.event(1)));
            Files.move(audit, directory.resolve("moved"));
            Files.writeString(audit, "a file where the directory was");
            clock.advance(Duration.ofDays(1));

            assertThatThrownBy(() -> AuditGroupCommit.await(group.submit(AuditChainWriterTest.event(2))))
                .isInstanceOf(AuditUnavailableException.class)
                .hasMessageContaining("Cannot write the audit trail of node mx1");
        }
        assertThat(passedOn).hasSize(1);
    }

    @Test
    void aRecordHandedOverFromTheWritersOwnThreadShouldBeWrittenWithoutWaitingForItself() {
        try (AuditGroupCommit group = group(directory)) {
            CompletableFuture<AuditRecord> nested = new CompletableFuture<>();
            // what a failure handler or a gap record does: record from the callback of another record
            AuditGroupCommit.await(group.submit(AuditChainWriterTest.event(1))
                .thenCompose(first -> {
                    group.submit(AuditChainWriterTest.event(2)).whenComplete((record, failure) -> nested.complete(record));
                    return nested;
                }));

            assertThat(nested.join().seq()).isEqualTo(2);
        }
    }

    @Test
    void recordsAfterCloseShouldStillBeWrittenByTheirCaller() {
        AuditGroupCommit group = group(directory);
        AuditGroupCommit.await(group.submit(AuditChainWriterTest.event(1)));
        group.close();

        assertThat(AuditGroupCommit.await(group.submit(AuditChainWriterTest.event(2))).seq()).isEqualTo(2);
    }

    @Test
    void callersShouldHandTheirRecordsToTheWriterThreadInsteadOfWritingThemThemselves() {
        List<String> writingThreads = Collections.synchronizedList(new ArrayList<>());
        try (AuditGroupCommit group = new AuditGroupCommit(new AuditChainWriter(directory, "mx1", clock,
            AuditChainWriter.DEFAULT_MAX_FILE_BYTES, FlushPolicy.FLUSH), records -> writingThreads.add(Thread.currentThread().getName()))) {
            AuditGroupCommit.await(group.submit(AuditChainWriterTest.event(1)));
            AuditGroupCommit.await(group.submit(AuditChainWriterTest.event(2)));
        }

        assertThat(writingThreads).containsOnly("teaminbox-audit-writer").hasSize(2);
    }

    @Test
    void anInterruptedCallerShouldHaveItsRecordWrittenByAnotherThreadAndTheFileStayOpen() throws Exception {
        try (AuditGroupCommit group = group(directory)) {
            Thread.currentThread().interrupt();
            AuditRecord first;
            try {
                first = AuditGroupCommit.await(group.submit(AuditChainWriterTest.event(1)));
            } finally {
                assertThat(Thread.interrupted()).as("the caller's interrupt is kept for it").isTrue();
            }
            AuditRecord second = AuditGroupCommit.await(group.submit(AuditChainWriterTest.event(2)));

            assertThat(List.of(first.seq(), second.seq())).containsExactly(1L, 2L);
        }
        // Java closes a FileChannel written by an interrupted thread: a second file would mean the first was abandoned.
        assertThat(Files.list(directory).count()).isEqualTo(1);
        assertThat(new AuditVerifier().verify(List.of(directory)).node("mx1").orElseThrow().intact()).isTrue();
    }

    private static void awaitWriterAsleep(AuditGroupCommit group) throws InterruptedException {
        for (int attempt = 0; attempt < 10_000 && !group.writerSleeps(); attempt++) {
            Thread.sleep(1);
        }
        assertThat(group.writerSleeps()).as("the writer thread sleeps, nothing being queued").isTrue();
    }

    @Test
    void aWaitingCallerShouldWriteItsRecordItselfWhileTheWriterThreadSleeps() throws Exception {
        List<String> writingThreads = Collections.synchronizedList(new ArrayList<>());
        try (AuditGroupCommit group = new AuditGroupCommit(new AuditChainWriter(directory, "mx1", clock,
            AuditChainWriter.DEFAULT_MAX_FILE_BYTES, FlushPolicy.FLUSH), records -> writingThreads.add(Thread.currentThread().getName()))) {
            awaitWriterAsleep(group);
            AuditRecord first = group.append(AuditChainWriterTest.event(1));
            awaitWriterAsleep(group);
            AuditRecord second = group.append(AuditChainWriterTest.event(2));

            assertThat(List.of(first.seq(), second.seq())).containsExactly(1L, 2L);
        }

        // No wake-up of the writer thread, nor of this one: the caller wrote its own record.
        assertThat(writingThreads).containsOnly(Thread.currentThread().getName()).hasSize(2);
    }

    @Test
    void aCallerWritingItsOwnRecordAloneShouldAllocateLittleBesidesTheRecordItself() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<AuditEvent> events = new ArrayList<>();
        for (int number = 0; number < 2_000; number++) {
            events.add(AuditChainWriterTest.event(number));
        }
        long bytes;
        try (AuditGroupCommit group = group(directory)) {
            awaitWriterAsleep(group);
            for (int number = 0; number < 1_000; number++) {
                group.append(events.get(number));
            }
            passedOn.clear();
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int number = 1_000; number < 2_000; number++) {
                group.append(events.get(number));
            }
            bytes = (threads.getCurrentThreadAllocatedBytes() - before) / 1_000;
        }

        // The record, its line (about 330 bytes here), its hash's text and its place in the file: about
        // 750 bytes. Not also a queue entry, a future, the lists of a group and the wrappers around them
        // (about 1,350 bytes a record when a lone caller's record went through the queue), nor an
        // array for the digest and a second Instant (about 810).
        assertThat(bytes).as("bytes allocated per record").isLessThan(790);
    }

    @Test
    void callersArrivingDuringAnotherCallersWriteShouldWriteTheirRecordsAsOneGroupWithoutWakingTheWriterThread() throws Exception {
        CountDownLatch firstGroupInWrite = new CountDownLatch(1);
        CountDownLatch releaseFirstGroup = new CountDownLatch(1);
        List<String> groups = Collections.synchronizedList(new ArrayList<>());
        // The writer's own look, once a second by default, could otherwise fall while caller-a writes and take the later group.
        try (AuditGroupCommit group = new AuditGroupCommit(new AuditChainWriter(directory, "mx1", clock,
            AuditChainWriter.DEFAULT_MAX_FILE_BYTES, FlushPolicy.FLUSH), records -> {
                groups.add(Thread.currentThread().getName() + ":" + records.size());
                if (groups.size() == 1) {
                    // The first group is still being written (the lock held) while the others arrive.
                    firstGroupInWrite.countDown();
                    awaitUninterruptibly(releaseFirstGroup);
                }
            }, TimeUnit.HOURS.toNanos(1))) {
            awaitWriterAsleep(group);
            CompletableFuture<AuditRecord> first = appendOn("caller-a", group, 1);
            firstGroupInWrite.await();
            CompletableFuture<AuditRecord> second = appendOn("caller-b", group, 2);
            CompletableFuture<AuditRecord> third = appendOn("caller-c", group, 3);
            awaitWaiting("caller-b", "caller-c");
            releaseFirstGroup.countDown();

            assertThat(List.of(first.get().seq(), second.get().seq() + third.get().seq())).containsExactly(1L, 5L);
        }

        // One write for the two records queued during the first; the writer thread was not woken to write them.
        assertThat(groups).hasSize(2);
        assertThat(groups.get(0)).isEqualTo("caller-a:1");
        assertThat(groups.get(1)).isIn("caller-b:2", "caller-c:2");
        assertThat(new AuditVerifier().verify(List.of(directory)).node("mx1").orElseThrow().intact()).isTrue();
    }

    private static CompletableFuture<AuditRecord> appendOn(String threadName, AuditGroupCommit group, int number) {
        CompletableFuture<AuditRecord> record = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                record.complete(group.append(AuditChainWriterTest.event(number)));
            } catch (RuntimeException e) {
                record.completeExceptionally(e);
            }
        }, threadName);
        caller.start();
        return record;
    }

    /** Until every named thread waits (parked: for the lock, or for its group). */
    private static void awaitWaiting(String... threadNames) throws InterruptedException {
        Set<String> names = Set.of(threadNames);
        for (int attempt = 0; attempt < 10_000; attempt++) {
            long waiting = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> names.contains(thread.getName()) && thread.getState() == Thread.State.WAITING)
                .count();
            if (waiting == names.size()) {
                return;
            }
            Thread.sleep(1);
        }
        throw new AssertionError("not all waiting: " + names);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void waitingAndHandingOverCallersShouldGetTheirOwnRecordsInOneVerifiableChain() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<AuditRecord>> futures = new ArrayList<>();
        try (AuditGroupCommit group = group(directory)) {
            for (int number = 0; number < 2_000; number++) {
                AuditEvent event = AuditChainWriterTest.event(number);
                boolean waits = number % 3 != 0;
                futures.add(threads.submit(() -> waits ? group.append(event) : AuditGroupCommit.await(group.submit(event))));
            }
            assertEachCallerGotItsOwnRecord(futures);
        } finally {
            threads.shutdown();
        }

        assertTheChainShouldHoldAndBePassedOn(2_000);
    }

    @Test
    void anInterruptedCallerWritingItsOwnRecordShouldKeepItsInterruptAndTheFileOpen() throws Exception {
        try (AuditGroupCommit group = group(directory)) {
            awaitWriterAsleep(group);
            Thread.currentThread().interrupt();
            AuditRecord first;
            try {
                first = group.append(AuditChainWriterTest.event(1));
            } finally {
                assertThat(Thread.interrupted()).as("the caller's interrupt is kept for it").isTrue();
            }
            AuditRecord second = group.append(AuditChainWriterTest.event(2));

            assertThat(List.of(first.seq(), second.seq())).containsExactly(1L, 2L);
        }
        assertThat(Files.list(directory).count()).isEqualTo(1);
        assertThat(new AuditVerifier().verify(List.of(directory)).node("mx1").orElseThrow().intact()).isTrue();
    }

    @Test
    void aWaitingCallerAfterCloseShouldStillHaveItsRecordWritten() {
        AuditGroupCommit group = group(directory);
        group.append(AuditChainWriterTest.event(1));
        group.close();

        assertThat(group.append(AuditChainWriterTest.event(2)).seq()).isEqualTo(2);
    }

    @Test
    void aWaitingCallerWhoseRecordCannotBeWrittenShouldGetTheTrailUnavailable() throws Exception {
        Path audit = directory.resolve("audit");
        try (AuditGroupCommit group = group(audit)) {
            group.append(AuditChainWriterTest.event(1));
            Files.move(audit, directory.resolve("moved"));
            Files.writeString(audit, "a file where the directory was");
            clock.advance(Duration.ofDays(1));

            assertThatThrownBy(() -> group.append(AuditChainWriterTest.event(2)))
                .isInstanceOf(AuditUnavailableException.class)
                .hasMessageContaining("Cannot write the audit trail of node mx1");
        }
        assertThat(passedOn).hasSize(1);
    }

    private static void assertEachCallerGotItsOwnRecord(List<? extends Future<AuditRecord>> futures) throws Exception {
        for (int number = 0; number < futures.size(); number++) {
            assertThat(futures.get(number).get().details()).containsEntry("number", Integer.toString(number));
        }
    }

    private void assertTheChainShouldHoldAndBePassedOn(int records) throws Exception {
        NodeVerification verification = new AuditVerifier().verify(List.of(directory)).node("mx1").orElseThrow();
        assertThat(verification.verifiedRecords()).isEqualTo(records);
        assertThat(verification.intact()).isTrue();
        assertThat(passedOn).hasSize(records);
    }
}
