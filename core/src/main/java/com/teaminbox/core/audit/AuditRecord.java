package com.teaminbox.core.audit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.regex.Pattern;

/**
 * One line of the audit trail (schema v1, docs/audit.md): an {@link AuditEvent} stamped with
 * its node, sequence number and time, chained to the node's previous record by {@code prev}, and
 * sealed by {@code hash}, the SHA-256 of the canonical JSON of every other member. The event is
 * kept as it is: what happened is the event's, the record adds only where it stands in the chain.
 *
 * <pre>{@code
 * {"v":1,"seq":2,"time":"2026-11-27T09:44:16.123Z","node":"mx1","type":"flags-changed",
 *  "actor":{"kind":"member","name":"alice@example.test"},"mailbox":"support@example.test",
 *  "decision":"accepted","details":{"flags":"+\\Seen"},"prev":"3f5a…","hash":"9c0e…"}
 * }</pre>
 * (one line in the file). {@link #parse} accepts a line only if it is exactly what
 * {@link #toJson} would write for the same content, so a record has one spelling: that one check
 * (the line written again from what was read) refuses every other form, so the reading itself
 * ({@link CanonicalJsonReader}) need not.
 */
public final class AuditRecord {
    public static final int SCHEMA_VERSION = 1;
    /** The {@code prev} of a node's first record. */
    public static final String GENESIS = "0".repeat(64);

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
        .withZone(ZoneOffset.UTC).withResolverStyle(ResolverStyle.STRICT);
    /** One digest per thread: looking the algorithm up among the providers costs more than hashing a record. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(AuditRecord::newSha256);
    /** {@code ,"hash":"} and the closing quote around the 64 digits, before the line's final brace. */
    private static final int HASH_MEMBER_CHARS = ",\"hash\":\"\"".length() + 64;
    /** {@code ,"hash":"}: where a chained line's hash member starts. */
    private static final byte[] HASH_MEMBER_BYTES = ",\"hash\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final int SHA256_BYTES = 32;
    /** After the hash's digits: its closing quote, the line's closing brace and its line feed. */
    private static final int HASH_END_BYTES = 3;
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** The members' names, in the order of the line, made bytes once ({@link CanonicalJsonWriter.Name}). */
    private static final CanonicalJsonWriter.Name V = new CanonicalJsonWriter.Name("v");
    private static final CanonicalJsonWriter.Name SEQ = new CanonicalJsonWriter.Name("seq");
    private static final CanonicalJsonWriter.Name TIME_MEMBER = new CanonicalJsonWriter.Name("time");
    private static final CanonicalJsonWriter.Name NODE = new CanonicalJsonWriter.Name("node");
    private static final CanonicalJsonWriter.Name TYPE = new CanonicalJsonWriter.Name("type");
    private static final CanonicalJsonWriter.Name ACTOR = new CanonicalJsonWriter.Name("actor");
    private static final CanonicalJsonWriter.Name MAILBOX = new CanonicalJsonWriter.Name("mailbox");
    private static final CanonicalJsonWriter.Name TICKET = new CanonicalJsonWriter.Name("ticket");
    private static final CanonicalJsonWriter.Name MESSAGE_ID = new CanonicalJsonWriter.Name("messageId");
    private static final CanonicalJsonWriter.Name DECISION = new CanonicalJsonWriter.Name("decision");
    private static final CanonicalJsonWriter.Name REASON = new CanonicalJsonWriter.Name("reason");
    private static final CanonicalJsonWriter.Name DETAILS = new CanonicalJsonWriter.Name("details");
    private static final CanonicalJsonWriter.Name PREV = new CanonicalJsonWriter.Name("prev");

    private final long seq;
    private final Instant time;
    private final String node;
    private final AuditEvent event;
    private final String prev;
    private final String hash;
    /**
     * The line, without its line feed: read, or (a record just chained) decoded from {@link #line}
     * the first time it is asked for, off the writing path (the index asks for it on its own
     * thread). Computed at most once per thread that races for it, always the same text.
     * Volatile because it is no longer final: a record read and then handed to another thread
     * without a lock is still seen whole.
     */
    private volatile String json;
    /** The line's UTF-8 bytes with its line feed, as written: kept only for a record just chained. */
    private final byte[] line;

    /** A record read: its line as the caller has it, else written again from the members. */
    private AuditRecord(long seq, Instant time, String node, AuditEvent event, String prev, String readHash,
                        Optional<String> readLine) {
        this(checked(seq, node, prev), time.truncatedTo(ChronoUnit.MILLIS), node, event, prev, checkHash("hash", readHash),
            Objects.requireNonNull(readLine.orElseGet(() -> contentWriter(new CanonicalJsonWriter(), seq, time.truncatedTo(ChronoUnit.MILLIS),
                node, event, prev).string("hash", readHash).end()), "json"), null);
    }

    /**
     * Every member known and checked ({@link #checked}, {@link #checkHash}); {@code time} already in
     * milliseconds. Exactly one of {@code json} (a record read) and {@code line} (a record just
     * chained, its text decoded from the line when asked for, {@link #toJson}) is given.
     */
    private AuditRecord(long seq, Instant time, String node, AuditEvent event, String prev, String hash, String json, byte[] line) {
        this.seq = seq;
        this.time = time;
        this.node = node;
        this.event = Objects.requireNonNull(event, "event");
        this.prev = prev;
        this.hash = hash;
        this.json = json;
        this.line = line;
    }

    private static long checked(long seq, String node, String prev) {
        if (seq < 1) {
            throw new IllegalArgumentException("seq starts at 1: " + seq);
        }
        NodeName.check(node);
        checkHash("prev", prev);
        return seq;
    }

    /** The record that follows {@code prev} (the previous record's hash, or {@link #GENESIS}). */
    public static AuditRecord chain(AuditEvent event, String node, long seq, Instant time, String prev) {
        checked(seq, node, prev);
        return chainLine(event, node, seq, time, prev).record();
    }

    /** A record just chained and its line as the file holds it: UTF-8, with its line feed. */
    record Chained(AuditRecord record, byte[] line) {
    }

    /**
     * {@link #chain}, with the line's bytes, written with a writer and a digest of its own (for
     * tests and one-off records).
     */
    static Chained chainLine(AuditEvent event, String node, long seq, Instant time, String prev) {
        return chainLine(new CanonicalJsonWriter(), SHA_256.get(), event, node, seq, time, prev);
    }

    /**
     * {@link #chain}, with the line's bytes. The content is written once, as UTF-8 bytes, into
     * {@code lines}' buffer (reused from record to record by whoever owns it), hashed there, and
     * the line is those bytes with the hash as last member (the writer puts no whitespace
     * anywhere), copied out once: nothing is encoded twice, and the record's text is decoded from
     * the line only when asked for ({@link #toJson}), which the writing thread does not.
     * For {@link AuditChainWriter}, whose node was checked when it opened and whose {@code prev}
     * is always a checked hash ({@link ChainPosition}): the two patterns are not matched again for
     * every record (in the server, in profiled code, they cost as much as the SHA-256).
     */
    static Chained chainLine(CanonicalJsonWriter lines, MessageDigest sha256, AuditEvent event, String node, long seq, Instant time,
                             String prev) {
        if (seq < 1) {
            throw new IllegalArgumentException("seq starts at 1: " + seq);
        }
        Instant millis = time.truncatedTo(ChronoUnit.MILLIS);
        contentWriter(lines.reset(), seq, millis, node, event, prev).close();
        return chained(seq, millis, node, event, prev, sealed(lines, sha256));
    }

    /** The record of a line just sealed ({@link #sealed}), its hash read back from the line's last member. */
    private static Chained chained(long seq, Instant millis, String node, AuditEvent event, String prev, byte[] line) {
        String hash = new String(line, line.length - HASH_END_BYTES - 2 * SHA256_BYTES, 2 * SHA256_BYTES, StandardCharsets.ISO_8859_1);
        return new Chained(new AuditRecord(seq, millis, node, event, prev, hash, null, line), line);
    }

    /**
     * The line of the content in {@code lines}' buffer: the content with the hash member in place of
     * its closing brace, and the line feed. The hash's hexadecimal digits are written straight into
     * the line's bytes (ASCII), instead of formatting them, quoting them into the JSON and encoding
     * the whole line again (in the server this runs in profiled C1 code, per character). The digest
     * itself goes into the buffer too, past where its digits go: no array per record. A method of
     * its own, apart from the content's: its loop's backedges count towards an OSR compile of this
     * small method, not of the whole line's.
     */
    private static byte[] sealed(CanonicalJsonWriter lines, MessageDigest sha256) {
        int contentSize = lines.size();
        byte[] bytes = lines.ensure(HASH_MEMBER_BYTES.length + 3 * SHA256_BYTES + HASH_END_BYTES);
        int hashAt = contentSize - 1 + HASH_MEMBER_BYTES.length;
        int digestAt = hashAt + 2 * SHA256_BYTES + HASH_END_BYTES;
        sha256.update(bytes, 0, contentSize);
        try {
            sha256.digest(bytes, digestAt, SHA256_BYTES);
        } catch (DigestException e) {
            throw new IllegalStateException("A SHA-256 digest is 32 bytes", e);
        }
        System.arraycopy(HASH_MEMBER_BYTES, 0, bytes, contentSize - 1, HASH_MEMBER_BYTES.length);
        for (int index = 0; index < SHA256_BYTES; index++) {
            byte octet = bytes[digestAt + index];
            bytes[hashAt + 2 * index] = HEX_DIGITS[(octet >> 4) & 0xf];
            bytes[hashAt + 2 * index + 1] = HEX_DIGITS[octet & 0xf];
        }
        int at = hashAt + 2 * SHA256_BYTES;
        bytes[at++] = '"';
        bytes[at++] = '}';
        bytes[at++] = '\n';
        return Arrays.copyOf(bytes, at);
    }

    /** A SHA-256 digest: one per writer or thread, since looking the algorithm up costs more than hashing a record. */
    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    /**
     * Reads one line (without its line feed). The stored hash is kept as written; whether it
     * matches the content is {@link #isSealed()}'s question.
     *
     * @throws MalformedAuditRecordException naming the first problem
     */
    public static AuditRecord parse(String line) {
        CanonicalJsonReader reader = new CanonicalJsonReader(line);
        long version = reader.number("v");
        if (version != SCHEMA_VERSION) {
            throw new MalformedAuditRecordException("unsupported schema version " + version + ", expected " + SCHEMA_VERSION);
        }
        long seq = reader.number("seq");
        String time = reader.string("time");
        String node = reader.string("node");
        String type = reader.string("type");
        Map<String, String> actor = reader.object("actor")
            .orElseThrow(() -> new MalformedAuditRecordException("missing member \"actor\""));
        if (!actor.keySet().equals(Set.of("kind", "name"))) {
            throw new MalformedAuditRecordException("actor needs exactly kind and name");
        }
        Optional<String> mailbox = reader.optionalString("mailbox");
        Optional<String> ticket = reader.optionalString("ticket");
        Optional<String> messageId = reader.optionalString("messageId");
        String decision = reader.string("decision");
        Optional<String> reason = reader.optionalString("reason");
        Map<String, String> details = reader.object("details").orElse(Map.of());
        AuditEvent event = AuditEvent.read(AuditEventType.fromWireName(type)
                .orElseThrow(() -> new MalformedAuditRecordException("unknown type " + CanonicalJsonWriter.quote(type))),
            AuditActor.of(AuditActor.Kind.fromWireName(actor.get("kind"))
                .orElseThrow(() -> new MalformedAuditRecordException("unknown actor kind " + CanonicalJsonWriter.quote(actor.get("kind")))),
                actor.get("name")),
            mailbox, ticket, messageId, decision, reason, details);
        String prev = reader.string("prev");
        String hash = reader.string("hash");
        reader.end();
        AuditRecord record;
        try {
            record = new AuditRecord(seq, instant(time), node, event, prev, hash, Optional.empty());
        } catch (IllegalArgumentException e) {
            throw new MalformedAuditRecordException(e.getMessage());
        }
        if (!record.toJson().equals(line)) {
            throw new MalformedAuditRecordException("not in canonical form (member order, escaping or spacing)");
        }
        return record;
    }

    private static Instant instant(String time) {
        try {
            return Instant.from(TIME.parse(time));
        } catch (DateTimeParseException e) {
            throw new MalformedAuditRecordException("time is not a UTC instant with milliseconds: " + time);
        }
    }

    private static String checkHash(String name, String value) {
        if (!SHA256_HEX.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " is not 64 lowercase hexadecimal digits: " + value);
        }
        return value;
    }

    private static CanonicalJsonWriter contentWriter(CanonicalJsonWriter writer, long seq, Instant time, String node, AuditEvent event,
                                                    String prev) {
        return writer
            .number(V, SCHEMA_VERSION)
            .number(SEQ, seq)
            // checked by the callers first (NodeName, checkHash), or written by this class: no escaping to look for
            .time(TIME_MEMBER, time)
            .plainString(NODE, node)
            .plainString(TYPE, event.type().wireName())
            .actor(ACTOR, event.actor().kind().wireName(), event.actor().name())
            .string(MAILBOX, event.sharedMailbox())
            .string(TICKET, event.ticket())
            .string(MESSAGE_ID, event.messageId())
            .string(DECISION, event.decision())
            .string(REASON, event.reason())
            .object(DETAILS, event.detailsToWrite())
            .plainString(PREV, prev);
    }

    /**
     * What {@link #TIME} writes, without its cost on the writing path (a formatter looks every field
     * up and prints the fraction through a BigDecimal: about a third of building a record, measured
     * with a profile of {@code ./benchmark audit}). Years outside 0 to 9999, which the formatter
     * writes with a sign, are left to it.
     */
    static String formatTime(Instant time) {
        LocalDateTime utc = LocalDateTime.ofEpochSecond(time.getEpochSecond(), time.getNano(), ZoneOffset.UTC);
        int year = utc.getYear();
        if (year < 0 || year > 9999) {
            return TIME.format(time);
        }
        char[] text = "0000-00-00T00:00:00.000Z".toCharArray();
        digits(text, 0, 4, year);
        digits(text, 5, 2, utc.getMonthValue());
        digits(text, 8, 2, utc.getDayOfMonth());
        digits(text, 11, 2, utc.getHour());
        digits(text, 14, 2, utc.getMinute());
        digits(text, 17, 2, utc.getSecond());
        digits(text, 20, 3, utc.getNano() / 1_000_000);
        return new String(text);
    }

    private static void digits(char[] text, int start, int width, int value) {
        int rest = value;
        for (int position = start + width - 1; position >= start; position--) {
            text[position] = (char) ('0' + rest % 10);
            rest /= 10;
        }
    }

    private static String sha256(String content) {
        return HexFormat.of().formatHex(SHA_256.get().digest(content.getBytes(UTF_8)));
    }

    /** The line as written to the file, without its line feed. */
    public String toJson() {
        String text = json;
        if (text == null) {
            text = new String(line, 0, line.length - 1, UTF_8);
            json = text;
        }
        return text;
    }

    /**
     * Whether {@code hash} is the hash of this record's content: false once a member was edited.
     * The content is the line without its hash member (the line is canonical: {@link #parse}).
     */
    public boolean isSealed() {
        String text = toJson();
        String content = text.substring(0, text.length() - 1 - HASH_MEMBER_CHARS) + "}";
        return hash.equals(sha256(content));
    }

    /** What happened, as its author described it. */
    public AuditEvent event() {
        return event;
    }

    public long seq() {
        return seq;
    }

    public Instant time() {
        return time;
    }

    public String node() {
        return node;
    }

    public String prev() {
        return prev;
    }

    public String hash() {
        return hash;
    }

    // Shorthands for the event's members, as the file names them: record.ticket() is record.event().ticket().

    public AuditEventType type() {
        return event.type();
    }

    public AuditActor actor() {
        return event.actor();
    }

    /** The file's {@code mailbox}: the event's shared mailbox. */
    public Optional<String> mailbox() {
        return event.sharedMailbox();
    }

    public Optional<String> ticket() {
        return event.ticket();
    }

    public Optional<String> messageId() {
        return event.messageId();
    }

    public String decision() {
        return event.decision();
    }

    public Optional<String> reason() {
        return event.reason();
    }

    public SortedMap<String, String> details() {
        return event.details();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuditRecord && toJson().equals(((AuditRecord) o).toJson());
    }

    @Override
    public int hashCode() {
        return hash.hashCode();
    }

    @Override
    public String toString() {
        return toJson();
    }
}
