package com.teaminbox.it;

import static com.teaminbox.it.Submissions.SUPPORT;
import static com.teaminbox.it.Submissions.assertOnlyDelivered;
import static com.teaminbox.it.Submissions.submit;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo's roles on the submission port, over a raw SMTP dialogue with AUTH: a shared address
 * in MAIL FROM, From: or Sender: is accepted as the role allows, or refused with 550 5.7.1 at the
 * step that used it, and a refused mail is never delivered.
 */
class SendPermissionsIntegrationTest {
    private static final String ALICE = "alice@example.test";
    private static final String BOB = "bob@example.test";
    private static final String CAROL = "carol@example.test";
    private static final String DAVE = "dave@example.test";

    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer();

    @Test
    void fullMemberShouldSendAsSupportAndOnBehalfOfIt() throws Exception {
        assertThat(submit(server, ALICE, SUPPORT, ALICE, Optional.empty(), "envelope").isAccepted()).isTrue();
        assertThat(submit(server, ALICE, ALICE, SUPPORT, Optional.empty(), "from").isAccepted()).isTrue();
        assertThat(submit(server, ALICE, ALICE, SUPPORT, Optional.of(ALICE), "on behalf").isAccepted()).isTrue();

        assertOnlyDelivered(server, ALICE, List.of("envelope", "from", "on behalf"));
    }

    @Test
    void sendAsMemberShouldSendAsSupportAndOnBehalfOfIt() throws Exception {
        assertThat(submit(server, CAROL, SUPPORT, CAROL, Optional.empty(), "envelope").isAccepted()).isTrue();
        assertThat(submit(server, CAROL, CAROL, SUPPORT, Optional.empty(), "from").isAccepted()).isTrue();
        assertThat(submit(server, CAROL, CAROL, SUPPORT, Optional.of(CAROL), "on behalf").isAccepted()).isTrue();

        assertOnlyDelivered(server, CAROL, List.of("envelope", "from", "on behalf"));
    }

    @Test
    void readOnlyMemberShouldBeRefusedDuringTheDialogue() throws Exception {
        String reason = "550 5.7.1 bob@example.test may not send as support@example.test (role read-only has no send permission)";

        assertRefused(submit(server, BOB, SUPPORT, BOB, Optional.empty(), "envelope"), "MAIL", reason);
        assertRefused(submit(server, BOB, BOB, SUPPORT, Optional.empty(), "from"), "DATA", reason);
        assertRefused(submit(server, BOB, BOB, SUPPORT, Optional.of(BOB), "on behalf"), "DATA", reason);

        assertOnlyDelivered(server, BOB, List.of());
    }

    @Test
    void nonMemberShouldBeRefusedDuringTheDialogue() throws Exception {
        String reason = "550 5.7.1 dave@example.test may not send as support@example.test (not a member)";

        assertRefused(submit(server, DAVE, SUPPORT, DAVE, Optional.empty(), "envelope"), "MAIL", reason);
        assertRefused(submit(server, DAVE, DAVE, SUPPORT, Optional.empty(), "from"), "DATA", reason);
        assertRefused(submit(server, DAVE, DAVE, SUPPORT, Optional.of(DAVE), "on behalf"), "DATA", reason);
        assertRefused(submit(server, DAVE, DAVE, DAVE, Optional.of(SUPPORT), "sender only"), "DATA", reason);
        // What the recipient reads counts: a display name, or a header too broken to parse.
        assertRefused(submit(server, DAVE, DAVE, "\"support@example.test\" <dave@example.test>", Optional.empty(), "display name"),
            "DATA", reason);
        assertRefused(submit(server, DAVE, DAVE, "Support <support@example.test", Optional.empty(), "malformed"), "DATA", reason);
        assertRefused(submit(server, DAVE, DAVE, "=?UTF-8?Q?support=40example.test?= <dave@example.test>", Optional.empty(),
            "encoded display name"), "DATA", reason);

        assertOnlyDelivered(server, DAVE, List.of());
    }

    @Test
    void memberOfAnotherSharedMailboxShouldNotSendAsIt() throws Exception {
        assertRefused(submit(server, ALICE, "sales@example.test", ALICE, Optional.empty(), "envelope"), "MAIL",
            "550 5.7.1 alice@example.test may not send as sales@example.test (role read-only has no send permission)");
    }

    @Test
    void personalMailShouldStillBeCheckedByJames() throws Exception {
        SubmissionClient.Reply reply = submit(server, DAVE, ALICE, DAVE, Optional.empty(), "someone else's address");

        assertThat(reply.command()).isEqualTo("MAIL");
        assertThat(reply.code()).as("James's own identity check, %s", reply).isGreaterThanOrEqualTo(500);
    }

    static void assertRefused(SubmissionClient.Reply reply, String step, String expectedText) {
        assertThat(reply.command()).as("the refusing step of %s", reply).isEqualTo(step);
        assertThat(reply.code()).isEqualTo(550);
        assertThat(reply.text()).isEqualTo(expectedText);
    }
}
