package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.demo.DemoHome;

/**
 * What happens when the audit directory cannot be written (here: a file stands where the
 * directory should be, which no permission or user can write into).
 */
class AuditFailureIntegrationTest {
    private static final String SUPPORT = "support@example.test";
    private static final String JANE = "jane@customer.test";
    private static final String ALICE = "alice@example.test";
    private static final String BLOCKED = "blocked-audit";

    static Consumer<DemoHome> auditIn(String directory, String onFailure) {
        return home -> {
            try {
                Path file = home.configurationFile("shared-mailboxes.xml");
                String xml = Files.readString(file, StandardCharsets.UTF_8);
                Files.writeString(file, xml.replace("</shared-mailboxes>",
                    "    <audit directory=\"" + directory + "\" on-failure=\"" + onFailure + "\"/>\n</shared-mailboxes>"),
                    StandardCharsets.UTF_8);
                Files.writeString(home.root().resolve(directory), "not a directory");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    static String customerMail(String subject) {
        return Submissions.message(JANE, Optional.empty(), SUPPORT, subject);
    }

    @Nested
    class Defer {
        @RegisterExtension
        TeamInboxServer server = new TeamInboxServer(auditIn(BLOCKED, "defer"));

        @Test
        void mailShouldBeDeferredWith451WhileTheTrailIsUnwritableAndAcceptedOnceItIsBack() throws Exception {
            String mail = customerMail("Printer on fire");

            SubmissionClient.Reply deferred = new SubmissionClient(server.ports().smtp()).deliver(JANE, SUPPORT, mail);

            assertThat(deferred.code()).isEqualTo(451);
            assertThat(deferred.text()).contains("4.3.0").contains("audit trail is unavailable");

            Files.delete(server.home().root().resolve(BLOCKED));
            SubmissionClient.Reply retried = new SubmissionClient(server.ports().smtp()).deliver(JANE, SUPPORT, mail);

            assertThat(retried.isAccepted()).as("%s", retried).isTrue();
            server.awaitMessages(SUPPORT, ALICE, "INBOX", 1);
            try (ImapTestClient alice = server.imapAsMemberOf(SUPPORT, ALICE)) {
                alice.select("INBOX");
                assertThat(alice.headers("Subject")).containsExactly("[SUP-1] Printer on fire");
            }
        }

        @Test
        void memberChangeShouldBeRefusedWhileTheTrailIsUnwritable() throws Exception {
            try (ImapTestClient alice = ImapTestClient.connect(server.ports().imap())) {
                assertThat(alice.login(SUPPORT + "*" + ALICE, TeamInboxServer.PASSWORD))
                    .as("a login that cannot be audited is refused").isFalse();
                assertThat(alice.lastReply()).as("temporarily, not as bad credentials").contains("[UNAVAILABLE]");
            }
        }
    }

    @Nested
    class Continue {
        @RegisterExtension
        TeamInboxServer server = new TeamInboxServer(auditIn(BLOCKED, "continue"));

        @Test
        void mailShouldFlowAndTheGapBeRecordedOnceTheTrailIsBack() throws Exception {
            SubmissionClient.Reply accepted = new SubmissionClient(server.ports().smtp()).deliver(JANE, SUPPORT, customerMail("Lost records"));
            assertThat(accepted.isAccepted()).as("%s", accepted).isTrue();
            server.awaitMessages(SUPPORT, ALICE, "INBOX", 1);

            Files.delete(server.home().root().resolve(BLOCKED));
            new SubmissionClient(server.ports().smtp()).deliver(JANE, SUPPORT, customerMail("Recorded again"));
            TeamInboxServer.awaitUntil(() -> !AuditRecords.in(server.home().root().resolve(BLOCKED), AuditEventType.TICKET_CREATED).isEmpty(),
                "the second ticket recorded");

            assertThat(AuditRecords.in(server.home().root().resolve(BLOCKED), AuditEventType.AUDIT_GAP)).singleElement()
                .satisfies(gap -> assertThat(Long.parseLong(gap.details().get("lost"))).isGreaterThanOrEqualTo(3));
        }
    }
}
