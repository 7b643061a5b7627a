package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.teaminbox.core.config.SharedMailboxesConfigurationParser;
import com.teaminbox.core.ticket.MessageIds;
import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.core.tools.RulesPrediction;
import com.teaminbox.core.tools.RulesTester;
import com.teaminbox.demo.DemoServer;

/**
 * Issue 24: the offline rules tester is the server's oracle. The samples ({@code samples/}) and the
 * reliability corpus ({@code corpus/}, the fixtures of {@link CorpusIntegrationTest}; its generated
 * 50 MB and 1,000-header cases are left to that test) go through {@code ./rules-test}'s code and,
 * byte for byte with the same envelope, through a real server with the demo configuration; what
 * the server did must be what the tester predicted, field by field ({@link TesterOracle}).
 *
 * <p>What the tester cannot know is made true or read back: the acknowledgement ledger is storage
 * the tester does not see, so the per-sender daily cap is raised out of reach; tags in subjects are
 * assumed issued, so tickets are issued up to the highest tag before the cases are sent; replies
 * (mails with In-Reply-To or References) are sent once the other mails are delivered, and the
 * tester is told which of their Message-IDs the server then knows, with the ticket each carries. The generated action
 * combinations are compared the same way in {@link RuleActionsIntegrationTest}.
 */
class RulesTesterDifferentialIntegrationTest {
    private static final String ALICE = "alice@example.test";
    private static final String SUPPORT = "support@example.test";
    private static final String JANE = "jane@customer.test";
    private static final String WARM_UP_SENDER = "carol@example.test";
    private static final Path SAMPLES = Path.of("..", "samples");
    private static final Pattern FROM_ADDRESS = Pattern.compile("(?im)^From:.*?([A-Za-z0-9.-]+@[a-z.]+)");
    private static final Pattern RETURN_PATH = Pattern.compile("(?im)^Return-Path: *<([^>]*)>");

    // The corpus has mail from our own shared addresses on the incoming port: delivered marked, as in CorpusIntegrationTest.
    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer(home -> {
        home.withSharedMailboxes(demoConfiguration()
            .replace("<acknowledgement per-sender-daily-cap=\"10\"", "<acknowledgement per-sender-daily-cap=\"1000\"")
            .replace("<acknowledgement response-time=\"2 business days\">", "<acknowledgement per-sender-daily-cap=\"1000\" response-time=\"2 business days\">"));
        SpoofedFromMark.everywhere(home);
    });

    /** One mail as sent: the bytes (with its case header), the envelope. */
    record Sent(byte[] message, Optional<MailAddress> sender, MailAddress recipient) {
    }

    @Test
    void serverShouldDoWhatTheRulesTesterPredictsForTheSamplesAndTheCorpus() throws Exception {
        RulesTester tester = new RulesTester(new SharedMailboxesConfigurationParser().parse(server.home().configurationFile("shared-mailboxes.xml")),
            Clock.systemDefaultZone());
        Map<String, Sent> mails = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> sample : files(SAMPLES).entrySet()) {
            RulesPrediction prediction = tester.predict(parse(sample.getValue()), sample.getValue().length, Optional.empty());
            if (prediction.sharedMailbox().isEmpty()) {
                continue;
            }
            Optional<MailAddress> sender = address(RETURN_PATH.matcher(new String(sample.getValue(), StandardCharsets.ISO_8859_1)));
            mails.put(sample.getKey(), new Sent(sample.getValue(), sender, prediction.sharedMailbox().get().address()));
        }
        for (String kind : List.of("malformed", "autoresponse")) {
            for (Map.Entry<String, byte[]> fixture : files(corpus(kind)).entrySet()) {
                mails.put(fixture.getKey(), new Sent(fixture.getValue(), envelopeSender(fixture.getKey(), fixture.getValue()), new MailAddress(SUPPORT)));
            }
        }
        for (Map.Entry<String, Sent> mail : mails.entrySet()) {
            byte[] marked = withCaseHeader(mail.getKey(), mail.getValue().message());
            mails.put(mail.getKey(), new Sent(marked, mail.getValue().sender(), mail.getValue().recipient()));
        }
        int warmUps = issueTicketsUpToTheHighestTag(predict(tester, mails, references -> Optional.empty()));
        List<String> mailboxes = mails.values().stream().map(mail -> mail.recipient().asString()).distinct().collect(Collectors.toList());
        Map<String, Sent> replies = mails.entrySet().stream().filter(mail -> !references(mail.getValue()).isEmpty())
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        Map<String, Sent> firsts = new LinkedHashMap<>(mails);
        firsts.keySet().removeAll(replies.keySet());
        TesterOracle oracle = new TesterOracle(server, ALICE, List.of("INBOX", "Billing", "Junk"));

        send(firsts);
        TeamInboxServer.awaitUntil(() -> oracle.messageCount(mailboxes) >= warmUps + firsts.size(), firsts.size() + " first mails delivered");
        Map<String, TicketId> conversations = knownMessageIds(oracle, tester, firsts);
        assertThat(replies.values()).as("a reply refers only to mails delivered before it (the order the test controls)")
            .allMatch(reply -> references(reply).stream().noneMatch(id -> replies.values().stream().anyMatch(other -> messageId(other).equals(id))));
        send(replies);

        Map<String, RulesPrediction> predictions = predict(tester, mails,
            references -> references.stream().map(conversations::get).filter(Objects::nonNull).findFirst());
        TeamInboxServer.awaitUntil(() -> oracle.messageCount(mailboxes) >= warmUps + mails.size(), mails.size() + " cases delivered");
        TeamInboxServer.awaitUntil(() -> oracle.notificationsReceivedBy(ALICE).size() >= oracle.notificationCount(predictions, ALICE),
            "alice's notifications");
        oracle.assertServerDidWhatTheTesterPredicted(predictions);
    }

    /**
     * The server's conversation index after the first mails: the ticket each of their Message-IDs
     * carries. The tester has no index; the replies are sent once these are delivered, so that what
     * the index holds when a reply arrives is this, whatever the spool's order.
     */
    private Map<String, TicketId> knownMessageIds(TesterOracle oracle, RulesTester tester, Map<String, Sent> firsts) throws Exception {
        Map<String, RulesPrediction> predictions = predict(tester, firsts, references -> Optional.empty());
        Map<String, TicketId> known = new HashMap<>();
        oracle.stored(predictions).forEach((name, message) -> message.header("Message-ID").ifPresent(id -> known.put(id,
            TicketId.parse(message.header("X-Ticket").orElse(""), predictions.get(name).sharedMailbox().orElseThrow().ticketPrefix()).orElseThrow())));
        return known;
    }

    private Map<String, RulesPrediction> predict(RulesTester tester, Map<String, Sent> mails,
                                                 Function<List<String>, Optional<TicketId>> conversations) throws Exception {
        Map<String, RulesPrediction> predictions = new LinkedHashMap<>();
        for (Map.Entry<String, Sent> mail : mails.entrySet()) {
            byte[] bytes = mail.getValue().message();
            predictions.put(mail.getKey(), tester.predict(parse(bytes), bytes.length, mail.getValue().sender(), mail.getValue().recipient(),
                conversations));
        }
        return predictions;
    }

    private void send(Map<String, Sent> mails) throws IOException {
        RawSmtpClient smtp = new RawSmtpClient(server.ports().smtp());
        for (Map.Entry<String, Sent> mail : mails.entrySet()) {
            String reply = smtp.send(mail.getValue().sender().map(MailAddress::asString).orElse(""), mail.getValue().recipient().asString(),
                mail.getValue().message());
            assertThat(reply).as(mail.getKey()).startsWith("250");
        }
    }

    private static List<String> references(Sent mail) {
        try {
            MimeMessage message = parse(mail.message());
            return MessageIds.referencedBy(Optional.ofNullable(message.getHeader("In-Reply-To", null)),
                Optional.ofNullable(message.getHeader("References", null)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String messageId(Sent mail) {
        try {
            return Optional.ofNullable(parse(mail.message()).getHeader("Message-ID", null)).map(String::strip).orElse("");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The tester takes every tag as issued: tickets are opened on each mailbox up to the highest tag
     * the cases carry. Returns how many warm-up mails that took.
     */
    private int issueTicketsUpToTheHighestTag(Map<String, RulesPrediction> predictions) throws Exception {
        Map<String, Long> highest = predictions.values().stream().filter(prediction -> prediction.threadedTicket().isPresent())
            .collect(Collectors.toMap(prediction -> prediction.sharedMailbox().get().address().asString(),
                prediction -> prediction.threadedTicket().map(TicketId::number).orElseThrow(), Math::max));
        for (Map.Entry<String, Long> mailbox : highest.entrySet()) {
            server.smtp().sendInOneSession(WARM_UP_SENDER, mailbox.getKey(), IntStream.rangeClosed(1, mailbox.getValue().intValue())
                .mapToObj(number -> "Warm-up mail " + number).collect(Collectors.toList()));
            server.awaitMessages(mailbox.getKey(), mailbox.getKey().startsWith("support") ? ALICE : "bob@example.test", "INBOX",
                mailbox.getValue().intValue());
        }
        return highest.values().stream().mapToInt(Long::intValue).sum();
    }

    /** As {@link CorpusIntegrationTest}: the envelope matches the header for system senders; {@code <>} for the null reverse-path case. */
    private static Optional<MailAddress> envelopeSender(String name, byte[] message) throws Exception {
        if (name.equals("null-reverse-path")) {
            return Optional.empty();
        }
        if (name.startsWith("system-sender-")) {
            return address(FROM_ADDRESS.matcher(new String(message, StandardCharsets.ISO_8859_1)));
        }
        return Optional.of(new MailAddress(JANE));
    }

    private static Optional<MailAddress> address(Matcher matcher) throws Exception {
        return matcher.find() && !matcher.group(1).isBlank() ? Optional.of(new MailAddress(matcher.group(1))) : Optional.empty();
    }

    private static MimeMessage parse(byte[] message) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(message));
    }

    private static Path corpus(String kind) throws URISyntaxException {
        return Path.of(RulesTesterDifferentialIntegrationTest.class.getResource("/corpus/" + kind).toURI());
    }

    private static Map<String, byte[]> files(Path directory) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> list = Files.list(directory)) {
            for (Path file : list.filter(path -> path.toString().endsWith(".eml")).sorted().collect(Collectors.toList())) {
                files.put(file.getFileName().toString().replaceFirst("\\.eml$", ""), Files.readAllBytes(file));
            }
        }
        return files;
    }

    private static byte[] withCaseHeader(String name, byte[] message) {
        ByteArrayOutputStream marked = new ByteArrayOutputStream(message.length + 64);
        marked.writeBytes((TesterOracle.CASE_HEADER + ": " + name + "\r\n").getBytes(StandardCharsets.US_ASCII));
        marked.writeBytes(message);
        return marked.toByteArray();
    }

    static String demoConfiguration() {
        try (InputStream resource = DemoServer.class.getResourceAsStream("/demo/conf/shared-mailboxes.xml")) {
            return new String(resource.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
