package com.teaminbox.benchmarks.e2e;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The recipient mailbox watched as a mail client watches it: one IMAP session per folder, logged in
 * and selected once, polling until the server stops. The warm-up and the measured phase go through
 * the same sessions, as a client stays connected: re-opening them for the measured phase would
 * make it pay a SELECT that resets {@code \Recent} on every warm-up message (one flag update per
 * message, dispatched to the mailbox listeners) and a first poll that reads all their headers
 * again, a cost that grows with the warm-up and has nothing to do with the mails measured.
 */
final class MailboxWatch implements AutoCloseable {
    private final List<ImapPoller> pollers;
    private final ExecutorService threads;
    private final List<Future<?>> polling = new ArrayList<>();
    private final Map<String, Long> firstSeen;
    private final boolean expunge;

    private MailboxWatch(List<ImapPoller> pollers, Map<String, Long> firstSeen, boolean expunge) {
        this.pollers = pollers;
        this.firstSeen = firstSeen;
        this.expunge = expunge;
        this.threads = Executors.newFixedThreadPool(pollers.size());
        pollers.forEach(poller -> polling.add(threads.submit(poller)));
    }

    /** Sessions on those of {@code folders} that exist; {@code member} empty for the owner's own login. */
    static MailboxWatch open(int imapPort, String mailbox, Optional<String> member, String password, List<String> folders,
                             boolean expunge) throws IOException {
        Map<String, Long> firstSeen = new ConcurrentHashMap<>();
        List<ImapPoller> pollers = new ArrayList<>();
        try {
            for (String folder : folders) {
                ImapPoller.open(imapPort, mailbox, member, password, folder, firstSeen, expunge).ifPresent(pollers::add);
            }
        } catch (IOException | RuntimeException e) {
            pollers.forEach(MailboxWatch::closeQuietly);
            throw e;
        }
        return new MailboxWatch(pollers, firstSeen, expunge);
    }

    /** When each Message-ID was first seen ({@link System#nanoTime()}), over the watch's whole life. */
    Map<String, Long> firstSeen() {
        return firstSeen;
    }

    /** Whether the sessions expunge what they saw (the heap-bounded runs): a mail may then be gone before it is stamped. */
    boolean expunges() {
        return expunge;
    }

    /** A poller ends only when stopped: one that ended on its own failed, and the mails it watches would never be seen. */
    void rethrowIfAPollerFailed() throws InterruptedException {
        for (Future<?> poller : polling) {
            if (poller.isDone() && !poller.isCancelled()) {
                try {
                    poller.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("An IMAP poller failed", e.getCause());
                }
                throw new IllegalStateException("An IMAP poller ended before it was stopped");
            }
        }
    }

    /**
     * While the other server has its window (both servers up): the sessions stay connected and
     * selected, as a client's do, but send nothing, so that this server does no work off its own
     * window and the machine's cores are the other's.
     */
    void pause() {
        pollers.forEach(ImapPoller::pause);
    }

    void resume() {
        pollers.forEach(ImapPoller::resume);
    }

    @Override
    public void close() {
        pollers.forEach(ImapPoller::stop);
        pollers.forEach(MailboxWatch::closeQuietly);
        threads.shutdownNow();
    }

    private static void closeQuietly(ImapPoller poller) {
        try {
            poller.close();
        } catch (IOException e) {
            // the server is going away with the run: nothing left to read from this session
        }
    }
}
