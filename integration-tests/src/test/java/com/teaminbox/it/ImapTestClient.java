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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
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
    private static final Pattern EXPUNGE = Pattern.compile("^\\* \\d+ EXPUNGE$");
    private static final Pattern FETCH_COMMAND = Pattern.compile("^FETCH ([0-9:*,]+) ", Pattern.CASE_INSENSITIVE);
    private static final Pattern FETCH_RESPONSE = Pattern.compile("(?m)^\\* (\\d+) FETCH ");
    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)}$");
    /** How many NOOPs, 100 ms apart, a read waits for untagged data that James sent after its tagged answer. */
    private static final int LATE_DATA_ATTEMPTS = 50;
    private static final Pattern LIST_LINE = Pattern.compile("^\\* LIST \\([^)]*\\) (?:\"[^\"]*\"|NIL) \"?([^\"]*)\"?$", Pattern.MULTILINE);

    private final Socket socket;
    private final InputStream input;
    private final OutputStream output;
    private int tagCounter;
    private String lastReply = "";
    /** The literals of the last reply, each with the line that announced it. */
    private List<Literal> lastLiterals = new ArrayList<>();
    private int selectedCount;
    private String selectedFolder;

    /** A literal ({@code {n}} and the n bytes after it) and the response line that ends with it. */
    private record Literal(String line, String text) {
    }

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
        selectedCount = existsOfSelection();
    }

    /**
     * The message count of the folder just selected or examined. RFC 3501 (6.3.1) requires the
     * {@code EXISTS} response before the tagged OK, but James 3.8.1 can put a command's tagged
     * answer on the wire before some of its untagged data (seen under load: a FETCH's response
     * came after its {@code OK FETCH completed}). When the OK came without the count, it is read
     * from what follows, never taken as 0.
     */
    private int existsOfSelection() throws IOException {
        awaitLateData(() -> EXISTS.matcher(lastReply).find(), "the EXISTS count of " + selectedFolder);
        Matcher exists = EXISTS.matcher(lastReply);
        int count = 0;
        while (exists.find()) {
            // a NOOP's EXISTS, if any, is later news than the selection's
            count = Integer.parseInt(exists.group(1));
        }
        return count;
    }

    /**
     * Sends NOOPs, 100 ms apart, until what was read since the last command satisfies
     * {@code complete}: untagged data the server wrote after its tagged answer arrives before a
     * later command's answer. Every reply read stays in {@link #lastReply()}, every literal in
     * reach of the parsers. Gives up quietly after {@value #LATE_DATA_ATTEMPTS} NOOPs; the caller
     * then works with what came.
     */
    private void awaitLateData(BooleanSupplier complete, String what) throws IOException {
        for (int attempt = 0; !complete.getAsBoolean() && attempt < LATE_DATA_ATTEMPTS; attempt++) {
            String reply = lastReply;
            List<Literal> literals = lastLiterals;
            sleepQuietly();
            if (!command("NOOP")) {
                throw new IOException("NOOP failed while waiting for " + what + ": " + lastReply);
            }
            lastReply = reply + lastReply;
            List<Literal> all = new ArrayList<>(literals);
            all.addAll(lastLiterals);
            lastLiterals = all;
        }
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
        String fetch = "FETCH 1:* (BODY.PEEK[HEADER.FIELDS (" + name + ")])";
        // the messages "1:*" names: a message announced during the FETCH is not among them
        int expected = selectedCount;
        boolean fetched = command(fetch);
        // James's memory backend can announce a message in SELECT's EXISTS a moment before FETCH finds
        // it (the same race as STATUS, see messageCount): select again and read again, a few times.
        for (int attempt = 0; !fetched && lastReply.contains("Invalid messageset") && selectedFolder != null && attempt < 10; attempt++) {
            sleepQuietly();
            select(selectedFolder);
            if (selectedCount == 0) {
                return List.of();
            }
            expected = selectedCount;
            fetched = command(fetch);
        }
        if (!fetched) {
            throw new IOException("FETCH failed: " + lastReply);
        }
        // One FETCH response per message; James 3.8.1 can send some after the tagged OK (see existsOfSelection).
        int named = expected;
        awaitLateData(() -> headerBlocks(name).size() >= named, name + " of " + named + " message(s)");
        List<String> values = new ArrayList<>();
        Pattern field = Pattern.compile("(?im)^" + Pattern.quote(name) + ": ?(.*?)\\r?$");
        for (String block : headerBlocks(name).values()) {
            Matcher matcher = field.matcher(block);
            while (matcher.find()) {
                values.add(matcher.group(1).strip());
            }
        }
        return values;
    }

    /**
     * The {@code BODY[HEADER.FIELDS (name)]} literal of each message in the replies read since the
     * FETCH, by sequence number: a message's first answer counts, whatever order they came in.
     */
    private SortedMap<Integer, String> headerBlocks(String name) {
        Pattern response = Pattern.compile("^\\* (\\d+) FETCH \\(.*BODY\\[HEADER\\.FIELDS \\(" + Pattern.quote(name) + "\\)] \\{\\d+}$",
            Pattern.CASE_INSENSITIVE);
        SortedMap<Integer, String> blocks = new TreeMap<>();
        for (Literal literal : lastLiterals) {
            Matcher matcher = response.matcher(literal.line());
            if (matcher.find()) {
                blocks.putIfAbsent(Integer.parseInt(matcher.group(1)), literal.text());
            }
        }
        return blocks;
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
        selectedCount = existsOfSelection();
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

    /**
     * Sends one command; true when the server answers OK. A {@code FETCH} by sequence numbers
     * returns once every message it names has answered, also one whose answer James 3.8.1 sent
     * after the tagged OK (see {@link #existsOfSelection()}).
     */
    public boolean command(String command) throws IOException {
        // the count the set is read against: a message announced during the FETCH is not in its "*"
        int known = selectedCount;
        String tag = nextTag();
        write(tag + " " + command);
        boolean ok = readUntilTagged(tag);
        Matcher fetch = FETCH_COMMAND.matcher(command);
        if (ok && selectedFolder != null && fetch.find()) {
            Set<Integer> named = messageNumbers(fetch.group(1), known);
            awaitLateData(() -> fetchedNumbers().containsAll(named), command);
        }
        return ok;
    }

    /**
     * The sequence numbers a set such as {@code 1:*} or {@code 2,4:5} names in a folder of
     * {@code count} messages; empty when it names one the client does not know of (the check is
     * then left to the server).
     */
    private static Set<Integer> messageNumbers(String set, int count) {
        Set<Integer> numbers = new HashSet<>();
        for (String part : set.split(",")) {
            String[] ends = part.split(":", 2);
            int first = ends[0].equals("*") ? count : Integer.parseInt(ends[0]);
            int last = ends.length == 1 ? first : ends[1].equals("*") ? count : Integer.parseInt(ends[1]);
            if (Math.max(first, last) > count || Math.min(first, last) < 1) {
                return Set.of();
            }
            for (int number = Math.min(first, last); number <= Math.max(first, last); number++) {
                numbers.add(number);
            }
        }
        return numbers;
    }

    private Set<Integer> fetchedNumbers() {
        Set<Integer> numbers = new HashSet<>();
        Matcher response = FETCH_RESPONSE.matcher(lastReply);
        while (response.find()) {
            numbers.add(Integer.parseInt(response.group(1)));
        }
        return numbers;
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
        List<Literal> literals = new ArrayList<>();
        while (true) {
            String line = readLine();
            reply.append(line).append("\n");
            Matcher literal = LITERAL.matcher(line);
            if (literal.find()) {
                String text = new String(input.readNBytes(Integer.parseInt(literal.group(1))), StandardCharsets.UTF_8);
                reply.append(text);
                literals.add(new Literal(line, text));
                continue;
            }
            if (line.startsWith(tag + " ")) {
                lastReply = reply.toString();
                lastLiterals = literals;
                return line.startsWith(tag + " OK");
            }
            followSelectedCount(line);
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

    /** Keeps the selected folder's count current with what the server announces (RFC 3501 7.3.1, 7.4.1). */
    private void followSelectedCount(String line) {
        Matcher exists = EXISTS.matcher(line);
        if (exists.find()) {
            selectedCount = Integer.parseInt(exists.group(1));
        } else if (EXPUNGE.matcher(line).find()) {
            selectedCount = Math.max(0, selectedCount - 1);
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
