package com.teaminbox.james.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import java.util.Random;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

class MessageHeadersTest {
    /** A multipart whose body never contains its boundary: javax.mail cannot parse it (CorpusIntegrationTest found it). */
    private static final String NO_BOUNDARY = "From: jane@customer.test\r\n"
        + "Subject: Multipart without boundary\r\n"
        + "MIME-Version: 1.0\r\n"
        + "Content-Type: multipart/mixed\r\n"
        + "\r\n"
        + "Hello, there is no boundary here.\r\n";

    /** The subject set as it is, when javax.mail would leave it so, gives the header javax.mail's setSubject gives. */
    @Test
    void setSubjectShouldWriteWhatJavaxMailWrites() throws Exception {
        String alphabet = "aZ9 [-]:=?\t\u00E9\u4E2D";
        Random random = new Random(18);
        int setAsItIs = 0;
        for (int draw = 0; draw < 20_000; draw++) {
            StringBuilder subject = new StringBuilder();
            int length = random.nextInt(90);
            for (int index = 0; index < length; index++) {
                subject.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            MimeMessage javaxMail = new MimeMessage(Session.getInstance(new Properties()));
            javaxMail.setSubject(subject.toString(), StandardCharsets.UTF_8.name());
            MimeMessage ours = new MimeMessage(Session.getInstance(new Properties()));
            MessageHeaders.setSubject(ours, subject.toString());

            assertThat(ours.getHeader("Subject", null)).as("'%s'", subject).isEqualTo(javaxMail.getHeader("Subject", null));
            setAsItIs += MessageHeaders.isWrittenUnchanged(subject.toString()) ? 1 : 0;
        }
        // Every length around the line's end, printable ASCII only: folded or not, the same header.
        for (int length = 1; length <= 100; length++) {
            String subject = "Re: [SUP-12] printer down ".repeat(4).substring(0, length).strip() + "x";
            MimeMessage javaxMail = new MimeMessage(Session.getInstance(new Properties()));
            javaxMail.setSubject(subject, StandardCharsets.UTF_8.name());
            MimeMessage ours = new MimeMessage(Session.getInstance(new Properties()));
            MessageHeaders.setSubject(ours, subject);
            assertThat(ours.getHeader("Subject", null)).as("'%s'", subject).isEqualTo(javaxMail.getHeader("Subject", null));
        }
        assertThat(setAsItIs).as("subjects set as they are").isGreaterThan(100);
        assertThat(MessageHeaders.isWrittenUnchanged("[SUP-12] Printer on floor 2 is down")).isTrue();
    }

    @Test
    void setDateShouldWriteAnRfc5322DateThatJavaxMailReadsBack() throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        Instant date = Instant.parse("2026-11-27T15:32:58Z");

        MessageHeaders.setDate(message, date);

        assertThat(message.getHeader("Date", null)).matches("[A-Z][a-z]{2}, \\d{1,2} [A-Z][a-z]{2} 2026 \\d{2}:\\d{2}:58 [+-]\\d{4}");
        assertThat(message.getSentDate().toInstant()).isEqualTo(date);
    }

    @Test
    void saveChangesShouldFailOnAMultipartWithoutItsBoundary() throws Exception {
        MimeMessage message = parse(NO_BOUNDARY);
        message.setSubject("[SUP-1] Multipart without boundary");

        assertThatThrownBy(message::saveChanges).isInstanceOf(MessagingException.class).hasMessageContaining("boundary");
    }

    @Test
    void saveHeaderChangesShouldKeepTheEditedHeadersAndTheBodyOfAMultipartWithoutItsBoundary() throws Exception {
        MimeMessage message = parse(NO_BOUNDARY);
        message.setSubject("[SUP-1] Multipart without boundary");
        message.setHeader("X-Ticket", "SUP-1");

        MessageHeaders.saveHeaderChanges(message, "mail-1");

        ByteArrayOutputStream written = new ByteArrayOutputStream();
        message.writeTo(written);
        assertThat(written.toString(StandardCharsets.UTF_8))
            .contains("Subject: [SUP-1] Multipart without boundary\r\n")
            .contains("X-Ticket: SUP-1\r\n")
            .endsWith("\r\n\r\nHello, there is no boundary here.\r\n");
    }

    private static MimeMessage parse(String raw) throws MessagingException {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }
}
