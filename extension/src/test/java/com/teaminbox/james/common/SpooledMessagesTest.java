package com.teaminbox.james.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.Arrays;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.server.core.MimeMessageInputStream;
import org.apache.james.server.core.MimeMessageInputStreamSource;
import org.apache.james.server.core.MimeMessageWrapper;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.rules.MailDocument;
import com.teaminbox.core.rules.MimeMailReader;

/**
 * A mail with a big attachment goes through our header edits and the rules' reading without its
 * body ever being parsed into the heap: the spooled message below fails the test if it is.
 */
class SpooledMessagesTest {
    private static final int ATTACHMENT_BYTES = 3 * 1024 * 1024;

    @Test
    void rulesShouldReadTextAndEveryAttachmentNameWithoutLoadingTheBody() throws Exception {
        SpooledMail mail = spooled(bigMail());
        MailDocument document;
        Path copy;
        try (SpooledMessages.ReadOnlyMessage readable = SpooledMessages.readOnly(mail, mail.getMessageSize())) {
            copy = readable.copy().orElseThrow();
            document = new MimeMailReader(65_536).read(readable.message(), mail.getMessageSize(), ZonedDateTime.now());
        }

        assertThat(document.body()).contains("Please find the scans attached");
        assertThat(document.attachmentNames()).containsExactly("scans.bin", "after-the-big-one.pdf");
        assertThat(mail.loaded).isFalse();
        assertThat(copy).doesNotExist();
    }

    @Test
    void smallMailShouldBeReadAsItIs() throws Exception {
        SpooledMail mail = spooled(("From: jane@customer.test\r\nSubject: Hi\r\n\r\nHello\r\n").getBytes(StandardCharsets.US_ASCII));

        try (SpooledMessages.ReadOnlyMessage readable = SpooledMessages.readOnly(mail, mail.getMessageSize())) {
            assertThat(readable.message()).isSameAs(mail);
            assertThat(readable.copy()).isEmpty();
        }
    }

    @Test
    void editedHeadersOfABrokenMultipartShouldBeWrittenWithTheBodyAsReceived() throws Exception {
        byte[] original = ("From: carol@example.test\r\nTo: jane@customer.test\r\nSubject: Re: [SUP-3] Scans\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed\r\n\r\n--nowhere\r\nno boundary parameter\r\n")
            .getBytes(StandardCharsets.US_ASCII);
        SpooledMail mail = spooled(original);

        mail.setHeader("X-Ticket", "SUP-3");
        MessageHeaders.saveHeaderChanges(mail, "mail1");
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        // What CopyToSharedSent, a mail repository or a duplicate do; James saves an unsaved edited message first.
        mail.writeTo(written);

        byte[] bytes = written.toByteArray();
        assertThat(new String(bytes, StandardCharsets.US_ASCII)).contains("X-Ticket: SUP-3");
        assertThat(Arrays.copyOfRange(bytes, indexOfBody(bytes), bytes.length))
            .isEqualTo(Arrays.copyOfRange(original, indexOfBody(original), original.length));
        assertThat(mail.loaded).isFalse();
    }

    @Test
    void headerEditsShouldBeDeliveredBeforeTheUntouchedBodyWithoutLoadingIt() throws Exception {
        byte[] original = bigMail();
        SpooledMail mail = spooled(original);

        mail.setHeader("Subject", "[SUP-7] Scans");
        mail.setHeader("X-Ticket", "SUP-7");
        MessageHeaders.saveHeaderChanges(mail, "mail1");
        byte[] delivered = readAll(new MimeMessageInputStream(mail));

        assertThat(mail.loaded).isFalse();
        String headers = new String(delivered, 0, indexOfBody(delivered), StandardCharsets.US_ASCII);
        assertThat(headers).contains("Subject: [SUP-7] Scans").contains("X-Ticket: SUP-7").doesNotContain("Subject: Scans");
        assertThat(Arrays.copyOfRange(delivered, indexOfBody(delivered), delivered.length))
            .isEqualTo(Arrays.copyOfRange(original, indexOfBody(original), original.length));
    }

    @Test
    void readOnlyCopyShouldSeeTheEditedHeaders() throws Exception {
        SpooledMail mail = spooled(bigMail());
        mail.setHeader("Subject", "[SUP-7] Scans");

        try (SpooledMessages.ReadOnlyMessage readable = SpooledMessages.readOnly(mail, mail.getMessageSize())) {
            assertThat(readable.message().getSubject()).isEqualTo("[SUP-7] Scans");
        }
        assertThat(mail.loaded).isFalse();
    }

    @Test
    void aPlainMessageShouldBeReadAsItIs() throws Exception {
        MimeMessage plain = new MimeMessage(null, new ByteArrayInputStream(bigMail()));

        try (SpooledMessages.ReadOnlyMessage readable = SpooledMessages.readOnly(plain, 10_000_000)) {
            assertThat(readable.message()).isSameAs(plain);
        }
    }

    /** James's spooled message (file-backed above 100 KB) that records whether its body was parsed. */
    private static final class SpooledMail extends MimeMessageWrapper {
        private boolean loaded;

        private SpooledMail(MimeMessageInputStreamSource source) {
            super(source);
        }

        @Override
        public void loadMessage() throws MessagingException {
            loaded = true;
            super.loadMessage();
        }
    }

    private static SpooledMail spooled(byte[] mail) throws MessagingException {
        return new SpooledMail(MimeMessageInputStreamSource.create("spooled-messages-test", new ByteArrayInputStream(mail)));
    }

    private static byte[] bigMail() {
        StringBuilder base64Lines = new StringBuilder(ATTACHMENT_BYTES);
        while (base64Lines.length() < ATTACHMENT_BYTES) {
            base64Lines.append("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAx\r\n");
        }
        String mail = "From: jane@customer.test\r\n"
            + "To: support@example.test\r\n"
            + "Subject: Scans\r\n"
            + "Message-ID: <scans@customer.test>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"outer\"\r\n"
            + "\r\n"
            + "--outer\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "\r\n"
            + "Please find the scans attached.\r\n"
            + "--outer\r\n"
            + "Content-Type: application/octet-stream\r\n"
            + "Content-Disposition: attachment; filename=\"scans.bin\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n"
            + "\r\n"
            + base64Lines
            + "--outer\r\n"
            + "Content-Type: application/pdf\r\n"
            + "Content-Disposition: attachment; filename=\"after-the-big-one.pdf\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n"
            + "\r\n"
            + "JVBERi0xLjQK\r\n"
            + "--outer--\r\n";
        return mail.getBytes(StandardCharsets.US_ASCII);
    }

    private static int indexOfBody(byte[] mail) {
        for (int index = 0; index + 3 < mail.length; index++) {
            if (mail[index] == '\r' && mail[index + 1] == '\n' && mail[index + 2] == '\r' && mail[index + 3] == '\n') {
                return index + 4;
            }
        }
        throw new AssertionError("No end of headers");
    }

    private static byte[] readAll(InputStream in) throws Exception {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }
}
