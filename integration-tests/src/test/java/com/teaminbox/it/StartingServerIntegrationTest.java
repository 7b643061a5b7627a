package com.teaminbox.it;

import static com.teaminbox.it.SmtpDialogue.base64;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.teaminbox.demo.DemoHome;
import com.teaminbox.demo.DemoServer;

/**
 * While James starts, its SMTP ports are open before our provisioning has created the shared
 * accounts. Mail for a shared mailbox must then get a temporary 451 4.3.2 (the sender's server
 * tries again), never 550 5.1.1 Unknown user (a bounce for good). Provisioning is held at its
 * first step for support@ by {@link HeldProvisioning}.
 */
class StartingServerIntegrationTest {
    private static final String NOT_READY = "451 4.3.2 The server is starting; please try again in a few minutes";

    private final HeldProvisioning held = new HeldProvisioning("support@example.test");
    private Path directory;
    private CompletableFuture<DemoServer> starting;

    @AfterEach
    void stop() throws Exception {
        held.release();
        if (starting != null) {
            starting.get(120, TimeUnit.SECONDS).close();
        }
        TeamInboxServer.deleteRecursively(directory);
    }

    @Test
    void sharedMailboxShouldGetATemporaryAnswerUntilProvisioned() throws Exception {
        List<Integer> ports = FreePorts.reserve(2);
        int incoming = ports.get(0);
        int submission = ports.get(1);
        startHeld(incoming, submission);
        held.awaitHeld();

        try (SmtpDialogue smtp = SmtpDialogue.open(incoming)) {
            assertThat(smtp.command("MAIL FROM:<jane@customer.test>")).startsWith("250");
            // sales@ is provisioned after support@: its account does not exist yet (550 5.1.1 Unknown user without the hook)
            assertThat(smtp.command("RCPT TO:<sales@example.test>")).isEqualTo(NOT_READY);
            assertThat(smtp.command("RCPT TO:<support@example.test>")).isEqualTo(NOT_READY);
        }
        try (SmtpDialogue smtp = SmtpDialogue.open(submission)) {
            assertThat(smtp.command("AUTH PLAIN " + base64("\0alice@example.test\0demo"))).startsWith("235");
            assertThat(smtp.command("MAIL FROM:<alice@example.test>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<support@example.test>")).isEqualTo(NOT_READY);
        }

        held.release();
        DemoServer server = starting.get(120, TimeUnit.SECONDS);

        try (SmtpDialogue smtp = SmtpDialogue.open(server.ports().smtp())) {
            assertThat(smtp.command("MAIL FROM:<jane@customer.test>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<support@example.test>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<nobody@example.test>")).startsWith("550 5.1.1");
        }
    }

    private void startHeld(int incoming, int submission) throws Exception {
        directory = Files.createTempDirectory("teaminbox-starting");
        DemoHome home = DemoHome.prepare(directory, true);
        Path smtpServers = home.configurationFile("smtpserver.xml");
        String xml = Files.readString(smtpServers);
        // Known ports: the test talks to James before start() returns the ports it got.
        xml = xml.replaceFirst("<bind>127\\.0\\.0\\.1:0</bind>", "<bind>127.0.0.1:" + incoming + "</bind>");
        xml = xml.replaceFirst("<bind>127\\.0\\.0\\.1:0</bind>", "<bind>127.0.0.1:" + submission + "</bind>");
        Files.writeString(smtpServers, xml);
        starting = CompletableFuture.supplyAsync(() -> {
            try {
                return DemoServer.start(home, List.of(held.module()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
