package com.teaminbox.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.Properties;
import java.util.Random;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeUtility;

import org.junit.jupiter.api.Test;

/**
 * The text {@link MimeMailReader} gives rules is the part's bytes decoded as a reader decodes them
 * (malformed bytes replaced the same way), cut at the body budget: whichever way it is decoded.
 */
class MimeMailReaderTest {
    private static final ZonedDateTime MONDAY_10H = ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0, ZoneOffset.UTC);
    private static final Session SESSION = Session.getInstance(new Properties());
    private static final String[] CHARSETS = {"utf-8", "UTF8", "iso-8859-1", "us-ascii", "windows-1252", "utf-16be"};
    /** Pieces of text as bytes: plain ASCII, accented Latin-1, 2-, 3- and 4-byte UTF-8, and malformed UTF-8. */
    private static final byte[][] PIECES = {
        "invoice ".getBytes(StandardCharsets.US_ASCII),
        "l'urgence état ".getBytes(StandardCharsets.ISO_8859_1),
        "état ".getBytes(StandardCharsets.UTF_8),
        "会議 ".getBytes(StandardCharsets.UTF_8),
        "\uD83D\uDE00 ".getBytes(StandardCharsets.UTF_8),
        {(byte) 0xE2, (byte) 0x82},
        {(byte) 0xF0, (byte) 0x9F, (byte) 0x98},
        {(byte) 0x80},
        {(byte) 0xC3},
        {(byte) 0xFF, (byte) 0xFE},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
    };

    @Test
    void bodyShouldBeThePartDecodedAsAReaderDecodesItCutAtTheBudget() throws Exception {
        Random random = new Random(20261206);
        for (int mail = 0; mail < 600; mail++) {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            int pieces = random.nextInt(60);
            for (int piece = 0; piece < pieces; piece++) {
                content.write(PIECES[random.nextInt(PIECES.length)]);
            }
            String charset = CHARSETS[random.nextInt(CHARSETS.length)];
            int budget = 1 + random.nextInt(random.nextBoolean() ? 12 : 400);
            byte[] bytes = content.toByteArray();
            MimeMessage message = message(charset, bytes, random.nextBoolean());

            MailDocument document = new MimeMailReader(budget).read(message, bytes.length, MONDAY_10H);

            assertThat(document.body()).as("%s, budget %d, bytes %s", charset, budget, Base64.getEncoder().encodeToString(bytes))
                .isEqualTo(readByReader(bytes, Charset.forName(MimeUtility.javaCharset(charset)), budget) + "\n");
        }
    }

    @Test
    void bodyShouldKeepAWholeLongUtf8TextUnderTheBudget() throws Exception {
        String text = "Bonjour, l'imprimante est cassée depuis lundi. ".repeat(500) + "会議 \uD83D\uDE00";
        MimeMessage message = message("utf-8", text.getBytes(StandardCharsets.UTF_8), true);

        assertThat(new MimeMailReader(Rules.DEFAULT_BODY_PREFIX_CHARS).read(message, 30_000, MONDAY_10H).body()).isEqualTo(text + "\n");
        assertThat(new MimeMailReader(100).read(message, 30_000, MONDAY_10H).body()).isEqualTo(text.substring(0, 100) + "\n");
    }

    /**
     * A part's type is parsed once for every question the reader asks of it: each part is read as
     * javax.mail's isMimeType and the charset it names would have it read, for types javax.mail
     * cannot parse too (the text before the first ';', else the whole text).
     */
    @Test
    void partsShouldBeReadAsTheirTypeSaysWhateverItsSpelling() throws Exception {
        String[][] cases = {
            {"TEXT/Plain; CHARSET=iso-8859-1", "l'urgence \u00e9tat"},
            {"text/plain; charset=\"utf-8", "l'urgence \u00e9tat"},
            {"text/plain; charset=no-such-charset", "l'urgence \ufffdtat"},
            {"text/plain;", "l'urgence \ufffdtat"},
            {"text/plain @; charset=iso-8859-1", ""},
            {"text/html; charset=iso-8859-1", "l'urgence \u00e9tat"},
            {"application/octet-stream", ""},
            {"multipart/mixed; boundary=\"b\"", "invoice"},
        };
        for (String[] typeAndBody : cases) {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            raw.write(("From: jane@customer.test\r\nSubject: test\r\nMIME-Version: 1.0\r\nContent-Type: " + typeAndBody[0] + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            if (typeAndBody[0].startsWith("multipart")) {
                raw.write("--b\r\nContent-Type: text/plain\r\n\r\ninvoice\r\n--b\r\nContent-Type: image/png\r\n\r\nxx\r\n--b--\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            } else {
                raw.write("l'urgence ".getBytes(StandardCharsets.US_ASCII));
                raw.write(typeAndBody[0].startsWith("text/html") ? "<p>\u00e9tat</p>".getBytes(StandardCharsets.ISO_8859_1)
                    : "\u00e9tat".getBytes(typeAndBody[0].contains("utf-8") ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1));
            }
            MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw.toByteArray()));

            assertThat(new MimeMailReader(Rules.DEFAULT_BODY_PREFIX_CHARS).read(message, raw.size(), MONDAY_10H).body().strip())
                .as(typeAndBody[0]).isEqualTo(typeAndBody[1]);
        }
    }

    /** What rules read of a part before: a reader over its bytes in the charset javax.mail names, up to the budget. */
    static String readByReader(byte[] bytes, Charset charset, int budget) throws IOException {
        StringBuilder text = new StringBuilder();
        try (Reader reader = new InputStreamReader(new ByteArrayInputStream(bytes), charset)) {
            int c;
            while (text.length() < budget && (c = reader.read()) >= 0) {
                text.append((char) c);
            }
        }
        return text.toString();
    }

    private static MimeMessage message(String charset, byte[] text, boolean base64) throws MessagingException, IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        raw.write(("From: jane@customer.test\r\nTo: support@example.test\r\nSubject: test\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=" + charset + "\r\n"
            + "Content-Transfer-Encoding: " + (base64 ? "base64" : "8bit") + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        raw.write(base64 ? Base64.getMimeEncoder().encode(text) : text);
        return new MimeMessage(SESSION, new ByteArrayInputStream(raw.toByteArray()));
    }
}
