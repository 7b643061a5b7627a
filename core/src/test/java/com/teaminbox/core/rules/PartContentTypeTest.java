package com.teaminbox.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.mail.MessagingException;
import javax.mail.internet.InternetHeaders;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimePart;

import org.junit.jupiter.api.Test;

class PartContentTypeTest {
    private static final List<String> HEADERS = List.of("", "Content-Type: text/plain\r\n", "Content-Type: TEXT/HTML; charset=\"utf-8\"\r\n",
        "Content-Type: multipart/mixed;\r\n boundary=\"b\"\r\n", "Content-Type: \r\n", "Content-Type: garbage\r\n",
        "Content-Type: text/plain\r\nContent-Type: text/html\r\n", "Content-Type: " + MarkingContentTypeCleaner.CLEANED + "\r\n",
        "Content-Type: " + MarkingContentTypeCleaner.THROWS + "\r\n");

    @Test
    void aMessageShouldHaveTheContentTypeJavaxMailGivesIt() throws Exception {
        for (String header : HEADERS) {
            MimeMessage message = new MimeMessage(null, new ByteArrayInputStream(("Subject: x\r\n" + header + "\r\nbody\r\n")
                .getBytes(StandardCharsets.US_ASCII)));

            assertThat(PartContentType.of(message)).as(header).isEqualTo(message.getContentType());
        }
    }

    @Test
    void aBodyPartShouldHaveTheContentTypeJavaxMailGivesIt() throws Exception {
        for (String header : HEADERS) {
            MimeBodyPart part = new MimeBodyPart(new InternetHeaders(new ByteArrayInputStream((header + "\r\n")
                .getBytes(StandardCharsets.US_ASCII))), "body".getBytes(StandardCharsets.US_ASCII));

            assertThat(PartContentType.of(part)).as(header).isEqualTo(part.getContentType());
        }
    }

    /** The cleaner is the one javax.mail is configured with (core's pom), called through PartContentType's method handle. */
    @Test
    void theConfiguredCleanerShouldBeCalledAndAFailingOneLeaveTheHeader() throws Exception {
        MimeBodyPart cleaned = new MimeBodyPart();
        cleaned.setHeader("Content-Type", MarkingContentTypeCleaner.CLEANED);
        MimeBodyPart failing = new MimeBodyPart();
        failing.setHeader("Content-Type", MarkingContentTypeCleaner.THROWS);

        assertThat(PartContentType.of(cleaned)).isEqualTo("text/html; charset=utf-8");
        assertThat(PartContentType.of(failing)).isEqualTo(MarkingContentTypeCleaner.THROWS);
    }

    @Test
    void aPartThatGivesItsContentTypeItsOwnWayShouldBeAsked() throws Exception {
        MimePart part = new MimeBodyPart() {
            @Override
            public String getContentType() throws MessagingException {
                return "text/x-own";
            }
        };

        assertThat(PartContentType.of(part)).isEqualTo("text/x-own");
    }
}
