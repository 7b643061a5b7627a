package com.teaminbox.it;

import static com.teaminbox.it.SmtpDialogue.base64;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The incoming port does not announce AUTH, and James 3.8.1 would accept it anyway: an
 * authenticated client there could relay as a shared mailbox past the send rules. Every AUTH
 * form a client can send is refused, with valid credentials too, and the session stays
 * unauthenticated.
 */
class IncomingAuthenticationIntegrationTest {
    private static final String REFUSED = "504 5.5.4 Authentication is not offered on this server; members submit mail on the submission port";

    // Each test opens its own SMTP dialogues and delivers nothing: one server serves them all.
    @RegisterExtension
    static TeamInboxServer server = new TeamInboxServer();

    @Test
    void incomingPortShouldNotAnnounceAuthentication() throws Exception {
        try (SmtpDialogue smtp = SmtpDialogue.open(server.ports().smtp())) {
            assertThat(smtp.command("EHLO client.example.test")).doesNotContain("AUTH");
        }
    }

    @Test
    void authPlainShouldBeRefusedOnTheIncomingPortWithValidCredentials() throws Exception {
        for (String credentials : List.of("\0alice@example.test\0demo", "\0dave@example.test\0demo",
                "alice@example.test\0alice@example.test\0demo", "support@example.test\0alice@example.test\0demo")) {
            try (SmtpDialogue smtp = SmtpDialogue.open(server.ports().smtp())) {
                assertThat(smtp.command("AUTH PLAIN " + base64(credentials)))
                    .as("AUTH PLAIN with initial response %s", credentials.replace('\0', '|')).isEqualTo(REFUSED);
            }
            try (SmtpDialogue smtp = SmtpDialogue.open(server.ports().smtp())) {
                assertThat(smtp.command("AUTH PLAIN")).startsWith("334");
                assertThat(smtp.command(base64(credentials)))
                    .as("AUTH PLAIN after the challenge %s", credentials.replace('\0', '|')).isEqualTo(REFUSED);
            }
        }
    }

    @Test
    void authLoginShouldBeRefusedOnTheIncomingPortWithValidCredentials() throws Exception {
        try (SmtpDialogue smtp = SmtpDialogue.open(server.ports().smtp())) {
            assertThat(smtp.command("AUTH LOGIN")).startsWith("334");
            assertThat(smtp.command(base64("dave@example.test"))).startsWith("334");
            assertThat(smtp.command(base64("demo"))).isEqualTo(REFUSED);
        }
        try (SmtpDialogue smtp = SmtpDialogue.open(server.ports().smtp())) {
            assertThat(smtp.command("AUTH LOGIN " + base64("dave@example.test"))).startsWith("334");
            assertThat(smtp.command(base64("demo"))).isEqualTo(REFUSED);
        }
    }

    @Test
    void refusedAuthenticationShouldLeaveTheSessionUnauthenticated() throws Exception {
        try (SmtpDialogue smtp = SmtpDialogue.open(server.ports().smtp())) {
            assertThat(smtp.command("AUTH PLAIN " + base64("\0dave@example.test\0demo"))).isEqualTo(REFUSED);
            // James answers 503 "already authenticated" to a second AUTH after one that succeeded.
            assertThat(smtp.command("AUTH PLAIN " + base64("\0dave@example.test\0demo"))).isEqualTo(REFUSED);
        }
    }

    @Test
    void submissionPortShouldStillAuthenticateMembers() throws Exception {
        try (SmtpDialogue smtp = SmtpDialogue.open(server.ports().submission())) {
            assertThat(smtp.command("AUTH PLAIN " + base64("\0alice@example.test\0demo"))).startsWith("235");
        }
    }
}
