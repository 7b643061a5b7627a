package com.teaminbox.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A raw SMTP client for the submission port: AUTH PLAIN, then one transaction, reading every
 * reply exactly as the server wrote it, so that a test can assert the reply code and text of
 * the step that refused the mail.
 */
public final class SubmissionClient {
    /** The server's last reply of a transaction: the refusal, or the 250 that queued the mail. */
    public static final class Reply {
        private final String command;
        private final String text;

        Reply(String command, String text) {
            this.command = command;
            this.text = text;
        }

        /** The step that gave this reply: MAIL, RCPT or DATA (end of data). */
        public String command() {
            return command;
        }

        public int code() {
            return Integer.parseInt(text.substring(0, 3));
        }

        public String text() {
            return text;
        }

        public boolean isAccepted() {
            return text.startsWith("250");
        }

        @Override
        public String toString() {
            return command + " -> " + text;
        }
    }

    private final int port;

    public SubmissionClient(int port) {
        this.port = port;
    }

    /**
     * @param rawMessage headers and body with CRLF line ends, without the final dot
     * @return the first refusal, or the reply to the end of DATA
     */
    public Reply send(String user, String password, String envelopeSender, String recipient, String rawMessage) throws IOException {
        return exchange(Optional.of(user + "\0" + password), envelopeSender, recipient, rawMessage);
    }

    /** Like {@link #send}, without AUTH: mail arriving from outside on the incoming SMTP port. */
    public Reply deliver(String envelopeSender, String recipient, String rawMessage) throws IOException {
        return exchange(Optional.empty(), envelopeSender, recipient, rawMessage);
    }

    private Reply exchange(Optional<String> userAndPassword, String envelopeSender, String recipient, String rawMessage) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            BufferedReader input = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream output = socket.getOutputStream();
            expect(read(input), "220", "greeting");
            write(output, "EHLO client.example.test");
            expect(read(input), "250", "EHLO");
            if (userAndPassword.isPresent()) {
                String credentials = Base64.getEncoder().encodeToString(("\0" + userAndPassword.get()).getBytes(StandardCharsets.UTF_8));
                write(output, "AUTH PLAIN " + credentials);
                expect(read(input), "235", "AUTH");
            }
            write(output, "MAIL FROM:<" + envelopeSender + ">");
            String mail = read(input);
            if (!mail.startsWith("250")) {
                return new Reply("MAIL", mail);
            }
            write(output, "RCPT TO:<" + recipient + ">");
            String rcpt = read(input);
            if (!rcpt.startsWith("250")) {
                return new Reply("RCPT", rcpt);
            }
            write(output, "DATA");
            expect(read(input), "354", "DATA");
            output.write((rawMessage + "\r\n.\r\n").getBytes(StandardCharsets.UTF_8));
            output.flush();
            Reply data = new Reply("DATA", read(input));
            write(output, "QUIT");
            return data;
        }
    }

    private static void write(OutputStream output, String line) throws IOException {
        output.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        output.flush();
    }

    /**
     * A whole reply: continuation lines ({@code 250-...}) are joined with a newline, their text
     * kept. Shared by the test SMTP clients that read text replies.
     */
    static String read(BufferedReader input) throws IOException {
        StringBuilder reply = new StringBuilder();
        String line;
        do {
            line = input.readLine();
            if (line == null) {
                throw new IOException("Connection closed by the server after: " + reply);
            }
            reply.append(reply.length() == 0 ? "" : "\n").append(line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        return reply.toString();
    }

    static void expect(String reply, String code, String step) throws IOException {
        if (!reply.startsWith(code)) {
            throw new IOException("Unexpected reply to " + step + ": " + reply);
        }
    }
}
