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
 * folder), so that acknowledgements and notifications count as deliveries. Only the account's own
 * folders count: a member also lists the shared mailboxes she belongs to under {@code Shared.}
 * (RFC 2342's shared namespace), and counting those would count each mail of the shared mailbox
 * once more per member.
 */
final class ImapAccount implements AutoCloseable {
    /** {@code * LIST (\HasNoChildren) "." "INBOX"}: the name is the last item, quoted or not. */
    private static final Pattern LIST = Pattern.compile("^\\* LIST \\([^)]*\\) (?:\"[^\"]*\"|NIL) (\"(?:[^\"\\\\]|\\\\.)*\"|\\S+)$");
    private static final Pattern MESSAGES = Pattern.compile("MESSAGES (\\d+)");
    /** A namespace's prefix in a NAMESPACE answer: {@code ("Shared." ".")}. */
    private static final Pattern NAMESPACE_PREFIX = Pattern.compile("\\(\"((?:[^\"\\\\]|\\\\.)*)\" (?:\"[^\"]*\"|NIL)\\)");

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

    /** Every message of the account, in all its own folders (not those of its other users' and shared namespaces). */
    long messageCount() throws IOException {
        List<String> notOwn = new ArrayList<>();
        for (String line : command("NAMESPACE").lines()) {
            notOwn.addAll(otherNamespacePrefixes(line));
        }
        List<String> folders = new ArrayList<>();
        for (String line : command("LIST \"\" \"*\"").lines()) {
            Matcher list = LIST.matcher(line);
            if (list.matches()) {
                String name = list.group(1).startsWith("\"") ? list.group(1).substring(1, list.group(1).length() - 1) : list.group(1);
                if (notOwn.stream().noneMatch(name::startsWith)) {
                    folders.add("\"" + name + "\"");
                }
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

    /**
     * The prefixes of the other users' and shared namespaces in a NAMESPACE answer (RFC 2342:
     * personal, other users', shared; each NIL or a list of (prefix delimiter)), e.g. {@code Shared.}
     * in {@code * NAMESPACE (("" ".")) NIL (("Shared." "."))}; none for another line.
     */
    static List<String> otherNamespacePrefixes(String line) {
        if (!line.startsWith("* NAMESPACE ")) {
            return List.of();
        }
        String rest = line.substring("* NAMESPACE ".length());
        String afterPersonal;
        if (rest.startsWith("NIL")) {
            afterPersonal = rest.substring(3);
        } else {
            int depth = 0;
            int index = 0;
            boolean quoted = false;
            do {
                char current = rest.charAt(index);
                if (current == '"' && (index == 0 || rest.charAt(index - 1) != '\\')) {
                    quoted = !quoted;
                } else if (!quoted && current == '(') {
                    depth++;
                } else if (!quoted && current == ')') {
                    depth--;
                }
                index++;
            } while (depth > 0 && index < rest.length());
            afterPersonal = rest.substring(index);
        }
        List<String> prefixes = new ArrayList<>();
        Matcher prefix = NAMESPACE_PREFIX.matcher(afterPersonal);
        while (prefix.find()) {
            prefixes.add(prefix.group(1));
        }
        return prefixes;
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
