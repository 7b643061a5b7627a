package com.teaminbox.it;

import static com.teaminbox.it.Submissions.SUPPORT;
import static com.teaminbox.it.Submissions.assertOnlyDelivered;
import static com.teaminbox.it.Submissions.submit;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

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

    // One server for the class: each test ends its subjects with its own tag, and checks only those.
    @RegisterExtension
    static TeamInboxServer server = new TeamInboxServer();

    private final String run = " " + UUID.randomUUID();

    @Test
    void fullMemberShouldSendAsSupportAndOnBehalfOfIt() throws Exception {
        assertThat(submit(server, ALICE, SUPPORT, ALICE, Optional.empty(), "envelope" + run).isAccepted()).isTrue();
        assertThat(submit(server, ALICE, ALICE, SUPPORT, Optional.empty(), "from" + run).isAccepted()).isTrue();
        assertThat(submit(server, ALICE, ALICE, SUPPORT, Optional.of(ALICE), "on behalf" + run).isAccepted()).isTrue();

        assertOnlyDelivered(server, ALICE, List.of("envelope" + run, "from" + run, "on behalf" + run), run);
    }

    @Test
    void sendAsMemberShouldSendAsSupportAndOnBehalfOfIt() throws Exception {
        assertThat(submit(server, CAROL, SUPPORT, CAROL, Optional.empty(), "envelope" + run).isAccepted()).isTrue();
        assertThat(submit(server, CAROL, CAROL, SUPPORT, Optional.empty(), "from" + run).isAccepted()).isTrue();
        assertThat(submit(server, CAROL, CAROL, SUPPORT, Optional.of(CAROL), "on behalf" + run).isAccepted()).isTrue();

        assertOnlyDelivered(server, CAROL, List.of("envelope" + run, "from" + run, "on behalf" + run), run);
    }

    @Test
    void readOnlyMemberShouldBeRefusedDuringTheDialogue() throws Exception {
        String reason = "550 5.7.1 bob@example.test may not send as support@example.test (role read-only has no send permission)";

        assertRefused(submit(server, BOB, SUPPORT, BOB, Optional.empty(), "envelope" + run), "MAIL", reason);
        assertRefused(submit(server, BOB, BOB, SUPPORT, Optional.empty(), "from" + run), "DATA", reason);
        assertRefused(submit(server, BOB, BOB, SUPPORT, Optional.of(BOB), "on behalf" + run), "DATA", reason);

        assertOnlyDelivered(server, BOB, List.of(), run);
    }

    @Test
    void nonMemberShouldBeRefusedDuringTheDialogue() throws Exception {
        String reason = "550 5.7.1 dave@example.test may not send as support@example.test (not a member)";

        assertRefused(submit(server, DAVE, SUPPORT, DAVE, Optional.empty(), "envelope" + run), "MAIL", reason);
        assertRefused(submit(server, DAVE, DAVE, SUPPORT, Optional.empty(), "from" + run), "DATA", reason);
        assertRefused(submit(server, DAVE, DAVE, SUPPORT, Optional.of(DAVE), "on behalf" + run), "DATA", reason);
        assertRefused(submit(server, DAVE, DAVE, DAVE, Optional.of(SUPPORT), "sender only" + run), "DATA", reason);
        // What the recipient reads counts: a display name, or a header too broken to parse.
        assertRefused(submit(server, DAVE, DAVE, "\"support@example.test\" <dave@example.test>", Optional.empty(), "display name" + run),
            "DATA", reason);
        assertRefused(submit(server, DAVE, DAVE, "Support <support@example.test", Optional.empty(), "malformed" + run), "DATA", reason);
        assertRefused(submit(server, DAVE, DAVE, "=?UTF-8?Q?support=40example.test?= <dave@example.test>", Optional.empty(),
            "encoded display name" + run), "DATA", reason);

        assertOnlyDelivered(server, DAVE, List.of(), run);
    }

    @Test
    void memberOfAnotherSharedMailboxShouldNotSendAsIt() throws Exception {
        assertRefused(submit(server, ALICE, "sales@example.test", ALICE, Optional.empty(), "envelope" + run), "MAIL",
            "550 5.7.1 alice@example.test may not send as sales@example.test (role read-only has no send permission)");
    }

    @Test
    void personalMailShouldStillBeCheckedByJames() throws Exception {
        SubmissionClient.Reply reply = submit(server, DAVE, ALICE, DAVE, Optional.empty(), "someone else's address" + run);

        assertThat(reply.command()).isEqualTo("MAIL");
        assertThat(reply.code()).as("James's own identity check, %s", reply).isGreaterThanOrEqualTo(500);
    }

    static void assertRefused(SubmissionClient.Reply reply, String step, String expectedText) {
        assertThat(reply.command()).as("the refusing step of %s", reply).isEqualTo(step);
        assertThat(reply.code()).isEqualTo(550);
        assertThat(reply.text()).isEqualTo(expectedText);
    }
}
