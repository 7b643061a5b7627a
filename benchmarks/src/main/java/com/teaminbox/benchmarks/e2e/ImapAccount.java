package com.teaminbox.benchmarks.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One IMAP login to an account, for what the benchmark does outside the measured phase: create the
 * folders the pollers watch, and count every message of the account (LIST, then STATUS of each
 * folder), so that acknowledgements and notifications count as deliveries.
 */
final class ImapAccount implements AutoCloseable {
    /** {@code * LIST (\HasNoChildren) "." "INBOX"}: the name is the last item, quoted or not. */
    private static final Pattern LIST = Pattern.compile("^\\* LIST \\([^)]*\\) (?:\"[^\"]*\"|NIL) (\"(?:[^\"\\\\]|\\\\.)*\"|\\S+)$");
    private static final Pattern MESSAGES = Pattern.compile("MESSAGES (\\d+)");

    private final Socket socket;
    private final BufferedReader input;
    private final OutputStream output;
    private int tag;

    private ImapAccount(int port) throws IOException {
        this.socket = new Socket("127.0.0.1", port);
        this.socket.setSoTimeout(60_000);
        this.input = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.output = socket.getOutputStream();
        input.readLine();
    }

    static ImapAccount login(int port, String user, String password) throws IOException {
        ImapAccount account = new ImapAccount(port);
        if (!account.command("LOGIN \"" + user + "\" \"" + password + "\"").ok()) {
            account.close();
            throw new IOException("Cannot log in as " + user);
        }
        return account;
    }

    /** Creates the folder unless it exists. */
    void create(String folder) throws IOException {
        command("CREATE \"" + folder + "\"");
    }

    /** Every message of the account, in all its folders. */
    long messageCount() throws IOException {
        List<String> folders = new ArrayList<>();
        for (String line : command("LIST \"\" \"*\"").lines()) {
            Matcher list = LIST.matcher(line);
            if (list.matches()) {
                folders.add(list.group(1).startsWith("\"") ? list.group(1) : "\"" + list.group(1) + "\"");
            }
        }
        long count = 0;
        for (String folder : folders) {
            for (String line : command("STATUS " + folder + " (MESSAGES)").lines()) {
                Matcher messages = MESSAGES.matcher(line);
                if (line.startsWith("* STATUS") && messages.find()) {
                    count += Long.parseLong(messages.group(1));
                }
            }
        }
        return count;
    }

    private record Reply(boolean ok, List<String> lines) {
    }

    private Reply command(String command) throws IOException {
        String currentTag = "c" + (++tag);
        output.write((currentTag + " " + command + "\r\n").getBytes(StandardCharsets.UTF_8));
        output.flush();
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = input.readLine();
            if (line == null) {
                throw new IOException("IMAP connection closed during " + command);
            }
            if (line.startsWith(currentTag + " ")) {
                return new Reply(line.startsWith(currentTag + " OK"), lines);
            }
            lines.add(line);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
