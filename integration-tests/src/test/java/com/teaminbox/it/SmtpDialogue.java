package com.teaminbox.it;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One SMTP connection driven line by line, every reply returned as the server wrote it: for
 * tests of a single command's answer (AUTH on a port that must refuse it, RCPT while starting).
 */
final class SmtpDialogue implements Closeable {
    private final Socket socket;
    private final BufferedReader input;
    private final OutputStream output;

    private SmtpDialogue(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        input = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        output = socket.getOutputStream();
        read(); // the greeting
    }

    /** Connected and greeted with EHLO. */
    static SmtpDialogue open(int port) throws IOException {
        SmtpDialogue dialogue = new SmtpDialogue(port);
        String ehlo = dialogue.command("EHLO client.example.test");
        if (!ehlo.startsWith("250")) {
            dialogue.close();
            throw new IOException("EHLO refused: " + ehlo);
        }
        return dialogue;
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one line and returns the whole reply, continuation lines joined with a newline. */
    String command(String line) throws IOException {
        output.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        output.flush();
        return read();
    }

    private String read() throws IOException {
        return SubmissionClient.read(input);
    }

    @Override
    public void close() throws IOException {
        try {
            output.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            output.flush();
        } catch (IOException e) {
            // Already closed by the server: nothing to say goodbye to.
        } finally {
            socket.close();
        }
    }
}
