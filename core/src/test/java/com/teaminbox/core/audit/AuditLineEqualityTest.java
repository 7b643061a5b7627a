package com.teaminbox.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/**
 * The record's line, derived independently of the writer: the chain, its hashes and {@code audit verify}
 * depend on every byte. Since {@code jit17audit} {@code seq}'s digits are written by a loop counting up and
 * the hash by a method of its own ({@link AuditRecord#chainLine}); the branch compared them byte for byte
 * with the writer before it (docs/benchmarks.md); this test keeps what that comparison checked: the
 * number is Java's own spelling of it, the hash member is the SHA-256 of the content it closes, in lower
 * case hexadecimal, and the line reads back as itself.
 */
class AuditLineEqualityTest {
    private static final String HASH_MEMBER = ",\"hash\":\"";
    /** Pieces of values: plain ASCII, every escape, Latin-1 and Cyrillic, CJK, outside the BMP, lone surrogates. */
    private static final String[] PIECES = {"alice@example.test", "support", "<e2e-b1-42@bench.test>", "SUP-1042", " ", "",
        "\"", "\\", "/", "\b", "\f", "\n", "\r", "\t", "\u0000", "\u0001", "\u001f", "\u007f", "\u0080", "é", "accès VPN",
        "Заказ не доставлен", "中文", "\u2027", "\u2028", "\u2029", "\u202a", "\ud83c\udf89", "\ud83d\ude00", "\ud800", "\udc00",
        "\udc00\ud800", "\uffff", "\ufeff", "[flag \\Flagged, keyword $Urgent]"};
    private static final String[] NODES = {"mx1", "node-2", "a", "mx.example.test"};
    private static final long[] SEQS = {1, 9, 10, 99, 100, 101, 999_999, 1_000_000, 4_294_967_296L, 999_999_999_999_999_999L,
        1_000_000_000_000_000_000L, Long.MAX_VALUE - 1, Long.MAX_VALUE};

    @Test
    void everyLineShouldSpellItsNumberAndSealItsContent() throws Exception {
        Random random = new Random(17);
        // reused from line to line as a chain writer reuses its own; a fresh one in the one-off method
        CanonicalJsonWriter lines = new CanonicalJsonWriter();
        MessageDigest sha256 = AuditRecord.newSha256();
        String prev = AuditRecord.GENESIS;
        for (int count = 0; count < 20_000; count++) {
            AuditEvent event = randomEvent(random);
            String node = NODES[random.nextInt(NODES.length)];
            long seq = random.nextInt(4) == 0 ? SEQS[random.nextInt(SEQS.length)] : 1 + random.nextLong(Long.MAX_VALUE);
            Instant time = randomTime(random);

            AuditRecord.Chained chained = AuditRecord.chainLine(lines, sha256, event, node, seq, time, prev);

            assertSealed(chained, seq, "%s, seq %d, %s".formatted(event, seq, time));
            assertThat(AuditRecord.chainLine(event, node, seq, time, prev).line()).isEqualTo(chained.line());
            if (count % 10 == 0) {
                // a line read is written again through the same content writer: it must read back as itself
                String text = new String(chained.line(), 0, chained.line().length - 1, StandardCharsets.UTF_8);
                AuditRecord parsed = AuditRecord.parse(text);
                assertThat(parsed.isSealed()).isTrue();
                assertThat(parsed.toJson()).isEqualTo(text);
            }
            prev = chained.record().hash();
        }
    }

    @Test
    void theE2eRecordsShouldSpellTheirNumbersAndSealTheirContent() throws Exception {
        CanonicalJsonWriter lines = new CanonicalJsonWriter();
        MessageDigest sha256 = AuditRecord.newSha256();
        Instant time = Instant.parse("2026-12-08T23:59:58.000Z");
        String prev = AuditRecord.GENESIS;
        for (int sequence = 0; sequence < 2_000; sequence++) {
            time = time.plusMillis(7);
            AuditRecord.Chained chained = AuditRecord.chainLine(lines, sha256, AuditLineCostLoop.event(sequence), "mx1", sequence + 1, time, prev);
            assertSealed(chained, sequence + 1, "record " + sequence);
            prev = chained.record().hash();
        }
    }

    /**
     * The line is its record's JSON and a line feed; it starts with the schema version and {@code seq} as
     * {@link Long#toString} spells it; it ends with the hash member, whose digits are the lower-case
     * hexadecimal SHA-256 of the content before it closed by a brace, as the record's hash says.
     */
    private static void assertSealed(AuditRecord.Chained chained, long seq, String description) throws Exception {
        byte[] line = chained.line();
        String text = new String(line, 0, line.length - 1, StandardCharsets.UTF_8);
        assertThat(line[line.length - 1]).as(description).isEqualTo((byte) '\n');
        assertThat(chained.record().toJson()).as(description).isEqualTo(text);
        assertThat(text).as(description).startsWith("{\"v\":1,\"seq\":" + seq + ",\"time\":");
        int hashMember = text.lastIndexOf(HASH_MEMBER);
        String content = text.substring(0, hashMember) + "}";
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        assertThat(text.substring(hashMember + HASH_MEMBER.length())).as(description).isEqualTo(expected + "\"}");
        assertThat(chained.record().hash()).as(description).isEqualTo(expected);
    }

    /** An event with any mix of members, its values as read (not bounded: control characters kept) and long now and then. */
    private static AuditEvent randomEvent(Random random) {
        AuditEventType[] types = AuditEventType.values();
        AuditActor.Kind[] kinds = AuditActor.Kind.values();
        Map<String, String> details = new TreeMap<>();
        for (int detail = random.nextInt(7); detail > 0; detail--) {
            details.put(randomString(random), randomString(random));
        }
        return AuditEvent.read(types[random.nextInt(types.length)], AuditActor.of(kinds[random.nextInt(kinds.length)], randomString(random)),
            optional(random), optional(random), optional(random), randomString(random), optional(random), details);
    }

    private static Optional<String> optional(Random random) {
        return random.nextBoolean() ? Optional.empty() : Optional.of(randomString(random));
    }

    /** Up to eight pieces; one in fifty repeated far beyond the writer's first buffer, which must grow and stay right. */
    private static String randomString(Random random) {
        StringBuilder value = new StringBuilder();
        for (int piece = random.nextInt(9); piece > 0; piece--) {
            value.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return random.nextInt(50) == 0 ? value.toString().repeat(1 + random.nextInt(300)) : value.toString();
    }

    /** Mostly today's instants (the writer keeps the day's text), now and then any instant from year 0 to 9999 or beyond. */
    private static Instant randomTime(Random random) {
        if (random.nextInt(10) == 0) {
            return Instant.ofEpochMilli(random.nextLong(-62_167_219_200_000L - 86_400_000L, 253_402_300_800_000L + 86_400_000L))
                .plusNanos(random.nextInt(1_000_000));
        }
        return Instant.parse("2026-12-08T00:00:00Z").plusMillis(random.nextInt(2 * 86_400_000)).plusNanos(random.nextInt(1_000_000));
    }
}
