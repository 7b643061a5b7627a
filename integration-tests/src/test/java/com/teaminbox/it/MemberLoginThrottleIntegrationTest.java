package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.audit.AuditRecord;

/**
 * Failed member logins are throttled per member name (5 per 5 minutes) and per remote address
 * (20), with the same answer for a known and an unknown name, and leave one aggregated audit
 * record per window instead of one per attempt. Time is James's clock, moved by the test.
 */
class MemberLoginThrottleIntegrationTest {
    private static final String SUPPORT = "support@example.test";
    private static final String ALICE = "alice@example.test";
    private static final String PASSWORD = TeamInboxServer.PASSWORD;
    private static final String THROTTLED = "NO [UNAVAILABLE] Too many failed logins; try again later.";
    private static final Duration WINDOW = Duration.ofMinutes(5);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T10:00:00Z"));

    @RegisterExtension
    TeamInboxServer server = TeamInboxServer.overriding(home -> {
    }, binder -> binder.bind(Clock.class).toInstance(clock));

    @Test
    void aMemberShouldBeThrottledAfterFiveFailuresWhateverTheForm() throws Exception {
        for (int attempt = 0; attempt < 5; attempt++) {
            assertThat(attempt % 2 == 0 ? login(ALICE, "guess" + attempt) : authenticate(ALICE, "guess" + attempt)).isEqualTo(
                attempt % 2 == 0 ? "NO LOGIN failed. Invalid login/password." : "NO AUTHENTICATE failed. Authentication failed.");
        }

        assertThat(login(ALICE, PASSWORD)).as("even the right password waits").isEqualTo(THROTTLED);
        assertThat(authenticate(ALICE, PASSWORD)).isEqualTo(THROTTLED);
        assertThat(authenticate("bob@example.test", PASSWORD)).as("another member from the same address").isEqualTo("OK AUTHENTICATE completed.");

        clock.advance(WINDOW);

        assertThat(login(ALICE, PASSWORD)).isEqualTo("OK LOGIN completed.");
    }

    @Test
    void anUnknownNameShouldBeThrottledExactlyAsAKnownOne() throws Exception {
        List<String> unknown = new ArrayList<>();
        List<String> known = new ArrayList<>();
        for (int attempt = 0; attempt < 6; attempt++) {
            unknown.add(login("nobody@example.test", "guess" + attempt));
            known.add(login(ALICE, "guess" + attempt));
        }

        assertThat(unknown).isEqualTo(known).endsWith(THROTTLED).filteredOn(THROTTLED::equals).hasSize(1);
    }

    @Test
    void anAddressShouldBeThrottledAfterTwentyFailuresWhateverTheNames() throws Exception {
        for (int attempt = 0; attempt < 20; attempt++) {
            assertThat(login("guess" + attempt + "@example.test", PASSWORD)).isEqualTo("NO LOGIN failed. Invalid login/password.");
        }

        assertThat(authenticate(ALICE, PASSWORD)).isEqualTo(THROTTLED);
        try (ImapTestClient imap = ImapTestClient.connect(server.ports().imap())) {
            assertThat(imap.login(ALICE, PASSWORD)).as("her own mailbox is James's login, not throttled here").isTrue();
        }

        clock.advance(WINDOW);

        assertThat(authenticate(ALICE, PASSWORD)).isEqualTo("OK AUTHENTICATE completed.");
    }

    @Test
    void repeatedFailuresShouldLeaveOneRecordPerWindowNotOnePerAttempt() throws Exception {
        for (int attempt = 0; attempt < 35; attempt++) {
            login(ALICE, "guess" + attempt);
        }
        assertThat(refusals()).as("the five failures before the throttle, each with its reason").hasSize(5)
            .allSatisfy(record -> assertThat(record.reason()).contains("bad credentials"));

        clock.advance(WINDOW);
        assertThat(login(ALICE, "one more")).isEqualTo("NO LOGIN failed. Invalid login/password.");

        List<AuditRecord> refusals = refusals();
        assertThat(refusals).hasSize(7);
        assertThat(refusals).filteredOn(record -> record.reason().equals(Optional.of("throttled"))).singleElement()
            .satisfies(aggregated -> {
                assertThat(aggregated.actor()).hasToString("member:" + ALICE);
                assertThat(aggregated.details()).containsEntry("attempts", "30").containsEntry("remote", "127.0.0.1");
            });
    }

    private List<AuditRecord> refusals() {
        return AuditRecords.of(server, AuditEventType.LOGIN_REFUSED);
    }

    /** {@code LOGIN target*member}: the tagged answer without its tag. */
    private String login(String member, String password) throws Exception {
        try (ImapTestClient imap = ImapTestClient.connect(server.ports().imap())) {
            imap.login(SUPPORT + "*" + member, password);
            return taggedText(imap.lastReply());
        }
    }

    /** {@code AUTHENTICATE PLAIN} with the combined name and no authorization identity. */
    private String authenticate(String member, String password) throws Exception {
        try (ImapTestClient imap = ImapTestClient.connect(server.ports().imap())) {
            imap.authenticatePlainResponse("\0" + SUPPORT + "*" + member + "\0" + password, true);
            return taggedText(imap.lastReply());
        }
    }

    private static String taggedText(String reply) {
        String[] lines = reply.strip().split("\n");
        String tagged = lines[lines.length - 1].strip();
        return tagged.substring(tagged.indexOf(' ') + 1);
    }
}
