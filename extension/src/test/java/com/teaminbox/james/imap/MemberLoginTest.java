package com.teaminbox.james.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.mailbox.Authenticator;
import org.apache.james.user.api.UsersRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.access.LoginThrottlePolicy;
import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.core.config.SharedMailboxesConfigurationParser;
import com.teaminbox.james.MovableClock;
import com.teaminbox.james.common.SharedAccounts;
import com.teaminbox.james.configuration.SharedMailboxesConfigurationStore;

/**
 * The decisions of a member login that a client cannot see: how many password checks each
 * refusal costs, when the throttle answers instead, and how many audit records failures leave.
 */
class MemberLoginTest {
    private static final String XML = "<shared-mailboxes>\n"
        + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
        + "    <member address=\"alice@example.test\" role=\"full\"/>\n"
        + "  </shared-mailbox>\n"
        + "</shared-mailboxes>\n";
    private static final SharedMailboxesConfiguration CONFIGURATION = new SharedMailboxesConfigurationParser()
        .parse(new ByteArrayInputStream(XML.getBytes(StandardCharsets.UTF_8)), "shared-mailboxes.xml");
    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final String REMOTE = "192.0.2.7";
    private static final Set<String> USERS = Set.of("alice@example.test", "support@example.test");

    private final List<Username> passwordChecks = new ArrayList<>();
    private final List<AuditEvent> records = new ArrayList<>();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T10:00:00Z"));
    private MemberLoginThrottle throttle;
    private MemberLogin memberLogin;

    @BeforeEach
    void setUp() throws Exception {
        SharedMailboxesConfigurationStore store = mock(SharedMailboxesConfigurationStore.class);
        when(store.current()).thenReturn(CONFIGURATION);
        UsersRepository users = mock(UsersRepository.class);
        when(users.getUsername(any())).thenAnswer(invocation -> Username.of(invocation.<MailAddress>getArgument(0).asString()));
        when(users.contains(any())).thenAnswer(invocation -> USERS.contains(invocation.<Username>getArgument(0).asString()));
        Authenticator authenticator = (user, password) -> {
            passwordChecks.add(user);
            return user.asString().equals("alice@example.test") && password.toString().equals("demo");
        };
        MemberAudit audit = new MemberAudit(records::add, store);
        throttle = new MemberLoginThrottle(new LoginThrottlePolicy(3, 10, WINDOW, 100), clock, audit);
        memberLogin = new MemberLogin(store, authenticator, users, new SharedAccounts(users), audit, throttle);
    }

    @AfterEach
    void tearDown() {
        throttle.close();
    }

    @Test
    void anUnknownUserShouldCostOnePasswordCheckAsAWrongPasswordDoes() throws Exception {
        assertThat(open("nobody@example.test", "demo").result()).isEqualTo(MemberLogin.Result.FAILED);
        assertThat(open("alice@example.test", "wrong").result()).isEqualTo(MemberLogin.Result.FAILED);

        assertThat(passwordChecks).extracting(Username::asString)
            .as("the unknown name's password is checked against the shared account, whose secret never matches")
            .containsExactly("support@example.test", "alice@example.test");
    }

    @Test
    void theRightPasswordShouldOpenTheSharedMailbox() throws Exception {
        MemberLogin.Outcome outcome = open("alice@example.test", "demo");

        assertThat(outcome.result()).isEqualTo(MemberLogin.Result.OPENED);
        assertThat(outcome.session().orElseThrow().getUser().asString()).isEqualTo("support@example.test");
        assertThat(records).extracting(record -> record.type() + " " + record.details().get(MemberAudit.REMOTE))
            .containsExactly("login-accepted " + REMOTE);
    }

    @Test
    void aThrottledAttemptShouldBeRefusedWithoutCheckingItsPassword() throws Exception {
        for (int attempt = 0; attempt < 3; attempt++) {
            open("alice@example.test", "wrong");
        }
        passwordChecks.clear();

        assertThat(open("alice@example.test", "demo").result()).isEqualTo(MemberLogin.Result.THROTTLED);
        assertThat(passwordChecks).isEmpty();
    }

    @Test
    void anUnknownNameShouldBeThrottledAfterAsManyFailuresAsAKnownOne() throws Exception {
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThat(open("nobody@example.test", "demo").result()).isEqualTo(MemberLogin.Result.FAILED);
            assertThat(open("alice@example.test", "wrong").result()).isEqualTo(MemberLogin.Result.FAILED);
        }

        assertThat(open("nobody@example.test", "demo").result()).isEqualTo(MemberLogin.Result.THROTTLED);
        assertThat(open("alice@example.test", "wrong").result()).isEqualTo(MemberLogin.Result.THROTTLED);
    }

    @Test
    void repeatedFailuresShouldLeaveOneRecordEachUnderTheLimitThenOnePerWindow() throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            open("alice@example.test", "guess" + attempt);
        }
        assertThat(refusals()).as("the failures under the limit, each with its reason").hasSize(3)
            .allMatch(record -> record.reason().orElseThrow().equals("bad credentials"));

        clock.advance(WINDOW);
        throttle.recordClosedWindows();

        assertThat(refusals()).hasSize(4);
        AuditEvent aggregated = refusals().get(3);
        assertThat(aggregated.actor().name()).isEqualTo("alice@example.test");
        assertThat(aggregated.reason()).contains("throttled");
        assertThat(aggregated.details()).containsEntry(AuditEvent.ATTEMPTS, "47").containsEntry(MemberAudit.REMOTE, REMOTE);
        assertThat(aggregated.weight()).isEqualTo(47);
    }

    @Test
    void malformedNamesShouldBeThrottledPerAddress() {
        for (int attempt = 0; attempt < 10; attempt++) {
            assertThat(memberLogin.refuseMalformed("LOGIN", "a**b", "-", "malformed", REMOTE).result()).isEqualTo(MemberLogin.Result.FAILED);
        }

        assertThat(memberLogin.refuseMalformed("LOGIN", "a**b", "-", "malformed", REMOTE).result()).isEqualTo(MemberLogin.Result.THROTTLED);
        assertThat(memberLogin.refuseMalformed("LOGIN", "a**b", "-", "malformed", "192.0.2.8").result()).isEqualTo(MemberLogin.Result.FAILED);
    }

    @Test
    void stoppingShouldRecordTheRefusalsOfOpenWindows() throws Exception {
        for (int attempt = 0; attempt < 5; attempt++) {
            open("alice@example.test", "wrong");
        }

        throttle.close();

        assertThat(refusals()).hasSize(4);
        assertThat(refusals().get(3).details()).containsEntry(AuditEvent.ATTEMPTS, "2");
    }

    private MemberLogin.Outcome open(String member, String password) throws Exception {
        return memberLogin.open(new MailAddress("support@example.test"), new MailAddress(member), password, "LOGIN", REMOTE);
    }

    private List<AuditEvent> refusals() {
        return records.stream().filter(record -> record.type() == AuditEventType.LOGIN_REFUSED).toList();
    }
}
