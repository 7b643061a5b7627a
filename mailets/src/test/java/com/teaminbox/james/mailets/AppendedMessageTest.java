package com.teaminbox.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
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
import org.apache.james.server.core.MimeMessageSource;
import org.apache.james.server.core.MimeMessageUtil;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.james.transport.mailets.delivery.MailboxAppender;
import org.apache.james.user.api.UsersRepository;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.apache.mailet.StorageDirective;
import org.junit.jupiter.api.Test;

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

            assertThat(appended).as(raw).isNotSameAs(spooled);
            assertThat(JamesReads.read(appended)).as(raw).isEqualTo(JamesReads.read(again));
            assertThat(MimeMessageUtil.getMessageSize(appended)).as(raw).isEqualTo(MimeMessageUtil.getMessageSize(again));
        }
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
