package com.teaminbox.benchmarks.e2e;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One SMTP connection that sends mail after mail (RSET-free: MAIL, RCPT, DATA each time) and
 * tells when the server accepted each one: the moment its {@code 250} after DATA arrives.
 * The messages are already CRLF and dot-safe (no line starts with a dot).
 */
final class SmtpSender implements AutoCloseable {
    private final Socket socket;
    private final InputStream input;
    private final OutputStream output;

    SmtpSender(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(300_000);
        input = new BufferedInputStream(socket.getInputStream());
        output = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        expect("220");
        command("EHLO bench.test", "250");
    }

    /** Sends one message; returns {@link System#nanoTime()} when the server answered 250 to its DATA. */
    long send(String sender, String recipient, byte[] message) throws IOException {
        command("MAIL FROM:<" + sender + ">", "250");
        command("RCPT TO:<" + recipient + ">", "250");
        command("DATA", "354");
        output.write(message);
        output.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
        output.flush();
        expect("250");
        return System.nanoTime();
    }

    private void command(String line, String code) throws IOException {
        output.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        output.flush();
        expect(code);
    }

    private void expect(String code) throws IOException {
        String reply;
        do {
            reply = readLine();
        } while (reply.length() > 3 && reply.charAt(3) == '-');
        if (!reply.startsWith(code)) {
            throw new IOException("Expected " + code + ", got: " + reply);
        }
    }

    private String readLine() throws IOException {
        return ServerLines.readLine(input, "SMTP");
    }

    @Override
    public void close() throws IOException {
        try {
            output.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            output.flush();
        } finally {
            socket.close();
        }
    }
}
