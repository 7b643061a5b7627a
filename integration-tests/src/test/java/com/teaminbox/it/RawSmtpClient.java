package com.teaminbox.it;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends a message's bytes exactly as given over SMTP (only line ends made CRLF and lines starting
 * with a dot stuffed, RFC 5321 4.5.2): raw 8-bit headers, broken MIME and huge mails reach the
 * server untouched by a client library. {@code MAIL FROM:<>} when the envelope sender is empty.
 */
final class RawSmtpClient {
    private final int port;

    RawSmtpClient(int port) {
        this.port = port;
    }

    /** The server's reply to the end of DATA, e.g. {@code 250 2.6.0 Message received}. */
    String send(String envelopeSender, String recipient, byte[] message) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(120_000);
            InputStream input = new BufferedInputStream(socket.getInputStream());
            OutputStream output = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            expect(input, "220");
            command(output, input, "EHLO corpus.test", "250");
            command(output, input, "MAIL FROM:<" + envelopeSender + ">", "250");
            command(output, input, "RCPT TO:<" + recipient + ">", "250");
            command(output, input, "DATA", "354");
            writeData(output, message);
            output.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
            output.flush();
            String reply = readReply(input);
            command(output, input, "QUIT", "221");
            return reply;
        }
    }

    /** Each command's whole reply (every line of a multi-line one, joined by a line feed), in order; the greeting is not one. */
    List<String> replies(String... commands) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(120_000);
            InputStream input = new BufferedInputStream(socket.getInputStream());
            OutputStream output = new BufferedOutputStream(socket.getOutputStream());
            expect(input, "220");
            List<String> replies = new ArrayList<>();
            for (String command : commands) {
                output.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
                output.flush();
                StringBuilder reply = new StringBuilder();
                String line;
                do {
                    line = readLine(input);
                    reply.append(reply.length() == 0 ? "" : "\n").append(line);
                } while (line.length() >= 4 && line.charAt(3) == '-');
                replies.add(reply.toString());
            }
            return replies;
        }
    }

    private static void writeData(OutputStream output, byte[] message) throws IOException {
        boolean lineStart = true;
        for (int index = 0; index < message.length; index++) {
            byte current = message[index];
            if (lineStart && current == '.') {
                output.write('.');
            }
            if (current == '\n' && (index == 0 || message[index - 1] != '\r')) {
                output.write('\r');
            }
            output.write(current);
            lineStart = current == '\n';
        }
        if (!lineStart) {
            output.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static void command(OutputStream output, InputStream input, String line, String expected) throws IOException {
        output.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        output.flush();
        expect(input, expected);
    }

    private static void expect(InputStream input, String code) throws IOException {
        String reply = readReply(input);
        if (!reply.startsWith(code)) {
            throw new IOException("Expected " + code + ", the server answered: " + reply);
        }
    }

    /** One reply, multi-line ones ({@code 250-...}) read to their last line. */
    private static String readReply(InputStream input) throws IOException {
        while (true) {
            String line = readLine(input);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return line;
            }
        }
    }

    private static String readLine(InputStream input) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int current;
        while ((current = input.read()) != '\n') {
            if (current == -1) {
                throw new IOException("Connection closed by the server after: " + line.toString(StandardCharsets.US_ASCII));
            }
            if (current != '\r') {
                line.write(current);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
