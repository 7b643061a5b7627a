package com.teaminbox.core.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuditRecordTest {
    private static final DateTimeFormatter TIME_FORMATTER =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Instant TIME = Instant.parse("2026-11-27T09:44:16.123456Z");

    static AuditEvent flagsChanged() {
        return AuditEvent.of(AuditEventType.FLAGS_CHANGED, AuditActor.member("alice@example.test"))
            .sharedMailbox("support@example.test").ticket("SUP-42").decision("accepted")
            .detail("folder", "INBOX").detail("flags", "+\\Seen").build();
    }

    @Test
    void toJsonShouldWriteMembersInSchemaOrderWithoutAbsentOptionals() {
        AuditRecord record = AuditRecord.chain(flagsChanged(), "mx1", 1, TIME, AuditRecord.GENESIS);

        assertThat(record.toJson()).isEqualTo("{\"v\":1,\"seq\":1,\"time\":\"2026-11-27T09:44:16.123Z\",\"node\":\"mx1\","
            + "\"type\":\"flags-changed\",\"actor\":{\"kind\":\"member\",\"name\":\"alice@example.test\"},"
            + "\"mailbox\":\"support@example.test\",\"ticket\":\"SUP-42\",\"decision\":\"accepted\","
            + "\"details\":{\"flags\":\"+\\\\Seen\",\"folder\":\"INBOX\"},\"prev\":\"" + AuditRecord.GENESIS + "\","
            + "\"hash\":\"" + record.hash() + "\"}");
    }

    @Test
    void hashShouldBeSha256OfTheLineWithoutTheHashMember() throws Exception {
        AuditRecord record = AuditRecord.chain(flagsChanged(), "mx1", 1, TIME, AuditRecord.GENESIS);
        String content = record.toJson().replace(",\"hash\":\"" + record.hash() + "\"", "");

        byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(UTF_8));

        assertThat(record.hash()).isEqualTo(HexFormat.of().formatHex(digest));
    }

    @Test
    void parseShouldGiveBackTheRecordItWasWrittenFrom() {
        AuditRecord record = AuditRecord.chain(flagsChanged(), "mx1", 7, TIME, "ab".repeat(32));

        AuditRecord parsed = AuditRecord.parse(record.toJson());

        assertThat(parsed).isEqualTo(record);
        assertThat(parsed.isSealed()).isTrue();
        assertThat(parsed.seq()).isEqualTo(7);
        assertThat(parsed.time()).isEqualTo(Instant.parse("2026-11-27T09:44:16.123Z"));
        assertThat(parsed.ticket()).contains("SUP-42");
        assertThat(parsed.messageId()).isEmpty();
        assertThat(parsed.details()).containsEntry("flags", "+\\Seen");
    }

    @ParameterizedTest
    @ValueSource(strings = {"line\r\nInjected: yes", "quote \" and backslash \\ and slash /", "tab\tnul\0bell\u0007del\u007f",
        "unicode é 中文 🎉", "line separators \u2028 \u2029", "lone surrogates \ud800 and \udc00", "{\"nested\":\"json\"}", ""})
    void hostileStringsShouldRoundTripOnOneLine(String hostile) {
        Map<String, String> actor = new LinkedHashMap<>();
        actor.put("kind", "external-sender");
        actor.put("name", hostile);
        String line = new CanonicalJsonWriter().number("v", 1).number("seq", 1).string("time", "2026-11-27T09:44:16.123Z")
            .string("node", "mx1").string("type", "rule-matched")
            .object("actor", actor).string("mailbox", hostile)
            .string("decision", hostile).string("reason", hostile).object("details", new TreeMap<>(Map.of(hostile, hostile)))
            .string("prev", AuditRecord.GENESIS).string("hash", "0".repeat(64)).end();

        AuditRecord parsed = AuditRecord.parse(line);

        assertThat(line).doesNotContain("\r", "\n", "\u2028", "\u2029", "\0");
        assertThat(parsed.actor().name()).isEqualTo(hostile);
        assertThat(parsed.mailbox()).contains(hostile);
        assertThat(parsed.decision()).isEqualTo(hostile);
        assertThat(parsed.details()).containsEntry(hostile, hostile);
        assertThat(parsed.toJson()).isEqualTo(line);
    }

    /** What a line's string is, one character at a time: the specification {@link CanonicalJsonWriter} implements by runs. */
    private static String quotedCharByChar(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (int index = 0; index < value.length(); index++) {
            char c = value.charAt(index);
            boolean unpaired = Character.isHighSurrogate(c)
                ? index + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(index + 1))
                : Character.isLowSurrogate(c) && (index == 0 || !Character.isHighSurrogate(value.charAt(index - 1)));
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || unpaired
                    ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }

    @Test
    void stringsShouldBeEscapedExactlyAsOneCharacterAtATimeWouldEscapeThem() {
        char[] alphabet = {'a', 'Z', ' ', '~', '"', '\\', '/', '\0', '\b', '\t', '\n', '\r', '\u001f', '\u007f', '\u0080', '\u00e9',
            '\u0416', '\u2027', '\u2028', '\u2029', '\u202a', '\ud83c', '\udf89', '\ud800', '\udc00', '\uffff'};
        Random random = new Random(5);
        for (int count = 0; count < 20_000; count++) {
            char[] value = new char[random.nextInt(12)];
            for (int index = 0; index < value.length; index++) {
                value[index] = alphabet[random.nextInt(alphabet.length)];
            }
            String string = new String(value);

            assertThat(CanonicalJsonWriter.quote(string)).as("%s", string.chars().mapToObj(Integer::toHexString).toList())
                .isEqualTo(quotedCharByChar(string));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice@example.test", "quote \" and backslash \\", "tab\tdel\u007f", "unicode é 中文 🎉", "lone \ud800", ""})
    void actorShouldBeWrittenAsTheObjectOfItsKindAndName(String name) {
        Map<String, String> actor = new LinkedHashMap<>();
        actor.put("kind", "member");
        actor.put("name", name);

        assertThat(new CanonicalJsonWriter().actor(new CanonicalJsonWriter.Name("actor"), "member", name).end())
            .isEqualTo(new CanonicalJsonWriter().object("actor", actor).end());
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice@example.test", "quote \" and backslash \\", "tab\tdel\u007f", "unicode é 中文 🎉", "lone \ud800", ""})
    void membersNamedByBytesMadeOnceShouldBeWrittenAsMembersNamedByStrings(String value) {
        Instant time = Instant.parse("2026-11-27T09:44:16.123Z");
        Map<String, String> details = new TreeMap<>(Map.of("folder", value, "uid", "7"));

        String byNames = new CanonicalJsonWriter().number(new CanonicalJsonWriter.Name("seq"), 1234)
            .time(new CanonicalJsonWriter.Name("time"), time).plainString(new CanonicalJsonWriter.Name("node"), "mx1")
            .string(new CanonicalJsonWriter.Name("reason"), value).string(new CanonicalJsonWriter.Name("ticket"), Optional.of(value))
            .string(new CanonicalJsonWriter.Name("mailbox"), Optional.empty())
            .object(new CanonicalJsonWriter.Name("details"), details).object(new CanonicalJsonWriter.Name("empty"), Map.of()).end();

        assertThat(byNames).isEqualTo(new CanonicalJsonWriter().number("seq", 1234).time("time", time).plainString("node", "mx1")
            .string("reason", value).string("ticket", Optional.of(value)).string("mailbox", Optional.empty())
            .object("details", details).object("empty", Map.of()).end());
    }

    @ParameterizedTest
    @ValueSource(strings = {"line\r\nInjected: yes", "quote \" and backslash \\ and slash /", "tab\tnul\0bell\u0007del\u007f",
        "unicode é 中文 🎉", "Заказ не доставлен", "line separators \u2028 \u2029", "lone surrogates \ud800 and \udc00", ""})
    void chainedLineShouldBeTheRecordInUtf8WithItsLineFeed(String hostile) {
        AuditEvent event = AuditEvent.of(AuditEventType.RULE_MATCHED, AuditActor.externalSender(hostile.isEmpty() ? "x" : hostile))
            .sharedMailbox("support@example.test").decision("applied").reason(hostile).detail("subject", hostile).build();

        AuditRecord.Chained chained = AuditRecord.chainLine(event, "mx1", 3, TIME, "ab".repeat(32));

        assertThat(chained.line()).isEqualTo((chained.record().toJson() + "\n").getBytes(UTF_8));
        assertThat(AuditRecord.parse(chained.record().toJson()).isSealed()).isTrue();
        assertThat(AuditRecord.parse(chained.record().toJson())).isEqualTo(chained.record());
        assertThat(chained.record()).isEqualTo(AuditRecord.chain(event, "mx1", 3, TIME, "ab".repeat(32)));
        // the hash the chain goes on from is the one in the line, which the line's content seals
        assertThat(AuditRecord.parse(chained.record().toJson()).hash()).isEqualTo(chained.record().hash()).matches("[0-9a-f]{64}");
    }

    @Test
    void everyTypeAndActorKindShouldBeWrittenAsItIsSinceTheWriterDoesNotLookForEscapesInThem() {
        for (AuditEventType type : AuditEventType.values()) {
            assertThat(CanonicalJsonWriter.quote(type.wireName())).isEqualTo("\"" + type.wireName() + "\"");
        }
        for (AuditActor.Kind kind : AuditActor.Kind.values()) {
            assertThat(CanonicalJsonWriter.quote(kind.wireName())).isEqualTo("\"" + kind.wireName() + "\"");
        }
    }

    @Test
    void controlCharactersShouldBeEscapedWithTheShortFormWhenThereIsOne() {
        assertThat(CanonicalJsonWriter.quote("\b\f\n\r\t\u0001\u001f")).isEqualTo("\"\\b\\f\\n\\r\\t\\u0001\\u001f\"");
    }

    @Test
    void editedRecordShouldNoLongerBeSealed() {
        String line = AuditRecord.chain(flagsChanged(), "mx1", 1, TIME, AuditRecord.GENESIS).toJson();

        AuditRecord edited = AuditRecord.parse(line.replace("\"accepted\"", "\"refused\""));

        assertThat(edited.isSealed()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "{}",
        "[]",
        "{\"v\":1}",
        " {\"v\":1}",
        "{\"v\":2,\"seq\":1}",
        "{\"v\":1,\"v\":1}",
        "{\"v\":01}",
        "{\"v\":1.0}",
        "{\"v\":-1}",
        "{\"v\":true}",
        "{\"v\":null}",
        "{\"v\":1,\"seq\":[1]}",
        "{\"v\":1,\"seq\":99999999999999999999}",
        "{\"v\":1,\"x\":\"unknown member\"}",
        "{\"v\":1,\"actor\":{\"kind\":{\"deeper\":\"x\"}}}",
        "{\"v\":1,\"node\":\"raw\ttab\"}",
        "{\"v\":1,\"node\":\"bad \\x escape\"}",
        "{\"v\":1,\"node\":\"short \\u12 escape\"}",
        "{\"v\":1,\"node\":\"unterminated}",
        "{\"v\":1}trailing",
        "{\"v\":1}\r"})
    void parseShouldRefuseAnythingButOurFormat(String line) {
        assertThatThrownBy(() -> AuditRecord.parse(line)).isInstanceOf(MalformedAuditRecordException.class);
    }

    @Test
    void parseShouldRefuseAnotherSpellingOfTheSameContent() {
        String line = AuditRecord.chain(flagsChanged(), "mx1", 1, TIME, AuditRecord.GENESIS).toJson();

        assertThatThrownBy(() -> AuditRecord.parse(line.replace("INBOX", "\\u0049NBOX")))
            .hasMessageContaining("not in canonical form");
    }

    @Test
    void parseShouldNameAMissingMember() {
        String line = AuditRecord.chain(flagsChanged(), "mx1", 1, TIME, AuditRecord.GENESIS).toJson();

        assertThatThrownBy(() -> AuditRecord.parse(line.replaceFirst(",\"decision\":\"accepted\"", "")))
            .hasMessageContaining("missing member \"decision\"");
    }

    @Test
    void parseShouldNameAnUnknownType() {
        String line = AuditRecord.chain(flagsChanged(), "mx1", 1, TIME, AuditRecord.GENESIS).toJson();

        assertThatThrownBy(() -> AuditRecord.parse(line.replace("flags-changed", "flags-burnt")))
            .hasMessageContaining("unknown type \"flags-burnt\"");
    }

    @Test
    void parseShouldRefuseATimeWithoutMilliseconds() {
        String line = AuditRecord.chain(flagsChanged(), "mx1", 1, TIME, AuditRecord.GENESIS).toJson();

        assertThatThrownBy(() -> AuditRecord.parse(line.replace("16.123Z", "16Z")))
            .hasMessageContaining("time is not a UTC instant with milliseconds");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "mx 1", "mx/1", "../etc", "mx1\n", "nœud", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void invalidNodeNamesShouldBeRefused(String node) {
        assertThatThrownBy(() -> AuditRecord.chain(flagsChanged(), node, 1, TIME, AuditRecord.GENESIS))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("Invalid audit node name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mx1", "node-2", "eu_west.mx-03", "A"})
    void validNodeNamesShouldBeAccepted(String node) {
        assertThat(AuditRecord.chain(flagsChanged(), node, 1, TIME, AuditRecord.GENESIS).node()).isEqualTo(node);
    }

    @Test
    void timeShouldBeWrittenExactlyAsTheFormatterWritesIt() {
        for (Instant instant : instantsToWrite(18, Instant.parse("2024-02-29T12:00:00.010Z"))) {
            assertThat(AuditRecord.formatTime(instant)).as("%s", instant).isEqualTo(TIME_FORMATTER.format(instant));
        }
    }
    @Test
    void timeShouldBeWrittenIntoTheLineExactlyAsTheFormatterWritesIt() {
        List<Instant> instants = instantsToWrite(7, Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("1970-01-01T00:00:00.999Z"));
        // one writer for all of them, as a chain writer reuses its own: the day it keeps must follow each instant
        CanonicalJsonWriter writer = new CanonicalJsonWriter();

        for (Instant instant : instants) {
            assertThat(writer.reset().time("time", instant).end()).as("%s", instant)
                .isEqualTo("{\"time\":\"" + TIME_FORMATTER.format(instant) + "\"}");
        }
    }

    /** The instants at the edges of the four-digit years and of leap days, these, then 10,000 drawn with this seed. */
    private static List<Instant> instantsToWrite(long seed, Instant... more) {
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("0000-01-01T00:00:00Z"),
            Instant.parse("-0001-12-31T23:59:59.999Z"), Instant.parse("9999-12-31T23:59:59.999Z"),
            Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("2026-02-28T23:59:59.001Z"),
            Instant.parse("1969-12-31T23:59:59.100Z")));
        instants.addAll(List.of(more));
        Random random = new Random(seed);
        for (int count = 0; count < 10_000; count++) {
            instants.add(Instant.ofEpochMilli(random.nextLong(-62_167_219_200_000L, 253_402_300_800_000L)));
        }
        return instants;
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 9, 10, 99, 100, 4_096, 1_000_000_007L, Long.MAX_VALUE, -1, Long.MIN_VALUE})
    void numbersShouldBeWrittenAsJavaWritesThem(long number) {
        assertThat(new CanonicalJsonWriter().number("seq", number).end()).isEqualTo("{\"seq\":" + number + "}");
    }

    @Test
    void aLineWriterReusedFromRecordToRecordShouldWriteEachLineAsAFreshWriterWould() {
        String[] values = {"alice@example.test", "Заказ не доставлен", "quote \" and backslash \\", "tab\tnul\0del\u007f",
            "unicode é 中文 🎉", "line separators \u2028 \u2029", "lone \ud800 and \udc00", "<1234@customer.test>", ""};
        Random random = new Random(11);
        CanonicalJsonWriter lines = new CanonicalJsonWriter();
        MessageDigest sha256 = AuditRecord.newSha256();
        String prev = AuditRecord.GENESIS;
        Instant time = Instant.parse("2026-12-06T23:59:59.000Z");
        for (int seq = 1; seq <= 2_000; seq++) {
            AuditEvent.Builder event = AuditEvent.of(AuditEventType.RULE_MATCHED, AuditActor.externalSender(values[random.nextInt(values.length)]))
                .decision("applied" + values[random.nextInt(values.length)]);
            if (random.nextBoolean()) {
                event.sharedMailbox(values[random.nextInt(values.length)]);
            }
            // now and then a record far longer than the writer's first buffer, which must grow and stay right
            event.reason(values[random.nextInt(values.length)].repeat(random.nextInt(seq % 50 == 0 ? 80 : 3)));
            for (int detail = random.nextInt(4); detail > 0; detail--) {
                event.detail("k" + detail + values[random.nextInt(values.length)], values[random.nextInt(values.length)]);
            }
            time = time.plusMillis(random.nextInt(200)).plusNanos(random.nextInt(999_999));

            AuditRecord.Chained reused = AuditRecord.chainLine(lines, sha256, event.build(), "mx1", seq, time, prev);
            AuditRecord.Chained fresh = AuditRecord.chainLine(reused.record().event(), "mx1", seq, time, prev);

            assertThat(reused.line()).isEqualTo(fresh.line());
            assertThat(reused.line()).isEqualTo((reused.record().toJson() + "\n").getBytes(UTF_8));
            assertThat(AuditRecord.parse(reused.record().toJson()).isSealed()).isTrue();
            prev = reused.record().hash();
        }
    }
}
