package com.teaminbox.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * {@link BodyText} decodes bytes into the very characters a String of them has (UTF-8, ISO-8859-1,
 * US-ASCII) or a reader gives (other charsets), malformed bytes replaced alike, cut at the budget;
 * one buffer reused from text to text.
 */
class BodyTextTest {
    /** Bytes that make UTF-8 interesting: ASCII, continuation bytes, every kind of lead byte, the edges of the valid ranges. */
    private static final int[] BYTES = {'a', 'Z', ' ', '\n', '0', 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xc3,
        0xdf, 0xe0, 0xe1, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xf8, 0xfe, 0xff};

    @Test
    void randomBytesShouldDecodeAsAStringOfThem() throws IOException {
        Random random = new Random(20261207);
        BodyText text = new BodyText();
        for (int round = 0; round < 60_000; round++) {
            byte[] bytes = new byte[random.nextInt(14)];
            for (int index = 0; index < bytes.length; index++) {
                bytes[index] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : BYTES[random.nextInt(BYTES.length)]);
            }
            Charset charset = round % 5 == 0 ? StandardCharsets.ISO_8859_1 : round % 7 == 0 ? StandardCharsets.US_ASCII
                : StandardCharsets.UTF_8;
            int budget = random.nextInt(4) == 0 ? 1 + random.nextInt(6) : 1_000;
            String expected = new String(bytes, charset);
            expected = expected.substring(0, Math.min(budget, expected.length()));

            text.clear();
            text.append("x");
            text.read(new ByteArrayInputStream(bytes), charset, budget, random.nextBoolean() ? bytes.length : -1, random.nextBoolean());
            assertThat(text.toString()).as("%s %s", charset, hex(bytes)).isEqualTo("x" + expected);
            assertThat(text.length()).isEqualTo(1 + expected.length());
        }
    }

    @Test
    void wellFormedTextShouldDecodeAsAStringOfIt() throws IOException {
        String sample = "Bonjour, l'équipe : la facture n° 2026 — 日本語 😀 Ωμέγα ß ﬁ \u0000\u07ff\u0800\uffff\ud7ff\ue000";
        BodyText text = new BodyText();
        for (int budget : new int[] {1, 10, 36, 40, 41, 42, 1_000}) {
            for (Charset charset : new Charset[] {StandardCharsets.UTF_8, StandardCharsets.UTF_16, Charset.forName("windows-1252")}) {
                byte[] bytes = sample.getBytes(charset);
                String expected;
                if (charset.equals(StandardCharsets.UTF_8)) {
                    expected = new String(bytes, charset);
                    expected = expected.substring(0, Math.min(budget, expected.length()));
                } else {
                    expected = MimeMailReaderTest.readByReader(bytes, charset, budget);
                }
                text.clear();
                for (boolean asBytes : new boolean[] {false, true}) {
                    text.clear();
                    text.read(new ByteArrayInputStream(bytes), charset, budget, bytes.length, asBytes);
                    assertThat(text.toString()).as("%s, budget %d", charset, budget).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void aLongTextShouldGrowTheBuffersAndBeReadWhole() throws IOException {
        String line = "Le client signale que l'imprimante est en panne — état critique.\n";
        String body = line.repeat(5_000);
        BodyText text = new BodyText();
        text.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8, 1_000_000, -1, true);
        assertThat(text.toString()).isEqualTo(body);
        assertThat(text.segments()).isEqualTo(1);
        assertThat(text.kind(0)).isEqualTo(ByteWordScanner.UTF8);
        assertThat(text.clear().length()).isZero();
    }

    /** What the byte scanner needs: plain text in an ASCII-compatible charset is kept as it was received, not decoded. */
    @Test
    void aPartInAnAsciiCompatibleCharsetShouldBeKeptAsItsBytes() throws IOException {
        BodyText text = new BodyText();
        for (Charset charset : new Charset[] {StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1, StandardCharsets.US_ASCII}) {
            byte[] bytes = "Hello, invoice 42 é".getBytes(charset);
            text.clear().read(new ByteArrayInputStream(bytes), charset, 1_000, bytes.length, true);
            text.append('\n');
            assertThat(text.segments()).as("%s", charset).isEqualTo(1);
            assertThat(text.kind(0)).as("%s", charset).isNotEqualTo(BodyText.CHARS);
            assertThat(Arrays.copyOfRange(text.bytes(), text.from(0), text.to(0) - 1)).isEqualTo(bytes);
        }
        byte[] fourBytes = "a 😀".getBytes(StandardCharsets.UTF_8);
        text.clear().read(new ByteArrayInputStream(fourBytes), StandardCharsets.UTF_8, 1_000, fourBytes.length, true);
        assertThat(text.kind(0)).as("two characters of one sequence: decoded").isEqualTo(BodyText.CHARS);
        assertThat(text.toString()).isEqualTo("a 😀");
    }

    /**
     * Parts read as bytes or characters, in any order, with line breaks and text after them, an HTML
     * part's markup cut off and a failed part taken back: the text and its length are those of the
     * Strings of the parts, one after the other.
     */
    @Test
    void partsInEitherFormShouldMakeTheTextOfTheirStrings() throws IOException {
        Random random = new Random(20261207);
        BodyText text = new BodyText();
        Charset[] charsets = {StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1, StandardCharsets.US_ASCII,
            Charset.forName("windows-1252"), StandardCharsets.UTF_16};
        for (int round = 0; round < 20_000; round++) {
            text.clear();
            StringBuilder expected = new StringBuilder();
            int parts = random.nextInt(6);
            for (int part = 0; part < parts; part++) {
                byte[] bytes = new byte[random.nextInt(30)];
                for (int index = 0; index < bytes.length; index++) {
                    bytes[index] = (byte) (random.nextInt(3) > 0 ? 'a' + random.nextInt(26)
                        : random.nextInt(4) == 0 ? random.nextInt(256) : BYTES[random.nextInt(BYTES.length)]);
                }
                Charset charset = charsets[random.nextInt(charsets.length)];
                int budget = random.nextInt(4) == 0 ? random.nextInt(8) : 1_000;
                int before = text.length();
                text.read(new ByteArrayInputStream(bytes), charset, budget, bytes.length, random.nextBoolean());
                String read = budget <= 0 ? "" : charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.ISO_8859_1)
                    || charset.equals(StandardCharsets.US_ASCII) ? new String(bytes, charset)
                    : MimeMailReaderTest.readByReader(bytes, charset, budget);
                read = read.substring(0, Math.min(budget, read.length()));
                switch (random.nextInt(4)) {
                    case 0:
                        // a part that failed: taken back
                        text.setLength(before);
                        break;
                    case 1:
                        text.append("<p>" + part + "</p>");
                        assertThat(text.cut(before + read.length())).isEqualTo("<p>" + part + "</p>");
                        expected.append(read);
                        break;
                    default:
                        expected.append(read);
                        text.append('\n');
                        expected.append('\n');
                        break;
                }
                if (random.nextInt(5) == 0) {
                    text.append("ü" + part);
                    expected.append("ü" + part);
                }
                assertThat(text.length()).isEqualTo(expected.length());
                assertThat(text.toString()).as("round %d part %d", round, part).isEqualTo(expected.toString());
            }
            assertThat(text.toString()).isEqualTo(expected.toString());
        }
    }


    private static String hex(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
            hex.append(String.format("%02x ", b & 0xff));
        }
        return hex.toString();
    }
}
