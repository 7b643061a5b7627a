package com.teaminbox.core.audit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One line of the audit trail (schema v1, docs/audit.md): an {@link AuditEvent} stamped with
 * its node, sequence number and time, chained to the node's previous record by {@code prev}, and
 * sealed by {@code hash}, the SHA-256 of the canonical JSON of every other member.
 *
 * <pre>{@code
 * {"v":1,"seq":2,"time":"2026-11-27T09:44:16.123Z","node":"mx1","type":"flags-changed",
 *  "actor":{"kind":"member","name":"alice@example.test"},"mailbox":"support@example.test",
 *  "decision":"accepted","details":{"flags":"+\\Seen"},"prev":"3f5a…","hash":"9c0e…"}
 * }</pre>
 * (one line in the file). {@link #parse} accepts a line only if it is exactly what
 * {@link #toJson} would write for the same content, so a record has one spelling.
 */
public final class AuditRecord {
    public static final int SCHEMA_VERSION = 1;
    /** The {@code prev} of a node's first record. */
    public static final String GENESIS = "0".repeat(64);

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
        .withZone(ZoneOffset.UTC).withResolverStyle(ResolverStyle.STRICT);
    /** One digest per thread: looking the algorithm up among the providers costs more than hashing a record. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    });
    private static final Set<String> MEMBERS = Set.of("v", "seq", "time", "node", "type", "actor", "mailbox",
        "ticket", "messageId", "decision", "reason", "details", "prev", "hash");

    private final long seq;
    private final Instant time;
    private final String node;
    private final AuditEventType type;
    private final AuditActor actor;
    private final Optional<String> mailbox;
    private final Optional<String> ticket;
    private final Optional<String> messageId;
    private final String decision;
    private final Optional<String> reason;
    private final SortedMap<String, String> details;
    private final String prev;
    private final String hash;
    /** {@link #toJson}, made once: the file and the search index both store the line. */
    private volatile String json;

    private AuditRecord(Fields fields, String hash) {
        if (fields.seq < 1) {
            throw new IllegalArgumentException("seq starts at 1: " + fields.seq);
        }
        this.seq = fields.seq;
        this.time = fields.time.truncatedTo(ChronoUnit.MILLIS);
        this.node = NodeName.check(fields.node);
        this.type = Objects.requireNonNull(fields.type, "type");
        this.actor = Objects.requireNonNull(fields.actor, "actor");
        this.mailbox = fields.mailbox;
        this.ticket = fields.ticket;
        this.messageId = fields.messageId;
        this.decision = Objects.requireNonNull(fields.decision, "decision");
        this.reason = fields.reason;
        this.details = Collections.unmodifiableSortedMap(new TreeMap<>(fields.details));
        this.prev = checkHash("prev", fields.prev);
        if (hash == null) {
            // Chaining a new record: its content is written once, hashed, and the line is that
            // content with the hash as last member (the writer puts no whitespace anywhere).
            String content = canonicalContent();
            this.hash = sha256(content);
            this.json = content.substring(0, content.length() - 1) + ",\"hash\":\"" + this.hash + "\"}";
        } else {
            this.hash = checkHash("hash", hash);
        }
    }

    /** The record that follows {@code prev} (the previous record's hash, or {@link #GENESIS}). */
    public static AuditRecord chain(AuditEvent event, String node, long seq, Instant time, String prev) {
        Fields fields = new Fields();
        fields.seq = seq;
        fields.time = time;
        fields.node = node;
        fields.type = event.type();
        fields.actor = event.actor();
        fields.mailbox = event.sharedMailbox();
        fields.ticket = event.ticket();
        fields.messageId = event.messageId();
        fields.decision = event.decision();
        fields.reason = event.reason();
        fields.details = event.details();
        fields.prev = prev;
        return new AuditRecord(fields, null);
    }

    /**
     * Reads one line (without its line feed). The stored hash is kept as written; whether it
     * matches the content is {@link #isSealed()}'s question.
     *
     * @throws MalformedAuditRecordException naming the first problem
     */
    public static AuditRecord parse(String line) {
        Map<String, Object> members = StrictJsonParser.parse(line);
        for (String name : members.keySet()) {
            if (!MEMBERS.contains(name)) {
                throw new MalformedAuditRecordException("unknown member " + CanonicalJsonWriter.quote(name));
            }
        }
        long version = required(members, "v", Long.class);
        if (version != SCHEMA_VERSION) {
            throw new MalformedAuditRecordException("unsupported schema version " + version + ", expected " + SCHEMA_VERSION);
        }
        AuditRecord record;
        try {
            record = new AuditRecord(fieldsOf(members), required(members, "hash", String.class));
        } catch (IllegalArgumentException e) {
            throw new MalformedAuditRecordException(e.getMessage());
        }
        if (!record.toJson().equals(line)) {
            throw new MalformedAuditRecordException("not in canonical form (member order, escaping or spacing)");
        }
        return record;
    }

    private static Fields fieldsOf(Map<String, Object> members) {
        Fields fields = new Fields();
        fields.seq = required(members, "seq", Long.class);
        String time = required(members, "time", String.class);
        try {
            fields.time = Instant.from(TIME.parse(time));
        } catch (DateTimeParseException e) {
            throw new MalformedAuditRecordException("time is not a UTC instant with milliseconds: " + time);
        }
        fields.node = required(members, "node", String.class);
        String type = required(members, "type", String.class);
        fields.type = AuditEventType.fromWireName(type)
            .orElseThrow(() -> new MalformedAuditRecordException("unknown type " + CanonicalJsonWriter.quote(type)));
        Map<String, String> actor = nested(members, "actor")
            .orElseThrow(() -> new MalformedAuditRecordException("missing member \"actor\""));
        if (!actor.keySet().equals(Set.of("kind", "name"))) {
            throw new MalformedAuditRecordException("actor needs exactly kind and name");
        }
        fields.actor = AuditActor.of(AuditActor.Kind.fromWireName(actor.get("kind"))
            .orElseThrow(() -> new MalformedAuditRecordException("unknown actor kind " + CanonicalJsonWriter.quote(actor.get("kind")))),
            actor.get("name"));
        fields.mailbox = optional(members, "mailbox");
        fields.ticket = optional(members, "ticket");
        fields.messageId = optional(members, "messageId");
        fields.decision = required(members, "decision", String.class);
        fields.reason = optional(members, "reason");
        fields.details = nested(members, "details").orElse(Map.of());
        fields.prev = required(members, "prev", String.class);
        return fields;
    }

    private static <T> T required(Map<String, Object> members, String name, Class<T> kind) {
        Object value = members.get(name);
        if (value == null) {
            throw new MalformedAuditRecordException("missing member \"" + name + "\"");
        }
        if (!kind.isInstance(value)) {
            throw new MalformedAuditRecordException("\"" + name + "\" must be a " + (kind == Long.class ? "number" : "string"));
        }
        return kind.cast(value);
    }

    private static Optional<String> optional(Map<String, Object> members, String name) {
        return members.containsKey(name) ? Optional.of(required(members, name, String.class)) : Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, String>> nested(Map<String, Object> members, String name) {
        Object value = members.get(name);
        if (value != null && !(value instanceof Map)) {
            throw new MalformedAuditRecordException("\"" + name + "\" must be an object");
        }
        return Optional.ofNullable((Map<String, String>) value);
    }

    private static String checkHash(String name, String value) {
        if (!SHA256_HEX.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " is not 64 lowercase hexadecimal digits: " + value);
        }
        return value;
    }

    private String canonicalContent() {
        return contentWriter().end();
    }

    private CanonicalJsonWriter contentWriter() {
        return new CanonicalJsonWriter()
            .number("v", SCHEMA_VERSION)
            .number("seq", seq)
            .string("time", TIME.format(time))
            .string("node", node)
            .string("type", type.wireName())
            .object("actor", actorMembers())
            .string("mailbox", mailbox)
            .string("ticket", ticket)
            .string("messageId", messageId)
            .string("decision", decision)
            .string("reason", reason)
            .object("details", details)
            .string("prev", prev);
    }

    private Map<String, String> actorMembers() {
        Map<String, String> members = new LinkedHashMap<>();
        members.put("kind", actor.kind().wireName());
        members.put("name", actor.name());
        return members;
    }

    private static String sha256(String content) {
        return HexFormat.of().formatHex(SHA_256.get().digest(content.getBytes(UTF_8)));
    }

    /** The line as written to the file, without its line feed. */
    public String toJson() {
        String line = json;
        if (line == null) {
            line = contentWriter().string("hash", hash).end();
            json = line;
        }
        return line;
    }

    /** Whether {@code hash} is the hash of this record's content: false once a member was edited. */
    public boolean isSealed() {
        return hash.equals(sha256(canonicalContent()));
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

    public AuditEventType type() {
        return type;
    }

    public AuditActor actor() {
        return actor;
    }

    public Optional<String> mailbox() {
        return mailbox;
    }

    public Optional<String> ticket() {
        return ticket;
    }

    public Optional<String> messageId() {
        return messageId;
    }

    public String decision() {
        return decision;
    }

    public Optional<String> reason() {
        return reason;
    }

    public SortedMap<String, String> details() {
        return details;
    }

    public String prev() {
        return prev;
    }

    public String hash() {
        return hash;
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

    /** The members before validation; parsed and chained records both go through the constructor. */
    private static final class Fields {
        private long seq;
        private Instant time;
        private String node;
        private AuditEventType type;
        private AuditActor actor;
        private Optional<String> mailbox = Optional.empty();
        private Optional<String> ticket = Optional.empty();
        private Optional<String> messageId = Optional.empty();
        private String decision;
        private Optional<String> reason = Optional.empty();
        private Map<String, String> details = Map.of();
        private String prev;
    }
}
