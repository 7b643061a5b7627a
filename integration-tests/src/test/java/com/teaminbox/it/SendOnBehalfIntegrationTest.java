package com.teaminbox.it;

import static com.teaminbox.it.SendPermissionsIntegrationTest.assertRefused;
import static com.teaminbox.it.Submissions.SUPPORT;
import static com.teaminbox.it.Submissions.assertOnlyDelivered;
import static com.teaminbox.it.Submissions.submit;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A send-on-behalf member (not in the demo's file): From: support@ only with Sender: themselves. */
class SendOnBehalfIntegrationTest {
    private static final String DAVE = "dave@example.test";
    private static final String XML = "<shared-mailboxes>\n"
        + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
        + "    <member address=\"alice@example.test\" role=\"full\"/>\n"
        + "    <member address=\"dave@example.test\" role=\"send-on-behalf\"/>\n"
        + "  </shared-mailbox>\n"
        + "</shared-mailboxes>\n";

    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer(home -> home.withSharedMailboxes(XML));

    @Test
    void sendOnBehalfMemberShouldNameThemselvesAsSender() throws Exception {
        assertRefused(submit(server, DAVE, SUPPORT, DAVE, Optional.empty(), "envelope"), "MAIL",
            "550 5.7.1 dave@example.test may not use support@example.test as envelope sender (MAIL FROM): "
                + "role send-on-behalf sends on behalf of the shared mailbox, not as it");
        assertRefused(submit(server, DAVE, DAVE, SUPPORT, Optional.empty(), "from"), "DATA",
            "550 5.7.1 dave@example.test may send on behalf of support@example.test only with Sender: dave@example.test");
        assertThat(submit(server, DAVE, DAVE, SUPPORT, Optional.of(DAVE), "on behalf").isAccepted()).isTrue();

        assertOnlyDelivered(server, DAVE, List.of("on behalf"));
    }
}
