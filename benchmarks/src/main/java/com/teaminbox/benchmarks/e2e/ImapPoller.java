package com.teaminbox.benchmarks.e2e;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Logged in to the recipient mailbox, one folder selected, asks every ~20 ms for the messages
 * it has not seen ({@link UidsSeen}: above the UIDs it has seen every one of) and stamps each Message-ID the first time it appears
 * ({@link System#nanoTime()}, the clock the senders use). Optionally expunges what it saw, so that
 * the memory backend, which keeps every message in the heap, does not fill it.
 */
final class ImapPoller implements Runnable, AutoCloseable {
    private static final Pattern UID = Pattern.compile("UID (\\d+)");
    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)}$");
    private static final Pattern MESSAGE_ID = Pattern.compile("(?i)Message-ID:\\s*<([^>]+)>");
    static final long INTERVAL_MILLIS = 20;

    private final Socket socket;
    private final InputStream input;
    private final OutputStream output;
    private final Map<String, Long> firstSeen;
    private final boolean expunge;
    private volatile boolean running = true;
    /** Set while the other server has its window: the session stays logged in and selected, and asks nothing. */
    private volatile boolean paused;
    private final UidsSeen uids = new UidsSeen();
    private int tag;

    private ImapPoller(int port, Map<String, Long> firstSeen, boolean expunge) throws IOException {
        this.socket = new Socket("127.0.0.1", port);
        this.socket.setSoTimeout(120_000);
        this.input = new BufferedInputStream(socket.getInputStream());
        this.output = socket.getOutputStream();
        this.firstSeen = firstSeen;
        this.expunge = expunge;
        readLine();
    }

    /** A poller on {@code folder}, or empty when the folder does not exist; {@code member} empty for the owner's own login. */
    static java.util.Optional<ImapPoller> open(int port, String mailbox, java.util.Optional<String> member, String password,
                                               String folder, Map<String, Long> firstSeen, boolean expunge) throws IOException {
        ImapPoller poller = new ImapPoller(port, firstSeen, expunge);
        boolean loggedIn = member.isPresent()
            ? poller.authenticatePlain(mailbox, member.get(), password)
            : poller.command("LOGIN \"" + mailbox + "\" \"" + password + "\"").ok;
        if (!loggedIn) {
            poller.close();
            throw new IOException("Cannot log in to " + mailbox);
        }
        if (!poller.command("SELECT \"" + folder + "\"").ok) {
            poller.close();
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(poller);
    }

    @Override
    public void run() {
        try {
            while (running) {
                synchronized (this) {
                    if (!paused) {
                        poll();
                    }
                }
                Thread.sleep(INTERVAL_MILLIS);
            }
        } catch (IOException | InterruptedException e) {
            if (running) {
                throw new IllegalStateException("IMAP poller failed", e);
            }
        }
    }

    void stop() {
        running = false;
    }

    /** Stops asking until {@link #resume()}; returns once a poll under way has its answer, so that none runs past the call. */
    synchronized void pause() {
        paused = true;
    }

    void resume() {
        paused = false;
    }

    /**
     * As a mail client does: asks for the UIDs above those it has seen every one of (flags-level, not
     * a read; {@link UidsSeen}), then fetches the Message-ID header of the new ones only. ({@code UID FETCH n:*} always
     * answers the newest message even when it is below n, RFC 3501 section 6.4.8: fetching headers
     * that way would read the newest message again at every poll.)
     */
    private void poll() throws IOException {
        Reply probe = command("UID FETCH " + uids.from() + ":* (UID)");
        long now = System.nanoTime();
        List<Long> answered = new ArrayList<>();
        for (String[] fetch : probe.fetches) {
            Matcher uid = UID.matcher(fetch[0]);
            if (uid.find()) {
                answered.add(Long.parseLong(uid.group(1)));
            }
        }
        List<Long> fresh = uids.unseen(answered);
        if (fresh.isEmpty()) {
            return;
        }
        String set = UidsSeen.set(fresh);
        Reply reply = command("UID FETCH " + set + " (UID BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])");
        for (String[] fetch : reply.fetches) {
            Matcher messageId = MESSAGE_ID.matcher(fetch[1]);
            if (messageId.find()) {
                firstSeen.putIfAbsent(messageId.group(1), now);
            }
        }
        uids.saw(fresh, now);
        if (expunge) {
            command("UID STORE " + set + " +FLAGS.SILENT (\\Deleted)");
            command("EXPUNGE");
        }
    }

    private boolean authenticatePlain(String mailbox, String member, String password) throws IOException {
        String currentTag = "p" + (++tag);
        write(currentTag + " AUTHENTICATE PLAIN");
        readLine();
        write(Base64.getEncoder().encodeToString((mailbox + "\0" + member + "\0" + password).getBytes(StandardCharsets.UTF_8)));
        return readUntil(currentTag).ok;
    }

    private static final class Reply {
        boolean ok;
        final List<String[]> fetches = new ArrayList<>();
    }

    private Reply command(String command) throws IOException {
        String currentTag = "p" + (++tag);
        write(currentTag + " " + command);
        return readUntil(currentTag);
    }

    private Reply readUntil(String currentTag) throws IOException {
        Reply reply = new Reply();
        while (true) {
            String line = readLine();
            Matcher literal = LITERAL.matcher(line);
            if (literal.find()) {
                String content = new String(input.readNBytes(Integer.parseInt(literal.group(1))), StandardCharsets.UTF_8);
                reply.fetches.add(new String[] {line, content});
                continue;
            }
            if (line.startsWith("* ") && line.contains(" FETCH (")) {
                reply.fetches.add(new String[] {line, ""});
                continue;
            }
            if (line.startsWith(currentTag + " ")) {
                reply.ok = line.startsWith(currentTag + " OK");
                return reply;
            }
        }
    }

    private String readLine() throws IOException {
        return ServerLines.readLine(input, "IMAP");
    }

    private void write(String line) throws IOException {
        output.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        output.flush();
    }

    @Override
    public void close() throws IOException {
        running = false;
        socket.close();
    }
}
