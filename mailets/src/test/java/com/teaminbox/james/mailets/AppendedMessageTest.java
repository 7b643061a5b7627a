package com.teaminbox.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.ComposedMessageId;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.metrics.api.Metric;
import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.MimeMessageInputStream;
import org.apache.james.server.core.MimeMessageInputStreamSource;
import org.apache.james.server.core.MimeMessageSource;
import org.apache.james.server.core.MimeMessageUtil;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.james.transport.mailets.delivery.MailboxAppender;
import org.apache.james.user.api.UsersRepository;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.apache.mailet.StorageDirective;
import org.junit.jupiter.api.Test;

import com.sun.management.ThreadMXBean;

import reactor.core.publisher.Mono;

/**
 * What the delivery hands James's append: the same bytes and size James reads from the spooled
 * message, read from the spool once instead of once per read James makes.
 */
class AppendedMessageTest {
    private static final String RECEIVED = "Return-Path: <old@customer.test>\r\n"
        + "From: Jane <jane@customer.test>\r\n"
        + "To: support@example.test\r\n"
        + "Bcc: hidden@example.test\r\n"
        + "Subject: Printer on fire\r\n"
        + "Message-ID: <a@customer.test>\r\n"
        + "MIME-Version: 1.0\r\n"
        + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n"
        + "\r\n"
        + "--b1\r\n"
        + "Content-Type: text/plain; charset=UTF-8\r\n"
        + "\r\n"
        + "Hello.\r\n"
        + "--b1\r\n"
        + "Content-Type: application/octet-stream; name=\"a.bin\"\r\n"
        + "Content-Transfer-Encoding: base64\r\n"
        + "\r\n"
        + "AAECAw==\r\n"
        + "--b1--\r\n";

    @Test
    void jamesAppendShouldReadTheSpooledMessageOnceAndStoreWhatItStoredBefore() throws Exception {
        CountingSource source = new CountingSource(RECEIVED.getBytes(StandardCharsets.US_ASCII));
        JamesReads appender = new JamesReads();
        UsersRepository users = mock(UsersRepository.class);
        when(users.getUsername(any())).thenAnswer(call -> Username.of(call.getArgument(0).toString()));
        SpoolDelivery delivery = new SpoolDelivery(users, new AppendOnce(appender, nothingStored()), mock(Metric.class),
            mock(MailetContext.class), Mail.ERROR, delay -> {
            });
        MailImpl mail = MailImpl.builder().name("m1").sender("jane@customer.test").addRecipient("support@example.test")
            .state("shared-mailbox").build();
        // As James's spool gives it: the wrapper over the received bytes itself (the builder would copy it).
        mail.setMessageNoCopy((MimeMessageWrapper) pipelineEdited(new MimeMessageWrapper(source)));
        source.reads.set(0);

        delivery.deliver(mail);

        // James's appender reads the size once and the message three times; the spool's copy is read once for all.
        assertThat(source.reads).hasValue(1);
        // What James would have read of the mail as LocalDelivery hands it, Return-Path and Delivered-To as they were then.
        MimeMessage stock = pipelineEdited(new MimeMessageWrapper(new CountingSource(RECEIVED.getBytes(StandardCharsets.US_ASCII))));
        stock.setHeader("Return-Path", "<jane@customer.test>");
        assertThat(appender.reads).containsExactly(JamesReads.read(stock), JamesReads.read(stock), JamesReads.read(stock));
        assertThat(appender.sizes).containsExactly((long) JamesReads.read(stock).length());
    }

    @Test
    void theBytesHandedShouldBeJamesOwnWhateverTheHeadersLookLike() throws Exception {
        List<String> received = List.of(
            RECEIVED,
            RECEIVED.replace("\r\n", "\n"),
            "Subject: caf\u00e9 8-bit\r\nX-Folded: a\r\n b\r\n\r\nbody\r\n",
            "Subject: no body\r\n\r\n",
            "Subject: headers only, no empty line\r\n",
            "\r\nno headers at all\r\n",
            // headers far longer than the room kept for them (a long Received and DKIM chain): the buffer grows
            "Received: from relay.example by mx.example; Mon, 7 Dec 2026 10:00:00 +0000\r\n".repeat(200) + "Subject: hops\r\n\r\nbody\r\n",
            "");
        for (String raw : received) {
            MimeMessage spooled = pipelineEdited(new MimeMessageWrapper(new CountingSource(raw.getBytes(StandardCharsets.ISO_8859_1))));
            MimeMessage again = pipelineEdited(new MimeMessageWrapper(new CountingSource(raw.getBytes(StandardCharsets.ISO_8859_1))));

            MimeMessage appended = AppendedMessage.of(spooled, 1024);

            assertHandedAsJamesReadsIt(raw, spooled, appended, again);
        }
    }

    /**
     * From James's in-memory source (every spooled mail of a memory spool, and any under 100 KB) the bytes
     * are written without the stream James's wrapper would give: they must be that stream's, byte for byte,
     * whatever the received headers' line ends, 8-bit bytes, folding or length, and whatever the current
     * header lines hold (characters outside US-ASCII are '?' there, a surrogate pair one '?').
     */
    @Test
    void theBytesWrittenFromJamesMemoryShouldBeTheWrapperStreamsByteForByte() throws Exception {
        List<String> received = new ArrayList<>(List.of(
            RECEIVED,
            RECEIVED.replace("\r\n", "\n"),
            RECEIVED.replace("\r\n", "\r"),
            RECEIVED.replace("\r\n\r\n--b1", "\r\r\n\r\r\n--b1"),
            "Subject: caf\u00e9 8-bit\r\nX-Folded: a\r\n b\r\n\r\nbody\r\n",
            "Subject: blank line of spaces\r\n   \r\nX-Not-A-Header: body\r\n\r\nbody\r\n",
            "Subject: no body\r\n\r\n",
            "Subject: headers only, no empty line\r\n",
            "Subject: headers only, no line end",
            "\r\nno headers at all\r\n",
            "\nno headers, LF\n",
            "Received: from relay.example by mx.example; Mon, 7 Dec 2026 10:00:00 +0000\r\n".repeat(200) + "Subject: hops\r\n\r\nbody\r\n",
            "X-Long: " + "x".repeat(9_000) + "\r\n\r\nbody\r\n",
            ""));
        Random random = new Random(16);
        for (int message = 0; message < 300; message++) {
            received.add(randomMessage(random));
        }
        List<String> currentValues = List.of("[SUP-1] Printer on fire", "[SUP-1] caf\u00e9 \u20ac", "[SUP-1] \ud83d\udd25 fire \ud83d\udd25",
            "lone \ud83d surrogate", "=?UTF-8?Q?caf=C3=A9?=", "");
        for (int index = 0; index < received.size(); index++) {
            String raw = received.get(index);
            String subject = currentValues.get(index % currentValues.size());
            MimeMessageWrapper spooled = edited(inJamesMemory(raw), subject);
            MimeMessageWrapper again = edited(inJamesMemory(raw), subject);

            MimeMessage appended = AppendedMessage.of(spooled, 1_000_000);

            assertHandedAsJamesReadsIt(raw, spooled, appended, again);
        }
    }

    @Test
    void aMessageInJamesMemoryWhoseHeadersDidNotChangeShouldBeHandedItsReceivedBytes() throws Exception {
        String raw = RECEIVED.replace("\r\n", "\n");

        MimeMessage appended = AppendedMessage.of(inJamesMemory(raw), 1_000_000);

        assertThat(JamesReads.read(appended)).isEqualTo(raw);
    }

    /** A source still being written (never the case of a spooled mail) cannot hand its bytes on: read as before. */
    @Test
    void aSourceNotYetClosedShouldBeReadAsBefore() throws Exception {
        MimeMessageInputStreamSource source = MimeMessageInputStreamSource.create("open");
        source.getWritableOutputStream().write(RECEIVED.getBytes(StandardCharsets.US_ASCII));
        MimeMessageWrapper spooled = edited(new MimeMessageWrapper(source), "[SUP-1] Printer on fire");
        MimeMessageWrapper again = edited(inJamesMemory(RECEIVED), "[SUP-1] Printer on fire");

        MimeMessage appended = AppendedMessage.of(spooled, 1_000_000);

        assertHandedAsJamesReadsIt(RECEIVED, spooled, appended, again);
    }

    /** Over the 100 KB James keeps in memory its buffer is a file: read through James's stream, as before. */
    @Test
    void aMessageJamesKeepsOnDiskShouldBeReadAsBefore() throws Exception {
        String raw = RECEIVED.replace("Hello.\r\n", "The printer is on fire, again and again and again.\r\n".repeat(3_000));
        MimeMessageWrapper spooled = edited(inJamesMemory(raw), "[SUP-1] Printer on fire");
        MimeMessageWrapper again = edited(inJamesMemory(raw), "[SUP-1] Printer on fire");
        assertThat(ReceivedBodyMessage.inMemoryBuffer(spooled)).isEmpty();

        MimeMessage appended = AppendedMessage.of(spooled, 1_000_000);

        assertHandedAsJamesReadsIt("a 150 KB message", spooled, appended, again);
    }

    /**
     * James's wrapper gives the bytes of a changed message by copying its whole source out of the
     * in-memory buffer and parsing the received headers to skip them; written from the buffer they are
     * copied once, into the array handed to the append (issue 18, fifteenth round {@code alloc16}).
     */
    @Test
    void aMessageInJamesMemoryShouldBeCopiedOnceForTheAppend() throws Exception {
        // 90 KB: under the 100 KB James keeps in memory (james.message.memory.threshold)
        String raw = RECEIVED.replace("Hello.\r\n", "The printer is on fire, again and again and again.\r\n".repeat(1_700));
        MimeMessageWrapper spooled = edited(inJamesMemory(raw), "[SUP-1] Printer on fire");
        long size = spooled.getMessageSize();
        AppendedMessage.of(spooled, 1_000_000);

        long before = allocatedBytes();
        MimeMessage appended = AppendedMessage.of(spooled, 1_000_000);
        long allocated = allocatedBytes() - before;

        assertThat(size).isBetween(80_000L, 100_000L);
        assertThat(allocated).isBetween(size, size + size / 4);
        assertThat(JamesReads.read(appended)).isEqualTo(JamesReads.read(edited(inJamesMemory(raw), "[SUP-1] Printer on fire")));
    }

    @Test
    void aMessageOverTheLimitShouldBeHandedAsItIs() throws Exception {
        byte[] bytes = RECEIVED.getBytes(StandardCharsets.US_ASCII);
        MimeMessage spooled = pipelineEdited(new MimeMessageWrapper(new CountingSource(bytes)));
        int body = spooled.getSize();

        assertThat(AppendedMessage.of(spooled, body - 1)).isSameAs(spooled);
        assertThat(AppendedMessage.of(spooled, body)).isNotSameAs(spooled);
    }

    @Test
    void aMessageWhoseBodyChangedShouldBeHandedAsItIs() throws Exception {
        MimeMessage spooled = new MimeMessageWrapper(new CountingSource(RECEIVED.getBytes(StandardCharsets.US_ASCII)));
        spooled.setText("replaced");

        assertThat(AppendedMessage.of(spooled, 1024)).isSameAs(spooled);
    }

    @Test
    void aMessageThatIsNoSpooledWrapperShouldBeHandedAsItIs() throws Exception {
        MimeMessage plain = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(RECEIVED.getBytes(StandardCharsets.US_ASCII)));

        assertThat(AppendedMessage.of(plain, 1024)).isSameAs(plain);
    }

    /** The header edits a mail for a shared mailbox has by delivery time: James's Bcc removal, the ticket's subject and header, Delivered-To. */
    private static MimeMessage pipelineEdited(MimeMessage message) throws MessagingException {
        message.removeHeader("Bcc");
        message.setHeader("Subject", "[SUP-1] Printer on fire");
        message.setHeader("X-Ticket", "SUP-1");
        message.addHeader("Delivered-To", "support@example.test");
        return message;
    }

    /** {@code appended} is a copy of {@code spooled} holding the bytes and size James's own stream gives for its twin {@code again}. */
    private static void assertHandedAsJamesReadsIt(String raw, MimeMessage spooled, MimeMessage appended, MimeMessage again) throws Exception {
        assertThat(appended).as(raw).isNotSameAs(spooled);
        assertThat(JamesReads.read(appended)).as(raw).isEqualTo(JamesReads.read(again));
        assertThat(MimeMessageUtil.getMessageSize(appended)).as(raw).isEqualTo(MimeMessageUtil.getMessageSize(again));
    }

    /** As James's spool holds a mail received over SMTP or copied by its memory queue: its bytes in James's own source. */
    private static MimeMessageWrapper inJamesMemory(String raw) throws MessagingException {
        return new MimeMessageWrapper(MimeMessageInputStreamSource.create("m",
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1))));
    }

    private static MimeMessageWrapper edited(MimeMessageWrapper message, String subject) throws MessagingException {
        pipelineEdited(message);
        message.setHeader("Subject", subject);
        return message;
    }

    /** Header lines of every sort: folded, 8-bit, without a colon, empty values, mixed line ends; then a body. */
    private static String randomMessage(Random random) {
        String[] ends = {"\r\n", "\n", "\r", "\r\r\n"};
        String[] pieces = {"From", "To", "Subject", "Received", "X-A", "bcc", "BCC", "Content-Type", ":", " ", "\t", "caf\u00e9",
            "\u00ff\u0080", "=?UTF-8?B?w6k=?=", "a@b.test", ";", "\"q\"", "", "x"};
        StringBuilder message = new StringBuilder();
        int headers = random.nextInt(8);
        for (int header = 0; header < headers; header++) {
            int words = 1 + random.nextInt(5);
            for (int word = 0; word < words; word++) {
                message.append(pieces[random.nextInt(pieces.length)]);
                if (random.nextInt(4) == 0) {
                    message.append(": ");
                }
            }
            message.append(ends[random.nextInt(ends.length)]);
            if (random.nextInt(5) == 0) {
                message.append(random.nextBoolean() ? " " : "\t").append("folded").append(ends[random.nextInt(ends.length)]);
            }
        }
        if (random.nextInt(6) > 0) {
            message.append(ends[random.nextInt(ends.length)]);
        }
        int lines = random.nextInt(5);
        for (int line = 0; line < lines; line++) {
            message.append(pieces[random.nextInt(pieces.length)]).append(ends[random.nextInt(ends.length)]);
        }
        return message.toString();
    }

    private static long allocatedBytes() {
        return ((ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static FolderLookup nothingStored() {
        return new FolderLookup() {
            @Override
            public Optional<MessageUid> nextUid(Username owner, String folder) {
                return Optional.empty();
            }

            @Override
            public Optional<ComposedMessageId> find(Username owner, String folder, StoredSince since, String messageId) {
                return Optional.empty();
            }
        };
    }

    /** A spooled message's source, counting the streams asked of it (James's in-memory source copies its bytes for each). */
    private static final class CountingSource implements MimeMessageSource {
        private final byte[] bytes;
        private final AtomicInteger reads = new AtomicInteger();

        CountingSource(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public String getSourceId() {
            return "counting";
        }

        @Override
        public InputStream getInputStream() {
            reads.incrementAndGet();
            return new ByteArrayInputStream(bytes.clone());
        }

        @Override
        public long getMessageSize() {
            return bytes.length;
        }
    }

    /**
     * Reads what it is handed as James 3.8.1's {@code MailboxAppenderImpl} hands it to the mailbox and
     * {@code StoreMessageManager} reads it: the size once ({@code MimeMessageUtil.getMessageSize}),
     * the bytes three times ({@code MimeMessageInputStream}).
     */
    private static final class JamesReads implements MailboxAppender {
        private final List<String> reads = new ArrayList<>();
        private final List<Long> sizes = new ArrayList<>();

        @Override
        public Mono<ComposedMessageId> append(MimeMessage message, Username owner, StorageDirective directive) throws MessagingException {
            sizes.add(MimeMessageUtil.getMessageSize(message));
            for (int read = 0; read < 3; read++) {
                reads.add(read(message));
            }
            return Mono.just(new ComposedMessageId(mock(MailboxId.class), mock(MessageId.class), MessageUid.of(1)));
        }

        static String read(MimeMessage message) throws MessagingException {
            try (InputStream in = new MimeMessageInputStream(message)) {
                return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                throw new MessagingException("read", e);
            }
        }
    }
}
