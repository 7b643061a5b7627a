package com.teaminbox.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.Session;
import javax.mail.internet.ContentType;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeUtility;

import org.junit.jupiter.api.Test;

import com.teaminbox.core.autoreply.BusinessHours;
import com.teaminbox.core.config.xml.SourceLocation;
import com.teaminbox.core.text.HtmlText;

/**
 * The reader {@code ApplyRules} runs ({@link MimeMailReader#forRules}: only the fields and headers
 * some rule reads, a part's file name found without parsing its type twice) gives every rule the
 * same fields, and so the same decision, as the reader of the whole mail; on {@code samples/} and on
 * generated MIME shapes (nested multiparts, base64 and quoted-printable, charsets, attachment names
 * in Content-Disposition or Content-Type, RFC 2231 and encoded words, HTML, broken types).
 */
class MimeMailReaderForRulesTest {
    private static final ZonedDateTime MONDAY_10H = ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0, ZoneOffset.UTC);
    private static final SourceLocation HERE = SourceLocation.of("test.xml", 1, "rule");
    private static final Session SESSION = Session.getInstance(new Properties());
    /** Rule sets each naming some fields: the reader must leave out exactly the others. */
    private static final String[][] RULE_SETS = {
        {"subject:(urgent invoice) OR body:(urgent facture)", "from:customer.test"},
        {"body:\"printer broken\"", "attachment:(report pdf)"},
        // positions running on from part to part, bytes or characters: phrases, a sloppy phrase, a pattern (every word kept)
        {"body:\"broken état\" OR body:\"please refund\"", "body:\"refund please\"~3", "body:\"pdf l'urgence\""},
        {"body:prin* AND body:urgent", "body:\"état café\""},
        {"to:example.test OR cc:vendor.test", "header.x-spam-flag:yes"},
        {"attachment:invoice*"},
        {"subject:urgent"},
        {"urgent OR facture OR invoice"},
        {"size:[1000 TO *] AND subject:urgent", "header.list-id:news"},
        {"NOT body:casino", "from:jane*"},
        {"business-hours:open AND subject:urgent", "header.X-Spam-Flag:yes"},
    };
    private static final String[] NAMES = {"report.pdf", "invoice 2026.pdf", "=?utf-8?q?facture_=C3=A9t=C3=A9.pdf?=", "=?utf-8?q??=",
        "\"quoted name.txt\"", "na\u00efve.txt", "", "x.png"};
    private static final String[] WORDS = ("urgent invoice facture printer broken casino report pdf l'urgence état "
        + "the a please refund").split(" ");

    @Test
    void readerForRulesShouldDecideAsTheWholeReaderOnSamples() throws Exception {
        List<Path> files;
        try (Stream<Path> listing = Files.list(Path.of("..", "samples"))) {
            files = listing.filter(path -> path.toString().endsWith(".eml")).sorted().collect(Collectors.toList());
        }
        assertThat(files).isNotEmpty();
        List<byte[]> mails = new ArrayList<>();
        for (Path file : files) {
            mails.add(Files.readAllBytes(file));
        }
        assertSameFieldsAndDecisions(mails);
    }

    @Test
    void readerForRulesShouldDecideAsTheWholeReaderOnGeneratedMimeShapes() throws Exception {
        Random random = new Random(20261206);
        List<byte[]> mails = new ArrayList<>();
        for (int index = 0; index < 300; index++) {
            mails.add(generatedMail(random));
        }
        assertSameFieldsAndDecisions(mails);
    }

    /** The attachment names are those javax.mail's {@link Part#getFileName()} gives, decoded: what the reader read before. */
    @Test
    void attachmentNamesShouldBeThoseJavaxMailGives() throws Exception {
        Random random = new Random(20261207);
        for (int index = 0; index < 300; index++) {
            byte[] raw = generatedMail(random);
            MimeMessage message = parse(raw);
            List<String> expected = new ArrayList<>();
            namesBefore(message, 0, expected);

            assertThat(new MimeMailReader(Rules.DEFAULT_BODY_PREFIX_CHARS).read(parse(raw), raw.length, MONDAY_10H).attachmentNames())
                .as(new String(raw, StandardCharsets.ISO_8859_1)).isEqualTo(expected);
        }
    }

    private static void assertSameFieldsAndDecisions(List<byte[]> mails) throws Exception {
        for (String[] conditions : RULE_SETS) {
            List<Rule> rules = new ArrayList<>();
            for (int index = 0; index < conditions.length; index++) {
                String when = conditions[index];
                rules.add(new Rule("rule-" + index, when, RuleQueries.parse(when, RuleLanguage.ENGLISH),
                    List.of(new RuleAction.AddKeyword("$r" + index)), Rule.Mode.ACTIVE, HERE));
            }
            try (RuleSet ruleSet = RuleSet.compile(new Rules(RuleLanguage.ENGLISH, Rules.DEFAULT_BODY_PREFIX_CHARS, rules))) {
                Predicate<String> read = field -> field.startsWith(RuleFields.HEADER_PREFIX)
                    ? ruleSet.readsHeader(field.substring(RuleFields.HEADER_PREFIX.length())) : ruleSet.readsField(field);
                for (byte[] raw : mails) {
                    MailDocument whole = new MimeMailReader(Rules.DEFAULT_BODY_PREFIX_CHARS).read(parse(raw), raw.length, MONDAY_10H,
                        Optional.of(BusinessHours.ALWAYS_OPEN));
                    MailDocument forRules = MimeMailReader.forRules(ruleSet).read(parse(raw), raw.length, MONDAY_10H,
                        Optional.of(BusinessHours.ALWAYS_OPEN));
                    String context = String.join(" | ", conditions) + "\n" + new String(raw, StandardCharsets.ISO_8859_1);

                    Map<String, List<String>> fields = forRules.textFields(read);
                    assertThat(fields).as(context).isEqualTo(whole.textFields(read));
                    RuleOutcome outcome = ruleSet.evaluate(forRules);
                    RuleOutcome naive = ruleSet.evaluateNaively(whole);
                    assertThat(outcome.applied()).as(context).isEqualTo(naive.applied());
                    assertThat(outcome.audited()).as(context).isEqualTo(naive.audited());
                    // the one pass the server runs: the body decoded in the thread's buffer, its words cut there
                    RuleOutcome onePass = ruleSet.evaluate(parse(raw), raw.length, MONDAY_10H, Optional.of(BusinessHours.ALWAYS_OPEN));
                    assertThat(onePass.applied()).as(context).isEqualTo(naive.applied());
                    assertThat(onePass.audited()).as(context).isEqualTo(naive.audited());
                }
            }
        }
    }

    /**
     * The body the reader decodes in place ({@link BodyText}, kept from mail to mail) is the text the
     * reader of the fifth round made of Strings ({@link #bodyBefore}): javax.mail's decoded stream,
     * then a String of its bytes or an {@link InputStreamReader}, cut at the budget. On the samples
     * and on generated shapes with malformed UTF-8, the charsets of the samples and others, at
     * budgets that cut parts, words and surrogate pairs.
     */
    @Test
    void bodyReadInPlaceShouldBeTheTextTheStringReaderRead() throws Exception {
        List<byte[]> mails = new ArrayList<>();
        try (Stream<Path> listing = Files.list(Path.of("..", "samples"))) {
            for (Path file : listing.filter(path -> path.toString().endsWith(".eml")).sorted().collect(Collectors.toList())) {
                mails.add(Files.readAllBytes(file));
            }
        }
        Random random = new Random(20261208);
        for (int index = 0; index < 400; index++) {
            mails.add(generatedMail(random));
        }
        BodyText reused = new BodyText();
        int[] budgets = {Rules.DEFAULT_BODY_PREFIX_CHARS, 1, 7, 40, 123, 1_000};
        for (int budget : budgets) {
            MimeMailReader reader = new MimeMailReader(budget);
            for (byte[] raw : mails) {
                StringBuilder expected = new StringBuilder();
                bodyBefore(parse(raw), 0, budget, expected);

                MailDocument document = reader.read(parse(raw), raw.length, MONDAY_10H, Optional.empty(), reused);
                assertThat(document.bodyText()).isSameAs(reused);
                assertThat(document.body()).as(budget + "\n" + new String(raw, StandardCharsets.ISO_8859_1)).isEqualTo(expected.toString());
                assertThat(reader.read(parse(raw), raw.length, MONDAY_10H).body()).isEqualTo(expected.toString());
            }
        }
    }

    /** The fifth round's walk for the body, Strings and all: the reference {@link BodyText} must equal. */
    private static void bodyBefore(Part part, int depth, int budget, StringBuilder body) {
        if (depth > MimeMailReader.MAX_DEPTH) {
            return;
        }
        try {
            String name = decodedFileName(part);
            if (!name.isEmpty()) {
                return;
            }
            if (part.isMimeType("multipart/*")) {
                if (part.getContent() instanceof Multipart) {
                    Multipart multipart = (Multipart) part.getContent();
                    for (int index = 0; index < multipart.getCount() && index < 1_000; index++) {
                        bodyBefore(multipart.getBodyPart(index), depth + 1, budget, body);
                    }
                }
                return;
            }
            if (body.length() >= budget) {
                return;
            }
            if (part.isMimeType("text/plain")) {
                body.append(textBefore(part, budget - body.length())).append('\n');
            } else if (part.isMimeType("text/html")) {
                body.append(HtmlText.of(textBefore(part, budget - body.length()))).append('\n');
            }
        } catch (MessagingException | IOException | RuntimeException e) {
            // a broken part contributes nothing
        }
    }

    private static String textBefore(Part part, int budget) throws MessagingException, IOException {
        Charset charset = StandardCharsets.UTF_8;
        try {
            String name = new ContentType(part.getContentType()).getParameter("charset");
            if (name != null && Charset.isSupported(MimeUtility.javaCharset(name))) {
                charset = Charset.forName(MimeUtility.javaCharset(name));
            }
        } catch (MessagingException | RuntimeException e) {
            // UTF-8
        }
        try (InputStream input = part.getInputStream()) {
            if (charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.ISO_8859_1)
                || charset.equals(StandardCharsets.US_ASCII)) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                byte[] buffer = new byte[100];
                int read;
                while (bytes.size() < budget * 4L + 4 && (read = input.read(buffer, 0, buffer.length)) > 0) {
                    bytes.write(buffer, 0, read);
                }
                byte[] all = bytes.toByteArray();
                String decoded = new String(all, 0, (int) Math.min(all.length, budget * 4L + 4), charset);
                return decoded.substring(0, Math.min(budget, decoded.length()));
            }
            StringBuilder text = new StringBuilder();
            try (Reader reader = new InputStreamReader(input, charset)) {
                int c;
                while (text.length() < budget && (c = reader.read()) >= 0) {
                    text.append((char) c);
                }
            }
            return text.toString();
        }
    }

    /** javax.mail's file name of the part, decoded, or "" (the old reader's look for an attachment). */
    private static String decodedFileName(Part part) {
        try {
            String raw = part.getFileName();
            return raw == null ? "" : MimeUtility.decodeText(raw);
        } catch (MessagingException | IOException | RuntimeException e) {
            return "";
        }
    }

    /** The old reader's walk for attachment names: javax.mail's file name, decoded, else the parts of a multipart. */
    private static void namesBefore(Part part, int depth, List<String> names) {
        if (depth > MimeMailReader.MAX_DEPTH) {
            return;
        }
        try {
            String name = decodedFileName(part);
            if (!name.isEmpty()) {
                names.add(name);
                return;
            }
            if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart) {
                Multipart multipart = (Multipart) part.getContent();
                for (int index = 0; index < multipart.getCount() && index < 1_000; index++) {
                    namesBefore(multipart.getBodyPart(index), depth + 1, names);
                }
            }
        } catch (MessagingException | IOException | RuntimeException e) {
            // as the reader: a broken part contributes nothing
        }
    }

    private static byte[] generatedMail(Random random) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        write(raw, "From: " + pick(random, new String[] {"Jane <jane@customer.test>", "=?utf-8?q?Ren=C3=A9?= <rene@vendor.test>", "bob@x"})
            + "\r\nTo: support@example.test" + (random.nextBoolean() ? ", ops@vendor.test" : "")
            + (random.nextBoolean() ? "\r\nCc: someone@bigcorp.test" : "")
            + "\r\nSubject: " + (random.nextBoolean() ? words(random, 4) : "=?utf-8?q?" + words(random, 2).replace(' ', '_') + "_=C3=A9t=C3=A9?=")
            + (random.nextBoolean() ? "\r\nX-Spam-Flag: " + pick(random, new String[] {"yes", "no"}) : "")
            + (random.nextBoolean() ? "\r\nList-Id: <news.vendor.test>" : "")
            + "\r\nMIME-Version: 1.0\r\n");
        part(raw, random, 0);
        return raw.toByteArray();
    }

    /** Headers from Content-Type on, a blank line and the content of one part, maybe a multipart of others. */
    private static void part(ByteArrayOutputStream raw, Random random, int depth) throws IOException {
        int kind = random.nextInt(depth < 3 ? 9 : 6);
        if (kind >= 6) {
            String boundary = "b" + depth + "x" + random.nextInt(1000);
            write(raw, "Content-Type: multipart/" + pick(random, new String[] {"mixed", "alternative", "related"}) + "; boundary=\""
                + boundary + "\"" + (random.nextInt(8) == 0 ? "; name=\"bundle.zip\"" : "") + "\r\n\r\npreamble\r\n");
            int parts = 1 + random.nextInt(4);
            for (int index = 0; index < parts; index++) {
                write(raw, "--" + boundary + "\r\n");
                part(raw, random, depth + 1);
                write(raw, "\r\n");
            }
            write(raw, "--" + boundary + "--\r\n");
            return;
        }
        String charset = pick(random, new String[] {"utf-8", "iso-8859-1", "windows-1252", "us-ascii", "no-such-charset", "UTF-8",
            "\"utf-8\"", "iso-8859-15", "utf-16", "iso-2022-jp", "bad charset"});
        String type = pick(random, new String[] {"text/plain", "text/html", "TEXT/PLAIN", "application/pdf", "image/png", "text/plain @"});
        StringBuilder header = new StringBuilder("Content-Type: " + type + "; charset=" + charset);
        String name = pick(random, NAMES);
        int naming = random.nextInt(7);
        if (naming == 1) {
            header.append("; name=").append(name.startsWith("\"") ? name : "\"" + name + "\"");
        } else if (naming == 2) {
            header.append(";\r\n NAME*=utf-8''").append(name.replace(" ", "%20").replace("\"", ""));
        } else if (naming == 3) {
            header.append("; x-name=other");
        }
        header.append("\r\n");
        if (naming == 4 || random.nextInt(6) == 0) {
            header.append("Content-Disposition: ").append(random.nextBoolean() ? "attachment" : "inline")
                .append(naming == 4 || random.nextBoolean() ? "; filename=\"" + name.replace("\"", "") + "\"" : "").append("\r\n");
        }
        String text = (type.contains("html") ? "<p>" + words(random, 12) + "</p><b>printer</b> broken" : words(random, 30)) + " état"
            + (random.nextInt(4) == 0 ? " \u65e5\u672c \ud83d\ude00 caf\u00e9" : "");
        byte[] bytes = text.getBytes(charset.startsWith("iso-8859") || charset.startsWith("windows") ? StandardCharsets.ISO_8859_1
            : charset.equals("utf-16") ? StandardCharsets.UTF_16 : charset.equals("iso-2022-jp") ? Charset.forName("ISO-2022-JP")
            : StandardCharsets.UTF_8);
        if (random.nextInt(5) == 0) {
            // malformed: bytes no charset reads as they are (a cut sequence, a lone continuation byte, ...)
            bytes = Arrays.copyOf(bytes, bytes.length + 4);
            for (int index = 0; index < 6; index++) {
                bytes[random.nextInt(bytes.length)] = (byte) (0x80 + random.nextInt(0x80));
            }
        }
        int encoding = random.nextInt(3);
        if (encoding == 0) {
            header.append("Content-Transfer-Encoding: base64\r\n\r\n");
            write(raw, header.toString());
            raw.write(Base64.getMimeEncoder().encode(bytes));
        } else if (encoding == 1) {
            header.append("Content-Transfer-Encoding: quoted-printable\r\n\r\n");
            write(raw, header.toString());
            ByteArrayOutputStream encoded = new ByteArrayOutputStream();
            try (var output = MimeUtility.encode(encoded, "quoted-printable")) {
                output.write(bytes);
            } catch (MessagingException e) {
                throw new IOException(e);
            }
            raw.write(encoded.toByteArray());
        } else {
            header.append("Content-Transfer-Encoding: 8bit\r\n\r\n");
            write(raw, header.toString());
            raw.write(bytes);
        }
        write(raw, "\r\n");
    }

    private static String words(Random random, int count) {
        StringBuilder text = new StringBuilder();
        for (int index = 0; index < count; index++) {
            text.append(index == 0 ? "" : " ").append(pick(random, WORDS));
        }
        return text.toString();
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static void write(ByteArrayOutputStream raw, String text) {
        raw.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static MimeMessage parse(byte[] raw) throws MessagingException {
        try (InputStream input = new ByteArrayInputStream(raw)) {
            return new MimeMessage(SESSION, input);
        } catch (IOException e) {
            throw new MessagingException("cannot read", e);
        }
    }
}
