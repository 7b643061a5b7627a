package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.mail.MessagingException;
import javax.mail.internet.InternetHeaders;
import javax.mail.internet.MimeUtility;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.teaminbox.james.mailets.Acknowledge;

/**
 * The hostile and automatic mails of RELIABILITY.md, sent byte for byte over SMTP to a real server
 * with the demo pipeline: each one is delivered (visible over IMAP) or parked in a repository, no
 * ERROR is logged, nothing automatic is acknowledged, and a line break hidden in an encoded-word
 * never becomes a header of anything we write. One file per case in {@code corpus/}; the huge
 * cases are generated here rather than committed.
 */
class CorpusIntegrationTest {
    private static final String SUPPORT = "support@example.test";
    private static final String ALICE = "alice@example.test";
    private static final String JANE = "jane@customer.test";
    private static final List<String> FOLDERS = List.of("INBOX", "Billing", "Junk");
    /** Generous: a bound that catches a hang or a quadratic parser, not a performance target. */
    /** The larger variant (docs/reliability.md) sends the malformed corpus this many times: {@code -Dteaminbox.corpus.rounds=5}. */
    private static final int ROUNDS = Integer.getInteger("teaminbox.corpus.rounds", 1);
    private static final Duration ALL_DELIVERED = Duration.ofMinutes(3L * ROUNDS);
    private static final Pattern CASE_HEADER = Pattern.compile("(?im)^X-Corpus-Case: ?(\\S+)");
    private static final Pattern FROM_ADDRESS = Pattern.compile("(?im)^From:.*?([A-Za-z0-9.-]+@[a-z.]+)");
    private static final List<String> REPOSITORIES = List.of("var/mail/error/", "var/mail/address-error/", "var/mail/relay-denied/");

    // Mail from our own shared addresses arrives on the incoming port here: delivered marked, not refused as a spoof.
    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer(SpoofedFromMark::everywhere);
    @RegisterExtension
    ErrorLogCapture errorLog = new ErrorLogCapture();
    @RegisterExtension
    LogCapture acknowledgements = new LogCapture(Acknowledge.class);

    @Test
    void malformedMailShouldBeDeliveredWithoutAnError() throws Exception {
        Map<String, byte[]> once = fixtures("malformed");
        once.putAll(generatedCases());
        Map<String, byte[]> cases = new LinkedHashMap<>(once);
        for (int round = 2; round <= ROUNDS; round++) {
            for (Map.Entry<String, byte[]> entry : once.entrySet()) {
                cases.put(entry.getKey() + "-round-" + round, entry.getValue());
            }
        }

        sendAll(cases);

        awaitDelivered(cases.keySet());
        assertThat(errorLog.errors()).isEmpty();
        for (String repository : REPOSITORIES) {
            assertThat(new WebAdminClient(server.ports().webAdmin()).repositorySize(repository)).as(repository).isZero();
        }
    }

    @Test
    void automaticMailShouldBeDeliveredAndNeverAcknowledged() throws Exception {
        Map<String, byte[]> cases = fixtures("autoresponse");

        sendAll(cases);

        awaitDelivered(cases.keySet());
        assertThat(errorLog.errors()).isEmpty();
        assertThat(acknowledgements.messages()).noneMatch(line -> line.startsWith("Acknowledged"))
            .filteredOn(line -> line.startsWith("No acknowledgement for")).hasSize(cases.size());
    }

    @Test
    void lineBreakInAnEncodedWordShouldNeverBecomeAHeader() throws Exception {
        Map<String, byte[]> cases = new LinkedHashMap<>();
        fixtures("malformed").entrySet().stream()
            .filter(entry -> entry.getKey().contains("injection"))
            .forEach(entry -> cases.put(entry.getKey(), entry.getValue()));
        assertThat(cases).hasSize(2);

        sendAll(cases);

        awaitDelivered(cases.keySet());
        List<InternetHeaders> stored;
        String storedReply;
        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            imap.select("INBOX");
            stored = headersOfEveryMessage(imap);
            storedReply = imap.lastReply();
        }
        TeamInboxServer.awaitUntil(() -> {
            try (ImapTestClient imap = server.imapAs(JANE)) {
                return imap.messageCount("INBOX") == cases.size();
            }
        }, "an acknowledgement per injection case in jane's INBOX");
        List<InternetHeaders> acknowledgementsSent;
        try (ImapTestClient imap = server.imapAs(JANE)) {
            imap.select("INBOX");
            acknowledgementsSent = headersOfEveryMessage(imap);
        }

        assertThat(stored).as(storedReply).hasSize(2);
        assertThat(acknowledgementsSent).hasSize(2);
        for (InternetHeaders headers : concat(stored, acknowledgementsSent)) {
            assertThat(headers.getHeader("Bcc")).isNull();
            assertThat(headers.getHeader("X-Injected")).isNull();
            String subject = MimeUtility.decodeText(MimeUtility.unfold(headers.getHeader("Subject", null)));
            assertThat(subject).doesNotContain("\r").doesNotContain("\n").contains("hi");
        }
        assertThat(errorLog.errors()).isEmpty();
    }

    private void sendAll(Map<String, byte[]> cases) throws IOException {
        RawSmtpClient smtp = new RawSmtpClient(server.ports().smtp());
        for (Map.Entry<String, byte[]> entry : cases.entrySet()) {
            String reply = smtp.send(envelopeSender(entry.getKey(), entry.getValue()), SUPPORT, withCaseHeader(entry.getKey(), entry.getValue()));
            assertThat(reply).as(entry.getKey()).startsWith("250");
        }
    }

    /** The envelope matches the header for system senders (RFC 3834 looks at both); {@code <>} for the null reverse-path case. */
    private static String envelopeSender(String name, byte[] message) {
        if (name.equals("null-reverse-path")) {
            return "";
        }
        if (name.startsWith("system-sender-")) {
            Matcher from = FROM_ADDRESS.matcher(new String(message, StandardCharsets.ISO_8859_1));
            if (from.find()) {
                return from.group(1);
            }
        }
        return JANE;
    }

    private void awaitDelivered(Set<String> expected) throws Exception {
        try {
            TeamInboxServer.awaitUntil(() -> delivered().containsAll(expected), expected.size() + " corpus cases delivered", ALL_DELIVERED);
        } catch (AssertionError timeout) {
            Set<String> missing = new HashSet<>(expected);
            missing.removeAll(delivered());
            throw new AssertionError(timeout.getMessage() + "; missing: " + missing + "; errors logged: " + errorLog.errors(), timeout);
        }
        assertThat(delivered()).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** The case of every message in the folders the demo rules may file into; a duplicate would show twice. */
    private List<String> delivered() throws IOException {
        List<String> cases = new ArrayList<>();
        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            for (String folder : FOLDERS) {
                imap.select(folder);
                cases.addAll(imap.headers("X-Corpus-Case"));
            }
        }
        return cases;
    }

    private static List<InternetHeaders> headersOfEveryMessage(ImapTestClient imap) throws IOException, MessagingException {
        assertThat(imap.command("FETCH 1:* (BODY.PEEK[HEADER])")).isTrue();
        List<InternetHeaders> messages = new ArrayList<>();
        for (String block : imap.lastReply().split("(?m)^\\* \\d+ FETCH ")) {
            int start = block.indexOf("}\n");
            if (start >= 0) {
                byte[] header = block.substring(start + 2).getBytes(StandardCharsets.UTF_8);
                messages.add(new InternetHeaders(new ByteArrayInputStream(header)));
            }
        }
        return messages;
    }

    private static Map<String, byte[]> fixtures(String kind) throws IOException, URISyntaxException {
        Path directory = Path.of(CorpusIntegrationTest.class.getResource("/corpus/" + kind).toURI());
        Map<String, byte[]> cases = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().collect(Collectors.toList())) {
                cases.put(file.getFileName().toString().replaceFirst("\\.eml$", ""), Files.readAllBytes(file));
            }
        }
        return cases;
    }

    private static byte[] withCaseHeader(String name, byte[] message) {
        ByteArrayOutputStream marked = new ByteArrayOutputStream(message.length + 64);
        marked.writeBytes(("X-Corpus-Case: " + name + "\r\n").getBytes(StandardCharsets.US_ASCII));
        marked.writeBytes(message);
        return marked.toByteArray();
    }

    /** The cases too big to commit: 1,000 headers, 100 KB folded headers, 100-deep multipart, a 50 MB attachment. */
    private static Map<String, byte[]> generatedCases() {
        Map<String, byte[]> cases = new LinkedHashMap<>();
        StringBuilder thousandHeaders = new StringBuilder(headers("headers-1000", "Subject: A thousand headers\r\n"));
        for (int index = 0; index < 1000; index++) {
            thousandHeaders.append("X-Filler-").append(index).append(": value ").append(index).append("\r\n");
        }
        cases.put("headers-1000", ascii(thousandHeaders.append("\r\nHello.\r\n")));
        cases.put("subject-100kb-folded", ascii(new StringBuilder(headers("subject-100kb-folded", ""))
            .append("Subject: Help").append(folded("please help me with my account", 100 * 1024)).append("\r\n\r\nHello.\r\n")));
        StringBuilder references = new StringBuilder();
        for (int index = 0; references.length() < 100 * 1024; index++) {
            references.append("\r\n <ref-").append(index).append("@customer.test>");
        }
        cases.put("references-100kb-folded", ascii(new StringBuilder(headers("references-100kb-folded", "Subject: Long thread\r\n"))
            .append("References:").append(references).append("\r\n\r\nHello.\r\n")));
        cases.put("multipart-100-deep", ascii(nested(100)));
        cases.put("attachment-50mb", attachment(50 * 1024 * 1024));
        return cases;
    }

    private static String headers(String name, String extra) {
        return "From: Jane Customer <jane@customer.test>\r\nTo: support@example.test\r\n"
            + "Date: Fri, 27 Nov 2026 10:00:00 +0100\r\nMessage-ID: <" + name + "@customer.test>\r\nMIME-Version: 1.0\r\n" + extra;
    }

    private static String folded(String words, int length) {
        StringBuilder folded = new StringBuilder();
        while (folded.length() < length) {
            folded.append("\r\n ").append(words);
        }
        return folded.toString();
    }

    private static StringBuilder nested(int depth) {
        StringBuilder message = new StringBuilder(headers("multipart-100-deep", "Subject: Nested 100 deep\r\n"));
        message.append("Content-Type: multipart/mixed; boundary=\"level0\"\r\n\r\n");
        for (int level = 0; level < depth; level++) {
            message.append("--level").append(level).append("\r\n");
            message.append("Content-Type: multipart/mixed; boundary=\"level").append(level + 1).append("\"\r\n\r\n");
        }
        message.append("--level").append(depth).append("\r\nContent-Type: text/plain\r\n\r\nThe innermost part.\r\n");
        for (int level = depth; level >= 0; level--) {
            message.append("--level").append(level).append("--\r\n");
        }
        return message;
    }

    private static byte[] attachment(int size) {
        byte[] data = new byte[size];
        new Random(42).nextBytes(data);
        String encoded = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(data);
        String head = headers("attachment-50mb", "Subject: The logs you asked for\r\n")
            + "Content-Type: multipart/mixed; boundary=\"big\"\r\n\r\n"
            + "--big\r\nContent-Type: text/plain\r\n\r\nThe logs are attached.\r\n"
            + "--big\r\nContent-Type: application/octet-stream; name=\"logs.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n";
        ByteArrayOutputStream message = new ByteArrayOutputStream(encoded.length() + 1024);
        message.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        message.writeBytes(encoded.getBytes(StandardCharsets.US_ASCII));
        message.writeBytes("\r\n--big--\r\n".getBytes(StandardCharsets.US_ASCII));
        return message.toByteArray();
    }

    private static byte[] ascii(CharSequence text) {
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
