package com.teaminbox.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.Test;

/**
 * {@link AsciiWordTokenizer} cuts every text exactly as {@link StandardTokenizer} does: the same
 * words with the same position increments, on generated text mixing the ASCII characters UAX #29
 * gives a role (letters, digits, {@code . , ; : ' _}), the ones it does not, URLs, e-mail
 * addresses, numbers, elisions, and the non-ASCII characters that must fall back (accents,
 * combining marks, Hebrew quotes, keycaps, emoji, CJK, Thai, non-breaking spaces), and runs longer
 * than the standard tokenizer's 255-character words.
 */
class AsciiWordTokenizerTest {
    static final String[] PIECES = {
        "a", "B", "z", "Q", "x", "0", "7", "42", "2026", "v1.2", "3,000.50", "1;2", "a:b", "a.b", "l'urgence", "O'Neil", "_", "__",
        "a_b", "_x", "9_", ".", ",", ";", ":", "'", "\"", "#", "*", "-", "/", "@", "?", "!", "(", ")", "<", ">", "[", "]", "=",
        "&", "%", "+", "~", "`", "^", "|", "{", "}", "\\", "$", " ", " ", " ", "  ", "\t", "\n", "\r\n", "\u000B", "\f", "\u0000",
        "http://www.example.com/a?b=c&d=e#frag", "jane@customer.test", "Jane <jane.doe@customer.test>", "e-mail", "x-ray",
        "U.S.A.", "1.2.3.4", "a.1", "1.a", "a'1", "1'a", "...", "a..b", "1,,2", "invoice", "INVOICE", "urgent",
        "é", "É", "ü", "ß", "ﬁ", "\u0301", "\u00AD", "\u200B", "\u200D", "\uFE0F", "\u20E3", "#\uFE0F\u20E3", "1\u20E3",
        "\u05D0", "\u05D0\"\u05D1", "\u05D0'", "中文", "\u3000", "カタカナ", "ひら", "\u0E01\u0E02", "\uD83D\uDE00",
        "\uD83C\uDDEB\uD83C\uDDF7", "\u00A0", "\u2019", "\u2018", "\u00B7", "\u2027", "\uFF0E", "\u0660\u0661", "Ω", "ñ", "€",
        "©", "\u2028",
    };

    @Test
    void shouldCutGeneratedTextAsTheStandardTokenizer() throws IOException {
        Random random = new Random(20261206);
        AsciiWordTokenizer fast = new AsciiWordTokenizer();
        StandardTokenizer standard = new StandardTokenizer();
        for (int text = 0; text < 8_000; text++) {
            StringBuilder value = new StringBuilder();
            int pieces = random.nextInt(40);
            for (int piece = 0; piece < pieces; piece++) {
                value.append(PIECES[random.nextInt(PIECES.length)]);
            }
            assertSameWords(fast, standard, value.toString());
        }
    }

    /** A hash the tokenizer gives with a word is the one WordMemory computes from its characters: else the word is never found. */
    @Test
    void aWordsHashShouldBeTheOneWordMemoryComputes() throws IOException {
        Random random = new Random(11);
        AsciiWordTokenizer fast = new AsciiWordTokenizer();
        int hashed = 0;
        for (int text = 0; text < 4_000; text++) {
            StringBuilder value = new StringBuilder();
            int pieces = random.nextInt(40);
            for (int piece = 0; piece < pieces; piece++) {
                value.append(PIECES[random.nextInt(PIECES.length)]);
            }
            try (AsciiWordTokenizer read = fast.text(value.toString())) {
                while (read.next()) {
                    if (read.hash() != AsciiWordTokenizer.NO_HASH) {
                        hashed++;
                        assertThat(read.hash()).as("hash of %s", new String(read.buffer(), read.offset(), read.length()))
                            .isEqualTo(WordMemory.hash(read.buffer(), read.offset(), read.length()));
                    }
                }
            }
        }
        assertThat(hashed).isGreaterThan(1_000);
    }

    /**
     * Passing over the plain words whose first letter no term starts ({@link AsciiWordTokenizer#skipping})
     * gives the other words at the very positions the whole cut gives them, and ends at the same
     * position: on the generated texts, with sets of first characters drawn at random.
     */
    @Test
    void skippingShouldGiveTheOtherWordsAtTheirPositions() throws IOException {
        Random random = new Random(20261207);
        AsciiWordTokenizer whole = new AsciiWordTokenizer();
        AsciiWordTokenizer skipping = new AsciiWordTokenizer();
        int passedOver = 0;
        for (int text = 0; text < 8_000; text++) {
            StringBuilder value = new StringBuilder();
            int pieces = random.nextInt(40);
            for (int piece = 0; piece < pieces; piece++) {
                value.append(PIECES[random.nextInt(PIECES.length)]);
                if (random.nextBoolean()) {
                    value.append(random.nextBoolean() ? " " : PIECES[random.nextInt(PIECES.length)]);
                }
                if (random.nextInt(100) == 0) {
                    // around the 255 characters where a word goes to the standard tokenizer
                    // (odd lengths too: 255 letters and a full stop are one chunk too long for the fast path)
                    value.append(" ").append("q7".repeat(125 + random.nextInt(5))).append(random.nextBoolean() ? "q" : "")
                        .append(random.nextBoolean() ? "." : " ");
                }
            }
            boolean[] starts = new boolean[128];
            for (char c : "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray()) {
                starts[c] = random.nextInt(3) == 0;
            }
            List<String> expected = new ArrayList<>();
            int position = -1;
            try (AsciiWordTokenizer read = whole.text(value.toString())) {
                while (read.next()) {
                    position += read.increment();
                    if (read.hash() != AsciiWordTokenizer.NO_HASH && !starts[read.buffer()[read.offset()] | 0x20]) {
                        passedOver++;
                        continue;
                    }
                    expected.add(new String(read.buffer(), read.offset(), read.length()) + "@" + position + "#" + read.hash());
                }
            }
            List<String> given = new ArrayList<>();
            int skippedPosition = -1;
            // the text read in place, with the one character after it the tokenizer may write
            char[] chars = (value + "x").toCharArray();
            try (AsciiWordTokenizer read = skipping.text(chars, 0, chars.length - 1).skipping(starts)) {
                while (read.next()) {
                    skippedPosition += read.increment();
                    given.add(new String(read.buffer(), read.offset(), read.length()) + "@" + skippedPosition + "#" + read.hash());
                }
                skippedPosition += read.skippedAtEnd();
            }
            assertThat(given).as("words of %s", escaped(value.toString())).isEqualTo(expected);
            assertThat(skippedPosition).as("last position in %s", escaped(value.toString())).isEqualTo(position);
        }
        assertThat(passedOver).isGreaterThan(10_000);
    }

    @Test
    void shouldCutPlainAsciiAsTheStandardTokenizer() throws IOException {
        Random random = new Random(7);
        AsciiWordTokenizer fast = new AsciiWordTokenizer();
        StandardTokenizer standard = new StandardTokenizer();
        for (int text = 0; text < 8_000; text++) {
            char[] value = new char[random.nextInt(60)];
            for (int index = 0; index < value.length; index++) {
                value[index] = random.nextInt(4) == 0 ? "_.,;:'ab1 "
                    .charAt(random.nextInt(10)) : (char) random.nextInt(128);
            }
            assertSameWords(fast, standard, new String(value));
        }
    }

    @Test
    void shouldCutRunsLongerThanAStandardWordAsTheStandardTokenizer() throws IOException {
        AsciiWordTokenizer fast = new AsciiWordTokenizer();
        StandardTokenizer standard = new StandardTokenizer();
        for (int length : new int[] {254, 255, 256, 300, 511, 1_000}) {
            assertSameWords(fast, standard, "start " + "a".repeat(length) + " end");
            assertSameWords(fast, standard, "a.".repeat(length / 2) + " end");
            assertSameWords(fast, standard, "x-".repeat(length) + "é");
        }
    }

    @Test
    void shouldCutMailProseIntoWords() throws IOException {
        assertThat(words(new AsciiWordTokenizer(), "Hello, l'urgence: see http://www.example.com/a or jane@customer.test; v1.2 costs 3,000.50!"))
            .containsExactly("Hello/1", "l'urgence/1", "see/1", "http/1", "www.example.com/1", "a/1", "or/1", "jane/1",
                "customer.test/1", "v1.2/1", "costs/1", "3,000.50/1");
    }

    private static void assertSameWords(AsciiWordTokenizer fast, StandardTokenizer standard, String text) throws IOException {
        standard.setReader(new StringReader(text));
        assertThat(words(fast, text)).as("words of %s", escaped(text)).isEqualTo(words(standard));
    }

    private static List<String> words(AsciiWordTokenizer tokenizer, String text) throws IOException {
        List<String> words = new ArrayList<>();
        try (ReducedMail.Words read = tokenizer.text(text)) {
            while (read.next()) {
                words.add(new String(read.buffer(), read.offset(), read.length()) + "/" + read.increment());
            }
        }
        return words;
    }

    private static List<String> words(TokenStream stream) throws IOException {
        CharTermAttribute term = stream.getAttribute(CharTermAttribute.class);
        PositionIncrementAttribute increment = stream.getAttribute(PositionIncrementAttribute.class);
        List<String> words = new ArrayList<>();
        stream.reset();
        while (stream.incrementToken()) {
            words.add(term + "/" + increment.getPositionIncrement());
        }
        stream.end();
        stream.close();
        return words;
    }

    private static String escaped(String text) {
        StringBuilder escaped = new StringBuilder();
        text.chars().forEach(c -> escaped.append(c < 32 || c > 126 ? String.format("\\u%04X", c) : String.valueOf((char) c)));
        return escaped.toString();
    }
}
