package com.teaminbox.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final LoginThrottlePolicy POLICY = new LoginThrottlePolicy(3, 5, WINDOW, 100);
    private static final Optional<String> ALICE = Optional.of("alice@example.test");
    private static final Optional<String> NOBODY = Optional.of("nobody@example.test");
    private static final String HOME = "192.0.2.1";
    private static final String ELSEWHERE = "192.0.2.2";

    private final LoginThrottle throttle = new LoginThrottle(POLICY);

    @Test
    void aMemberShouldBeAdmittedUnderTheLimit() {
        fail(ALICE, HOME, 2);

        assertThat(throttle.admit(ALICE, HOME, T0)).isTrue();
    }

    @Test
    void aMemberShouldBeThrottledAtTheLimitFromAnyAddress() {
        fail(ALICE, HOME, 3);

        assertThat(throttle.admit(ALICE, ELSEWHERE, T0)).isFalse();
        assertThat(throttle.admit(Optional.of("ALICE@example.test"), ELSEWHERE, T0)).as("names compare without case").isFalse();
        assertThat(throttle.admit(Optional.of("bob@example.test"), ELSEWHERE, T0)).as("another member").isTrue();
    }

    @Test
    void anUnknownNameShouldBeThrottledExactlyAsAKnownOne() {
        fail(NOBODY, HOME, 3);
        fail(ALICE, ELSEWHERE, 3);

        assertThat(throttle.admit(NOBODY, "192.0.2.3", T0)).isFalse();
        assertThat(throttle.admit(ALICE, "192.0.2.3", T0)).isFalse();
    }

    @Test
    void anAddressShouldBeThrottledAtItsLimitWhateverTheNames() {
        for (int attempt = 0; attempt < 5; attempt++) {
            throttle.failed(Optional.of("guess" + attempt + "@example.test"), HOME, T0);
        }

        assertThat(throttle.admit(ALICE, HOME, T0)).isFalse();
        assertThat(throttle.admit(Optional.empty(), HOME, T0)).as("a name that could not be read").isFalse();
        assertThat(throttle.admit(ALICE, ELSEWHERE, T0)).isTrue();
    }

    @Test
    void anIpv6HostShouldNotEscapeItsAddressLimitByChangingAddressInsideItsSlash64() {
        for (int attempt = 0; attempt < 5; attempt++) {
            throttle.failed(Optional.of("guess" + attempt + "@example.test"), "2001:db8:1:2::" + (attempt + 1), T0);
        }

        assertThat(throttle.admit(ALICE, "2001:db8:1:2:ffff::99", T0)).isFalse();
        assertThat(throttle.admit(ALICE, "2001:db8:1:3::1", T0)).as("another /64").isTrue();
    }

    @Test
    void malformedNamesShouldCountAgainstTheAddressOnly() {
        for (int attempt = 0; attempt < 5; attempt++) {
            throttle.failed(Optional.empty(), HOME, T0);
        }

        assertThat(throttle.admit(Optional.empty(), HOME, T0)).isFalse();
        assertThat(throttle.admit(Optional.empty(), ELSEWHERE, T0)).isTrue();
    }

    @Test
    void theThrottleShouldEndWithItsWindow() {
        fail(ALICE, HOME, 3);

        assertThat(throttle.admit(ALICE, HOME, T0.plus(WINDOW).minusSeconds(1))).isFalse();
        assertThat(throttle.admit(ALICE, HOME, T0.plus(WINDOW))).isTrue();
    }

    @Test
    void aWindowShouldStartAtItsFirstFailure() {
        throttle.failed(ALICE, HOME, T0);
        throttle.failed(ALICE, HOME, T0.plus(WINDOW).minusSeconds(1));
        throttle.failed(ALICE, HOME, T0.plus(WINDOW));

        assertThat(throttle.admit(ALICE, HOME, T0.plus(WINDOW))).as("the third failure opened a new window").isTrue();
    }

    @Test
    void aSuccessShouldForgetTheMembersFailuresButNotTheAddresss() {
        fail(ALICE, HOME, 2);
        throttle.succeeded("alice@example.test", T0);
        fail(ALICE, HOME, 2);

        assertThat(throttle.admit(ALICE, ELSEWHERE, T0)).isTrue();
        throttle.failed(NOBODY, HOME, T0);
        assertThat(throttle.admit(Optional.of("bob@example.test"), HOME, T0)).as("five failures from HOME in all").isFalse();
    }

    @Test
    void refusedAttemptsShouldBeReportedOnceWhenTheirWindowCloses() {
        fail(ALICE, HOME, 3);
        for (int attempt = 0; attempt < 10; attempt++) {
            throttle.admit(ALICE, attempt % 2 == 0 ? HOME : ELSEWHERE, T0.plusSeconds(attempt));
        }

        assertThat(throttle.drainClosed(T0.plus(WINDOW).minusSeconds(1))).as("window still open").isEmpty();
        assertThat(throttle.drainClosed(T0.plus(WINDOW))).singleElement().satisfies(summary -> {
            assertThat(summary.kind()).isEqualTo(LoginThrottle.Kind.MEMBER);
            assertThat(summary.key()).isEqualTo("alice@example.test");
            assertThat(summary.attempts()).isEqualTo(10);
            assertThat(summary.first()).isEqualTo(T0);
            assertThat(summary.last()).isEqualTo(T0.plusSeconds(9));
            assertThat(summary.others()).containsExactly(HOME, ELSEWHERE);
        });
        assertThat(throttle.drainClosed(T0.plus(WINDOW).plusSeconds(1))).as("reported once").isEmpty();
    }

    @Test
    void aWindowClosedByALaterAttemptShouldStillBeReported() {
        fail(ALICE, HOME, 3);
        throttle.admit(ALICE, HOME, T0);

        assertThat(throttle.admit(ALICE, HOME, T0.plus(WINDOW))).isTrue();
        assertThat(throttle.drainClosed(T0.plus(WINDOW))).extracting(ThrottledAttempts::attempts).containsExactly(1);
    }

    @Test
    void addressThrottledAttemptsShouldBeReportedUnderTheAddressWithTheNamesTried() {
        for (int attempt = 0; attempt < 5; attempt++) {
            throttle.failed(Optional.of("guess" + attempt + "@example.test"), HOME, T0);
        }
        throttle.admit(ALICE, HOME, T0);
        throttle.admit(Optional.empty(), HOME, T0);

        assertThat(throttle.drainClosed(T0.plus(WINDOW))).singleElement().satisfies(summary -> {
            assertThat(summary.kind()).isEqualTo(LoginThrottle.Kind.ADDRESS);
            assertThat(summary.key()).isEqualTo(HOME);
            assertThat(summary.attempts()).isEqualTo(2);
            assertThat(summary.others()).hasSize(LoginThrottle.MAX_OTHERS).contains("guess0@example.test");
        });
    }

    @Test
    void closingAllShouldReportOpenWindowsToo() {
        fail(ALICE, HOME, 3);
        throttle.admit(ALICE, HOME, T0);

        assertThat(throttle.closeAll()).extracting(ThrottledAttempts::key).containsExactly("alice@example.test");
        assertThat(throttle.trackedKeys()).isZero();
    }

    @Test
    void windowsWithoutRefusalsShouldCloseSilently() {
        fail(ALICE, HOME, 2);

        assertThat(throttle.drainClosed(T0.plus(WINDOW))).isEmpty();
        assertThat(throttle.trackedKeys()).isZero();
    }

    @Test
    void memoryShouldStayBoundedWhenNamesChurn() {
        LoginThrottle bounded = new LoginThrottle(new LoginThrottlePolicy(3, 1_000_000, WINDOW, 10));
        for (int attempt = 0; attempt < 1_000; attempt++) {
            bounded.failed(Optional.of("guess" + attempt + "@example.test"), HOME, T0);
        }

        assertThat(bounded.trackedKeys()).isLessThanOrEqualTo(10);
    }

    @Test
    void droppingAThrottledWindowForRoomShouldStillReportItsRefusals() {
        LoginThrottle bounded = new LoginThrottle(new LoginThrottlePolicy(1, 1_000_000, WINDOW, 2));
        bounded.failed(ALICE, HOME, T0);
        bounded.admit(ALICE, HOME, T0);
        bounded.failed(NOBODY, ELSEWHERE, T0);

        assertThat(bounded.drainClosed(T0)).extracting(ThrottledAttempts::key).containsExactly("alice@example.test");
    }

    @Test
    void policyShouldRefuseLimitsThatCannotWork() {
        assertThatThrownBy(() -> new LoginThrottlePolicy(0, 1, WINDOW, 1)).hasMessageContaining("at least 1: 0, 1");
        assertThatThrownBy(() -> new LoginThrottlePolicy(1, 1, Duration.ZERO, 1)).hasMessageContaining("window must be positive: PT0S");
        assertThatThrownBy(() -> new LoginThrottlePolicy(1, 1, WINDOW, 0)).hasMessageContaining("maxTrackedKeys");
    }

    private void fail(Optional<String> member, String address, int times) {
        for (int attempt = 0; attempt < times; attempt++) {
            throttle.failed(member, address, T0);
        }
    }
}
