package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The test client against a scripted server that answers the way James 3.8.1 was seen to under
 * load: a command's tagged OK on the wire before some of its untagged data, which then comes
 * ahead of the next command's answer.
 */
class ImapTestClientTest {
    private static final String SPOOFED_BLOCK = "X-TeamInbox-Spoofed: support@example.test\r\n\r\n";

    private ScriptedServer server;

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void headersShouldIncludeAFetchResponseSentAfterTheTaggedOk() throws Exception {
        server = ScriptedServer.start(Map.of(
            "SELECT", new Answer("* 1 EXISTS\r\n", "OK [READ-WRITE] SELECT completed.", ""),
            // what a full run's reader got: ")" and the OK first, the FETCH response and its literal after them
            "FETCH", new Answer(")\r\n", "OK FETCH completed.",
                "* 1 FETCH (BODY[HEADER.FIELDS (X-TeamInbox-Spoofed)] {" + SPOOFED_BLOCK.length() + "}\r\n" + SPOOFED_BLOCK),
            "NOOP", new Answer("", "OK NOOP completed.", "")));

        try (ImapTestClient imap = ImapTestClient.connect(server.port())) {
            imap.select("INBOX");

            assertThat(imap.headers("X-TeamInbox-Spoofed")).containsExactly("support@example.test");
        }
    }

    @Test
    void headersShouldListEachMessageOnceInSequenceOrderWhateverOrderTheResponsesCameIn() throws Exception {
        server = ScriptedServer.start(Map.of(
            "SELECT", new Answer("* 2 EXISTS\r\n", "OK [READ-WRITE] SELECT completed.", ""),
            "FETCH", new Answer(fetched(2, "<two@x>"), "OK FETCH completed.", fetched(1, "<one@x>")),
            "NOOP", new Answer(fetched(2, "<two@x>"), "OK NOOP completed.", "")));

        try (ImapTestClient imap = ImapTestClient.connect(server.port())) {
            imap.select("INBOX");

            assertThat(imap.headers("Message-ID")).containsExactly("<one@x>", "<two@x>");
        }
    }

    @Test
    void messageCountShouldReadAnExistsSentAfterTheTaggedOk() throws Exception {
        server = ScriptedServer.start(Map.of(
            "EXAMINE", new Answer("* FLAGS (\\Seen)\r\n", "OK [READ-ONLY] EXAMINE completed.", "* 3 EXISTS\r\n* 0 RECENT\r\n"),
            "NOOP", new Answer("", "OK NOOP completed.", "")));

        try (ImapTestClient imap = ImapTestClient.connect(server.port())) {
            assertThat(imap.messageCount("INBOX")).isEqualTo(3);
        }
    }

    @Test
    void aFetchShouldReturnOnceEveryMessageItNamesHasAnswered() throws Exception {
        server = ScriptedServer.start(Map.of(
            "SELECT", new Answer("* 3 EXISTS\r\n", "OK [READ-WRITE] SELECT completed.", ""),
            "FETCH", new Answer("* 2 FETCH (FLAGS (\\Seen))\r\n", "OK FETCH completed.", "* 3 FETCH (FLAGS (\\Answered))\r\n"),
            "NOOP", new Answer("", "OK NOOP completed.", "")));

        try (ImapTestClient imap = ImapTestClient.connect(server.port())) {
            imap.select("INBOX");

            assertThat(imap.command("FETCH 2:3 (FLAGS)")).isTrue();
            assertThat(imap.lastReply()).contains("* 2 FETCH (FLAGS (\\Seen))", "* 3 FETCH (FLAGS (\\Answered))");
        }
    }

    @Test
    void aFetchOfAMessageTheClientDoesNotKnowShouldBeLeftToTheServer() throws Exception {
        server = ScriptedServer.start(Map.of(
            "SELECT", new Answer("* 1 EXISTS\r\n", "OK [READ-WRITE] SELECT completed.", ""),
            "FETCH", new Answer("* 2 EXISTS\r\n* 2 FETCH (FLAGS ())\r\n", "OK FETCH completed.", "")));

        try (ImapTestClient imap = ImapTestClient.connect(server.port())) {
            imap.select("INBOX");

            assertThat(imap.command("FETCH 2 (FLAGS)")).isTrue();
            assertThat(server.commands()).containsExactly("SELECT \"INBOX\"", "FETCH 2 (FLAGS)");
        }
    }

    @Test
    void aMessageAnnouncedDuringTheFetchShouldNotBeWaitedFor() throws Exception {
        server = ScriptedServer.start(Map.of(
            "SELECT", new Answer("* 1 EXISTS\r\n", "OK [READ-WRITE] SELECT completed.", ""),
            "FETCH", new Answer(fetched(1, "<one@x>") + "* 2 EXISTS\r\n", "OK FETCH completed.", "")));

        try (ImapTestClient imap = ImapTestClient.connect(server.port())) {
            imap.select("INBOX");

            assertThat(imap.headers("Message-ID")).containsExactly("<one@x>");
            assertThat(server.commands()).hasSize(2);
        }
    }

    @Test
    void selectOfAnEmptyFolderShouldNeedNoFetch() throws Exception {
        server = ScriptedServer.start(Map.of(
            "SELECT", new Answer("* 0 EXISTS\r\n", "OK [READ-WRITE] SELECT completed.", "")));

        try (ImapTestClient imap = ImapTestClient.connect(server.port())) {
            imap.select("INBOX");

            assertThat(imap.headers("Subject")).isEmpty();
            assertThat(server.commands()).containsExactly("SELECT \"INBOX\"");
        }
    }

    private static String fetched(int number, String messageId) {
        String block = "Message-ID: " + messageId + "\r\n\r\n";
        return "* " + number + " FETCH (BODY[HEADER.FIELDS (Message-ID)] {" + block.length() + "}\r\n" + block + ")\r\n";
    }

    /** What the server writes for a command: untagged data, the tagged status, then data it sends late. */
    private record Answer(String before, String status, String late) {
    }

    /**
     * One connection, answered from a script keyed by command name; the late data of an answer is
     * written just before the next answer, as the client would then read it.
     */
    private static final class ScriptedServer implements AutoCloseable {
        private final ServerSocket socket;
        private final List<String> commands = new ArrayList<>();
        private final CompletableFuture<Void> done;

        private ScriptedServer(ServerSocket socket, Map<String, Answer> script) {
            this.socket = socket;
            this.done = CompletableFuture.runAsync(() -> serve(new LinkedHashMap<>(script)));
        }

        static ScriptedServer start(Map<String, Answer> script) throws IOException {
            return new ScriptedServer(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()), script);
        }

        int port() {
            return socket.getLocalPort();
        }

        synchronized List<String> commands() {
            return List.copyOf(commands);
        }

        private void serve(Map<String, Answer> script) {
            try (Socket connection = socket.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = connection.getOutputStream();
                write(out, "* OK scripted IMAP ready\r\n");
                String pending = "";
                String line;
                while ((line = in.readLine()) != null) {
                    String[] words = line.split(" ", 3);
                    if (words.length < 2 || words[1].equals("LOGOUT")) {
                        return;
                    }
                    synchronized (this) {
                        commands.add(line.substring(words[0].length() + 1));
                    }
                    Answer answer = script.getOrDefault(words[1], new Answer("", "BAD not in the script", ""));
                    write(out, pending + answer.before() + words[0] + " " + answer.status() + "\r\n");
                    pending = answer.late();
                }
            } catch (IOException e) {
                // the client closed the connection: the script is over
            }
        }

        private static void write(OutputStream out, String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            done.join();
        }
    }
}
