package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo's size limit ({@code <maxmessagesize>} of both SMTP servers, 75 MiB) refuses an oversized
 * mail during the SMTP dialogue with 552 (RFC 5321 section 4.5.3.1.10, RFC 1870): before DATA when
 * the client declares the size, at the end of DATA when it does not. Headers count in that size,
 * and James 3.8.1 has no separate header limit, so an oversized header block is refused the same way
 * ({@link OversizedMessageIntegrationTest}).
 */
class MessageSizeLimitsIntegrationTest {
    private static final String SUPPORT = "support@example.test";
    private static final String JANE = "jane@customer.test";
    private static final long DEMO_LIMIT_BYTES = 75L * 1024 * 1024;

    // Each test opens its own SMTP dialogues and delivers nothing: one server serves them all.
    @RegisterExtension
    static TeamInboxServer server = new TeamInboxServer();

    @Test
    void bothServersShouldAnnounceTheLimitAndRefuseALargerDeclaredSizeBeforeData() throws Exception {
        for (int port : List.of(server.ports().smtp(), server.ports().submission())) {
            List<String> replies = new RawSmtpClient(port).replies("EHLO client.test",
                "MAIL FROM:<" + JANE + "> SIZE=" + (DEMO_LIMIT_BYTES + 1), "QUIT");

            assertThat(replies.get(0)).contains("SIZE " + DEMO_LIMIT_BYTES);
            assertThat(replies.get(1)).startsWith("552");
        }
    }

    @Test
    void declaredSizeAtTheLimitShouldBeAccepted() throws Exception {
        List<String> replies = new RawSmtpClient(server.ports().smtp()).replies("EHLO client.test",
            "MAIL FROM:<" + JANE + "> SIZE=" + DEMO_LIMIT_BYTES, "QUIT");

        assertThat(replies.get(1)).startsWith("250");
    }
}
