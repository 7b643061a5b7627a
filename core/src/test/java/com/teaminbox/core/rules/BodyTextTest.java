package com.teaminbox.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
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
            text.read(new ByteArrayInputStream(bytes), charset, budget, random.nextBoolean() ? bytes.length : -1);
            assertThat(text.toString()).as("%s %s", charset, hex(bytes)).isEqualTo("x" + expected);
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
                text.read(new ByteArrayInputStream(bytes), charset, budget, bytes.length);
                assertThat(text.toString()).as("%s, budget %d", charset, budget).isEqualTo(expected);
            }
        }
    }

    @Test
    void aLongTextShouldGrowTheBuffersAndBeReadWhole() throws IOException {
        String line = "Le client signale que l'imprimante est en panne — état critique.\n";
        String body = line.repeat(5_000);
        BodyText text = new BodyText();
        text.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8, 1_000_000, -1);
        assertThat(text.toString()).isEqualTo(body);
        assertThat(text.clear().length()).isZero();
    }


    private static String hex(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
            hex.append(String.format("%02x ", b & 0xff));
        }
        return hex.toString();
    }
}
