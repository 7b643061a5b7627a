package com.teaminbox.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real IMAP4rev1 client on the server's port: tagged commands over a socket, responses read
 * with their literals ({@code {n}}) byte-exact. Small on purpose, so that a test failure is
 * about the server, never about a client library's parser.
 */
public final class ImapTestClient implements AutoCloseable {
    private static final DateTimeFormatter INTERNAL_DATE = DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss Z", Locale.ROOT);
    private static final Pattern EXISTS = Pattern.compile("(?m)^\\* (\\d+) EXISTS");
    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)}$");
    private static final Pattern LIST_LINE = Pattern.compile("^\\* LIST \\([^)]*\\) (?:\"[^\"]*\"|NIL) \"?([^\"]*)\"?$", Pattern.MULTILINE);

    private final Socket socket;
    private final InputStream input;
    private final OutputStream output;
    private int tagCounter;
    private String lastReply = "";
    private int selectedCount;
    private String selectedFolder;

    private ImapTestClient(Socket socket) throws IOException {
        this.socket = socket;
        this.socket.setSoTimeout(30_000);
        this.input = new BufferedInputStream(socket.getInputStream());
        this.output = socket.getOutputStream();
    }

    public static ImapTestClient connect(int port) throws IOException {
        ImapTestClient imap = new ImapTestClient(new Socket("127.0.0.1", port));
        imap.lastReply = imap.readLine();
        if (!imap.lastReply.startsWith("* OK")) {
            throw new IOException("Unexpected IMAP greeting: " + imap.lastReply);
        }
        return imap;
    }

    /**
     * Connects to a port that requires STARTTLS before any login (stock James's 143), upgrades the
     * connection trusting any certificate, and talks IMAP over TLS from then on.
     */
    public static ImapTestClient connectWithStartTls(int port) throws IOException {
        ImapTestClient plain = connect(port);
        if (!plain.command("STARTTLS")) {
            throw new IOException("STARTTLS refused: " + plain.lastReply);
        }
        return new ImapTestClient(TlsSmtpClient.upgrade(plain.socket, port));
    }

    public boolean login(String user, String password) throws IOException {
        return command("LOGIN " + quote(user) + " " + quote(password));
    }

    /**
     * SASL PLAIN (RFC 4616) with an authorization identity, sent as an initial response (RFC 4959
     * SASL-IR, what Thunderbird and most clients do): open {@code target} with {@code member}'s password.
     */
    public boolean authenticatePlain(String target, String member, String password) throws IOException {
        String response = target + "\0" + member + "\0" + password;
        return command("AUTHENTICATE PLAIN " + Base64.getEncoder().encodeToString(response.getBytes(StandardCharsets.UTF_8)));
    }

    /** The same exchange in two steps: the command, the server's {@code +} continuation, then the credentials. */
    public boolean authenticatePlainInTwoSteps(String target, String member, String password) throws IOException {
        String tag = nextTag();
        write(tag + " AUTHENTICATE PLAIN");
        String continuation = readLine();
        if (!continuation.startsWith("+")) {
            lastReply = continuation;
            return false;
        }
        String response = target + "\0" + member + "\0" + password;
        write(Base64.getEncoder().encodeToString(response.getBytes(StandardCharsets.UTF_8)));
        return readUntilTagged(tag);
    }

    /**
     * SASL PLAIN with a response given whole ({@code authzid NUL authcid NUL password}, odd ones
     * too), as an initial response (SASL-IR) or after the server's {@code +}.
     */
    public boolean authenticatePlainResponse(String response, boolean initialResponse) throws IOException {
        String encoded = Base64.getEncoder().encodeToString(response.getBytes(StandardCharsets.UTF_8));
        if (initialResponse) {
            return command("AUTHENTICATE PLAIN " + encoded);
        }
        String tag = nextTag();
        write(tag + " AUTHENTICATE PLAIN");
        String continuation = readLine();
        if (!continuation.startsWith("+")) {
            lastReply = continuation;
            return false;
        }
        write(encoded);
        return readUntilTagged(tag);
    }

    public boolean loginWithLiteralName(String user, String password) throws IOException {
        return commandWithLiteral("LOGIN", user.getBytes(StandardCharsets.UTF_8), " " + quote(password));
    }

    /** {@code APPEND} of a message (CRLF line ends expected) to a folder; true when the server answers OK. */
    public boolean append(String folder, String message) throws IOException {
        return commandWithLiteral("APPEND " + quote(folder), message.getBytes(StandardCharsets.UTF_8), "");
    }

    /**
     * {@code APPEND} with flags (e.g. {@code \\Answered $Hold}, may be empty) and an INTERNALDATE
     * (RFC 3501 {@code date-time}, sent in UTC): how tests put old mail in a folder.
     */
    public boolean append(String folder, String flags, Instant internalDate, String message) throws IOException {
        String date = INTERNAL_DATE.format(internalDate.atZone(ZoneOffset.UTC));
        return commandWithLiteral("APPEND " + quote(folder) + " (" + flags + ") \"" + date + "\"",
            message.getBytes(StandardCharsets.UTF_8), "");
    }

    /** Sends {@code prefix {n}}, waits for the continuation, then the literal and {@code suffix}. */
    public boolean commandWithLiteral(String prefix, byte[] literal, String suffix) throws IOException {
        String tag = nextTag();
        write(tag + " " + prefix + " {" + literal.length + "}");
        String continuation = readLine();
        if (!continuation.startsWith("+")) {
            lastReply = continuation;
            return false;
        }
        output.write(literal);
        write(suffix);
        return readUntilTagged(tag);
    }

    public void select(String folder) throws IOException {
        selectedFolder = folder;
        if (!command("SELECT " + quote(folder))) {
            throw new IOException("SELECT " + folder + " failed: " + lastReply);
        }
        Matcher exists = EXISTS.matcher(lastReply);
        selectedCount = exists.find() ? Integer.parseInt(exists.group(1)) : 0;
    }

    private static void sleepQuietly() throws IOException {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The named header of every message of the selected folder, in sequence order (without setting \Seen). */
    public List<String> headers(String name) throws IOException {
        if (selectedCount == 0) {
            // "FETCH 1:*" on an empty folder is a BAD message set: nothing to read.
            return List.of();
        }
        boolean fetched = command("FETCH 1:* (BODY.PEEK[HEADER.FIELDS (" + name + ")])");
        // James's memory backend can announce a message in SELECT's EXISTS a moment before FETCH finds
        // it (the same race as STATUS, see messageCount): select again and read again, a few times.
        for (int attempt = 0; !fetched && lastReply.contains("Invalid messageset") && selectedFolder != null && attempt < 10; attempt++) {
            sleepQuietly();
            select(selectedFolder);
            if (selectedCount == 0) {
                return List.of();
            }
            fetched = command("FETCH 1:* (BODY.PEEK[HEADER.FIELDS (" + name + ")])");
        }
        if (!fetched) {
            throw new IOException("FETCH failed: " + lastReply);
        }
        List<String> values = new ArrayList<>();
        Matcher matcher = Pattern.compile("(?im)^" + Pattern.quote(name) + ": ?(.*?)\\r?$").matcher(lastReply);
        while (matcher.find()) {
            values.add(matcher.group(1).strip());
        }
        return values;
    }

    /**
     * The messages a SELECT of the folder would show (EXAMINE, so nothing changes). Not STATUS:
     * on the memory backend STATUS can count a message a moment before SELECT lists it, and the
     * tests read what they waited for through SELECT.
     */
    public int messageCount(String folder) throws IOException {
        selectedFolder = folder;
        if (!command("EXAMINE " + quote(folder))) {
            return -1;
        }
        Matcher exists = EXISTS.matcher(lastReply);
        selectedCount = exists.find() ? Integer.parseInt(exists.group(1)) : 0;
        return selectedCount;
    }

    public List<String> listFolders() throws IOException {
        command("LIST \"\" \"*\"");
        List<String> folders = new ArrayList<>();
        Matcher matcher = LIST_LINE.matcher(lastReply);
        while (matcher.find()) {
            folders.add(matcher.group(1));
        }
        return folders;
    }

    /** Everything the server answered to the last command, untagged lines and literals included. */
    public String lastReply() {
        return lastReply;
    }

    /** Sends one command; true when the server answers OK. */
    public boolean command(String command) throws IOException {
        String tag = nextTag();
        write(tag + " " + command);
        return readUntilTagged(tag);
    }

    /** Starts {@code IDLE} (RFC 2177); true when the server answers with its continuation. */
    public boolean idle() throws IOException {
        String tag = nextTag();
        write(tag + " IDLE");
        lastReply = readLine();
        return lastReply.startsWith("+");
    }

    /**
     * Reads what the server sends unasked (during IDLE) until a line contains {@code fragment}; a
     * read times out after 30 s. Returns the lines read.
     */
    public String readUntilLineContaining(String fragment) throws IOException {
        StringBuilder received = new StringBuilder();
        while (true) {
            String line = readLine();
            received.append(line).append("\n");
            if (line.contains(fragment)) {
                lastReply = received.toString();
                return lastReply;
            }
        }
    }

    /** Ends IDLE (RFC 2177 {@code DONE}); true when the server answers the IDLE command OK. */
    public boolean done() throws IOException {
        write("DONE");
        return readUntilTagged("t" + tagCounter);
    }

    /** Sends one command and reads until the server closes the connection: what it said on the way out. */
    public String commandUntilClosed(String command) throws IOException {
        write(nextTag() + " " + command);
        return readUntilClosed();
    }

    /** Everything the server sends until it closes the connection (a read times out after 30 s). */
    public String readUntilClosed() throws IOException {
        StringBuilder received = new StringBuilder();
        while (true) {
            try {
                received.append(readLine()).append("\n");
            } catch (IOException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("Connection closed by the server")) {
                    lastReply = received.toString();
                    return lastReply;
                }
                throw e;
            }
        }
    }

    private boolean readUntilTagged(String tag) throws IOException {
        StringBuilder reply = new StringBuilder();
        while (true) {
            String line = readLine();
            reply.append(line).append("\n");
            Matcher literal = LITERAL.matcher(line);
            if (literal.find()) {
                reply.append(new String(input.readNBytes(Integer.parseInt(literal.group(1))), StandardCharsets.UTF_8));
                continue;
            }
            if (line.startsWith(tag + " ")) {
                lastReply = reply.toString();
                return line.startsWith(tag + " OK");
            }
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int current = input.read();
            if (current == -1) {
                throw new IOException("Connection closed by the server after: " + line.toString(StandardCharsets.UTF_8));
            }
            if (previous == '\r' && current == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(current);
            previous = current;
        }
    }

    private void write(String line) throws IOException {
        output.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        output.flush();
    }

    private String nextTag() {
        tagCounter++;
        return "t" + tagCounter;
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public void close() throws IOException {
        try {
            if (!socket.isClosed()) {
                write("t0 LOGOUT");
            }
        } catch (IOException e) {
            // James may already have closed the connection: nothing left to say.
        } finally {
            socket.close();
        }
    }
}
