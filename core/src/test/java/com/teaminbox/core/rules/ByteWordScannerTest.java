package com.teaminbox.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.Test;

/**
 * {@link ByteWordScanner} cuts a text's bytes into the words, position increments and hashes
 * {@link AsciiWordTokenizer} gives for its characters, passing over the same words, and so into
 * {@link StandardTokenizer}'s words: on {@link AsciiWordTokenizerTest}'s generated texts, with runs
 * of letters and digits of every length around the eight bytes read at once, the joining
 * characters UAX #29 gives a role ({@code e.g.}, {@code 3.14}, {@code don't}, {@code a_b}), 8-bit
 * bytes and line ends, in UTF-8, ISO-8859-1 and US-ASCII, read in place amid other bytes.
 */
class ByteWordScannerTest {
    private static final String[] MORE = {"e.g.", "3.14", "don't", "a_b", "i.e.,", "\r\n", "\r", "\n", "word,", "word.", "x:", "9'",
        "abcdefg", "abcdefgh", "abcdefghi", "ABCDEFGHIJKLMNOP", "0123456789abcdef", "q", "Zz9", "«", "¡", "ÿ", "\u0080", "\u009f"};

    @Test
    void bytesShouldBeCutAsTheCharacterTokenizerCutsTheirText() throws IOException {
        Random random = new Random(20261207);
        ByteWordScanner scanner = new ByteWordScanner();
        AsciiWordTokenizer characters = new AsciiWordTokenizer();
        int passedOver = 0;
        int words = 0;
        for (int round = 0; round < 30_000; round++) {
            String text = generated(random);
            int kind = 1 + random.nextInt(3);
            byte[] encoded = encoded(text, kind, random);
            if (encoded == null) {
                continue;
            }
            String decoded = new String(encoded, charset(kind));
            boolean[] starts = null;
            if (random.nextInt(4) > 0) {
                starts = new boolean[128];
                for (char c : "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray()) {
                    starts[c] = random.nextInt(3) == 0;
                }
            }
            // read in place amid other bytes (letters too), with only the padding after it
            int from = random.nextInt(12);
            int after = random.nextBoolean() ? ByteWordScanner.PADDING : ByteWordScanner.PADDING + random.nextInt(12);
            byte[] bytes = new byte[from + encoded.length + after];
            for (int index = 0; index < bytes.length; index++) {
                bytes[index] = (byte) (random.nextBoolean() ? 'a' + random.nextInt(26) : random.nextInt(256));
            }
            System.arraycopy(encoded, 0, bytes, from, encoded.length);

            List<String> expected = new ArrayList<>();
            char[] chars = (decoded + " ").toCharArray();
            int expectedSkipped;
            try (AsciiWordTokenizer read = characters.text(chars, 0, chars.length - 1).skipping(starts)) {
                while (read.next()) {
                    expected.add(word(read));
                }
                expectedSkipped = read.skippedAtEnd();
            }
            List<String> given = new ArrayList<>();
            int skipped;
            try (ByteWordScanner read = scanner.text(bytes, from, from + encoded.length, kind).skipping(starts)) {
                while (read.next()) {
                    given.add(word(read));
                }
                skipped = read.skippedAtEnd();
            }
            assertThat(given).as("words of %s (kind %d)", escaped(decoded), kind).isEqualTo(expected);
            assertThat(skipped).as("skipped at the end of %s", escaped(decoded)).isEqualTo(expectedSkipped);
            words += given.size();
            for (String word : given) {
                passedOver += Integer.parseInt(word.substring(word.lastIndexOf('/') + 1, word.lastIndexOf('#'))) - 1;
            }
        }
        assertThat(words).isGreaterThan(100_000);
        assertThat(passedOver).isGreaterThan(50_000);
    }

    @Test
    void bytesShouldBeCutAsTheStandardTokenizerCutsTheirText() throws IOException {
        Random random = new Random(7);
        ByteWordScanner scanner = new ByteWordScanner();
        StandardTokenizer standard = new StandardTokenizer();
        CharTermAttribute term = standard.getAttribute(CharTermAttribute.class);
        PositionIncrementAttribute increment = standard.getAttribute(PositionIncrementAttribute.class);
        for (int round = 0; round < 10_000; round++) {
            String text = generated(random);
            int kind = 1 + random.nextInt(3);
            byte[] encoded = encoded(text, kind, random);
            if (encoded == null) {
                continue;
            }
            String decoded = new String(encoded, charset(kind));
            List<String> expected = new ArrayList<>();
            standard.setReader(new StringReader(decoded));
            standard.reset();
            while (standard.incrementToken()) {
                expected.add(term + "/" + increment.getPositionIncrement());
            }
            standard.end();
            standard.close();
            byte[] bytes = new byte[encoded.length + ByteWordScanner.PADDING];
            System.arraycopy(encoded, 0, bytes, 0, encoded.length);
            List<String> given = new ArrayList<>();
            try (ByteWordScanner read = scanner.text(bytes, 0, encoded.length, kind)) {
                while (read.next()) {
                    given.add(new String(read.buffer(), read.offset(), read.length()) + "/" + read.increment());
                }
            }
            assertThat(given).as("words of %s (kind %d)", escaped(decoded), kind).isEqualTo(expected);
        }
    }

    /**
     * With the first pairs ({@link ByteWordScanner#skipping(boolean[], long[])}): the character tokenizer's
     * words, less the words of one chunk of two ASCII letters and digits or more (those it hashes) whose
     * first two characters, lower-cased, differ and are no pair of the table, their positions counted.
     */
    @Test
    void wordsShouldBePassedOverByTheirFirstPairAsTheCharacterTokenizerCutsThem() throws IOException {
        Random random = new Random(20261208);
        ByteWordScanner scanner = new ByteWordScanner();
        AsciiWordTokenizer characters = new AsciiWordTokenizer();
        int passedOverByPair = 0;
        int oneCharacterWords = 0;
        for (int round = 0; round < 20_000; round++) {
            String text = generated(random);
            int kind = 1 + random.nextInt(3);
            byte[] encoded = encoded(text, kind, random);
            if (encoded == null) {
                continue;
            }
            boolean[] starts = new boolean[128];
            for (char c : "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray()) {
                starts[c] = random.nextInt(3) > 0;
            }
            long[] pairs = new long[RuleVocabulary.PAIRS];
            for (int pair = 0; pair < 300; pair++) {
                RuleVocabulary.addPair(pairs, "" + (char) ('a' + random.nextInt(26)) + (char) ('a' + random.nextInt(26)));
            }
            // the padding after the text: any bytes, 8-bit ones too
            byte[] bytes = new byte[encoded.length + ByteWordScanner.PADDING];
            System.arraycopy(encoded, 0, bytes, 0, encoded.length);
            for (int index = encoded.length; index < bytes.length; index++) {
                bytes[index] = (byte) random.nextInt(256);
            }

            List<String> expected = new ArrayList<>();
            int expectedSkipped = 0;
            char[] chars = (new String(encoded, charset(kind)) + " ").toCharArray();
            try (AsciiWordTokenizer read = characters.text(chars, 0, chars.length - 1).skipping(starts)) {
                while (read.next()) {
                    int increment = read.increment() + expectedSkipped;
                    char first = (char) (read.buffer()[read.offset()] | 0x20);
                    char second = read.length() > 1 ? (char) (read.buffer()[read.offset() + 1] | 0x20) : first;
                    if (read.hash() != AsciiWordTokenizer.NO_HASH && first != second && !RuleVocabulary.startsWithPair(pairs, first, second)) {
                        expectedSkipped = increment;
                        passedOverByPair++;
                        continue;
                    }
                    oneCharacterWords += read.length() == 1 ? 1 : 0;
                    expectedSkipped = 0;
                    expected.add(new String(read.buffer(), read.offset(), read.length()) + "/" + increment + "#" + read.hash());
                }
                expectedSkipped += read.skippedAtEnd();
            }
            List<String> given = new ArrayList<>();
            int skipped;
            try (ByteWordScanner read = scanner.text(bytes, 0, encoded.length, kind).skipping(starts, pairs)) {
                while (read.next()) {
                    given.add(word(read));
                }
                skipped = read.skippedAtEnd();
            }
            assertThat(given).as("words of %s (kind %d)", escaped(new String(encoded, charset(kind))), kind).isEqualTo(expected);
            assertThat(skipped).as("skipped at the end of %s", escaped(text)).isEqualTo(expectedSkipped);
        }
        assertThat(passedOverByPair).isGreaterThan(10_000);
        assertThat(oneCharacterWords).isGreaterThan(1_000);
    }

    /** The edges of a one-word chunk, read with whatever bytes lie after the text: its end, a joining character, the length limit. */
    @Test
    void oneWordChunksShouldEndAtTheTextsEndWhateverThePaddingHolds() throws IOException {
        long[] pairs = new long[RuleVocabulary.PAIRS];
        RuleVocabulary.addPair(pairs, "wo");
        boolean[] everyStart = new boolean[128];
        Arrays.fill(everyStart, true);
        String longest = "x".repeat(AsciiWordTokenizer.MAX_FAST_CHUNK);
        String[][] cases = {
            // text, words (word/increment)
            {"q", "q/1"},
            {"a b", "a/1 b/1"},
            {"word.", "word/1"},
            {"word,", "word/1"},
            {"ab cd e", "e/3"},
            {"aa", "aa/1"},
            {"e.g", "e.g/1"},
            {longest, longest + "/1"},
            {longest + ".", longest + "/1"},
        };
        for (byte padding : new byte[] {(byte) 0xff, (byte) 0x80, 'a', '.', ' ', 0}) {
            for (String[] example : cases) {
                byte[] encoded = example[0].getBytes(StandardCharsets.US_ASCII);
                byte[] bytes = new byte[encoded.length + ByteWordScanner.PADDING];
                Arrays.fill(bytes, padding);
                System.arraycopy(encoded, 0, bytes, 0, encoded.length);
                List<String> given = new ArrayList<>();
                try (ByteWordScanner read = new ByteWordScanner().text(bytes, 0, encoded.length, ByteWordScanner.ASCII)
                    .skipping(everyStart, pairs)) {
                    while (read.next()) {
                        given.add(new String(read.buffer(), read.offset(), read.length()) + "/" + read.increment());
                    }
                }
                assertThat(String.join(" ", given)).as("words of %s, padding %02x", example[0], padding).isEqualTo(example[1]);
            }
        }
    }

    @Test
    void lettersAndDigitsShouldBeFoundEightBytesAtATime() {
        for (int b = 0; b < 256; b++) {
            long lanes = 0x2020202020202020L & ~(0xffL << 24) | ((long) b << 24);
            boolean letterOrDigit = b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9';
            assertThat(ByteWordScanner.letterOrDigitLanes(lanes)).as("byte %02x", b).isEqualTo(letterOrDigit ? 0x80L << 24 : 0);
        }
    }

    private static String generated(Random random) {
        StringBuilder value = new StringBuilder();
        int pieces = random.nextInt(40);
        for (int piece = 0; piece < pieces; piece++) {
            int which = random.nextInt(4);
            if (which == 0) {
                value.append(MORE[random.nextInt(MORE.length)]);
            } else if (which == 1) {
                // runs of every length around the eight bytes read at once
                int length = 1 + random.nextInt(random.nextInt(20) == 0 ? 300 : 20);
                for (int index = 0; index < length; index++) {
                    value.append("aZq0x9Mb".charAt(random.nextInt(8)));
                }
            } else {
                value.append(AsciiWordTokenizerTest.PIECES[random.nextInt(AsciiWordTokenizerTest.PIECES.length)]);
            }
            if (random.nextBoolean()) {
                value.append(random.nextInt(4) == 0 ? ". " : " ");
            }
        }
        return value.toString();
    }

    /** The text in that kind of bytes; null when UTF-8 would need four bytes (a kind the scanner is never given). */
    private static byte[] encoded(String text, int kind, Random random) {
        if (kind == ByteWordScanner.UTF8) {
            return text.codePoints().anyMatch(Character::isSupplementaryCodePoint) || text.chars().anyMatch(c -> Character.isSurrogate((char) c))
                ? null : text.getBytes(StandardCharsets.UTF_8);
        }
        byte[] bytes = text.getBytes(charset(kind));
        if (random.nextInt(3) == 0) {
            // 8-bit bytes anywhere, whatever the charset
            for (int index = 0; index < bytes.length; index++) {
                if (random.nextInt(10) == 0) {
                    bytes[index] = (byte) (0x80 + random.nextInt(128));
                }
            }
        }
        return bytes;
    }

    private static Charset charset(int kind) {
        return kind == ByteWordScanner.UTF8 ? StandardCharsets.UTF_8 : kind == ByteWordScanner.LATIN1 ? StandardCharsets.ISO_8859_1
            : StandardCharsets.US_ASCII;
    }

    private static String word(ReducedMail.SkippingWords read) {
        return new String(read.buffer(), read.offset(), read.length()) + "/" + read.increment() + "#" + read.hash();
    }

    private static String escaped(String text) {
        StringBuilder escaped = new StringBuilder();
        text.chars().forEach(c -> escaped.append(c < 32 || c > 126 ? String.format("\\u%04X", c) : String.valueOf((char) c)));
        return escaped.toString();
    }
}
