package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client that does not declare the size (no {@code SIZE=} in MAIL FROM) and sends more than
 * {@code <maxmessagesize>} is refused with 552 at the end of DATA, whether the excess is in the body
 * or in the header block, and nothing is delivered. The limit is lowered to 1 MiB in this server's
 * own copy of the demo configuration, so that the test need not send the demo's 75 MiB.
 */
class OversizedMessageIntegrationTest {
    private static final String SUPPORT = "support@example.test";
    private static final String ALICE = "alice@example.test";
    private static final String JANE = "jane@customer.test";
    private static final int LIMIT_BYTES = 1024 * 1024;

    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer(home -> {
        try {
            Path file = home.configurationFile("smtpserver.xml");
            String xml = Files.readString(file, StandardCharsets.UTF_8);
            Files.writeString(file, xml.replaceAll("<maxmessagesize>\\d+</maxmessagesize>", "<maxmessagesize>1024</maxmessagesize>"),
                StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    });

    private static String headers(String subject) {
        return "From: Jane <" + JANE + ">\r\nTo: " + SUPPORT + "\r\nSubject: " + subject + "\r\n";
    }

    private String send(String message) throws IOException {
        return new RawSmtpClient(server.ports().smtp()).send(JANE, SUPPORT, message.getBytes(StandardCharsets.US_ASCII));
    }

    /** A mail under the limit, sent after the refused one and awaited: then the INBOX shows all that was accepted. */
    private void awaitOnlyTheControlMail() throws Exception {
        assertThat(send(headers("control") + "\r\nsmall\r\n")).startsWith("250");
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 1);
        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            imap.select("INBOX");
            assertThat(imap.headers("Subject")).containsExactly("[SUP-1] control");
        }
    }

    @Test
    void bodyOverTheLimitShouldBeRefusedAtTheEndOfData() throws Exception {
        String body = ("x".repeat(998) + "\r\n").repeat(LIMIT_BYTES / 1000 + 10);

        assertThat(send(headers("big body") + "\r\n" + body)).startsWith("552");
        awaitOnlyTheControlMail();
    }

    @Test
    void headerBlockOverTheLimitShouldBeRefusedAtTheEndOfData() throws Exception {
        StringBuilder header = new StringBuilder("X-Filler: start");
        while (header.length() < LIMIT_BYTES + 10_000) {
            header.append("\r\n ").append("y".repeat(200));
        }

        assertThat(send(headers("big header") + header + "\r\n\r\nsmall\r\n")).startsWith("552");
        awaitOnlyTheControlMail();
    }

    @Test
    void mailJustUnderTheLimitShouldBeDelivered() throws Exception {
        String body = ("x".repeat(998) + "\r\n").repeat(LIMIT_BYTES / 1000 - 10);

        assertThat(send(headers("just under") + "\r\n" + body)).startsWith("250");
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 1);
    }
}
