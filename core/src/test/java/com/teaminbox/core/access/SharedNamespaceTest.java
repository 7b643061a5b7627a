package com.teaminbox.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.Test;

class SharedNamespaceTest {
    private static final MailAddress SUPPORT = address("support@example.test");
    private static final MailAddress SALES = address("sales@example.test");
    private static final SharedNamespace NAMESPACE = SharedNamespace.of(List.of(SUPPORT, SALES), '.');

    @Test
    void sharedMailboxShouldBeShownByItsLocalPart() {
        assertThat(NAMESPACE.prefix()).isEqualTo("Shared.");
        assertThat(NAMESPACE.levelName(SUPPORT)).contains("Shared.support");
        assertThat(NAMESPACE.visibleName(SUPPORT, "Billing")).contains("Shared.support.Billing");
    }

    @Test
    void folderOfSharedMailboxShouldResolveToItsNameThere() {
        assertThat(NAMESPACE.resolve("Shared.support.INBOX"))
            .isEqualTo(new SharedNamespace.Resolution(SharedNamespace.Kind.SHARED, Optional.of(SUPPORT), "INBOX"));
        assertThat(NAMESPACE.resolve("Shared.sales.Billing.2026"))
            .isEqualTo(new SharedNamespace.Resolution(SharedNamespace.Kind.SHARED, Optional.of(SALES), "Billing.2026"));
    }

    @Test
    void namesOutsideThePrefixShouldBePersonal() {
        assertThat(NAMESPACE.resolve("INBOX").kind()).isEqualTo(SharedNamespace.Kind.PERSONAL);
        assertThat(NAMESPACE.resolve("Shared Stuff").kind()).isEqualTo(SharedNamespace.Kind.PERSONAL);
        assertThat(NAMESPACE.resolve("shared.support.INBOX").kind()).as("names are case-sensitive").isEqualTo(SharedNamespace.Kind.PERSONAL);
    }

    @Test
    void namespaceLevelsAndUnknownNamesShouldLeadNowhere() {
        assertThat(NAMESPACE.resolve("Shared").kind()).isEqualTo(SharedNamespace.Kind.NAMESPACE);
        assertThat(NAMESPACE.resolve("Shared.support").kind()).isEqualTo(SharedNamespace.Kind.NAMESPACE);
        assertThat(NAMESPACE.resolve("Shared.support.").kind()).isEqualTo(SharedNamespace.Kind.NAMESPACE);
        assertThat(NAMESPACE.resolve("Shared.hr.INBOX").kind()).isEqualTo(SharedNamespace.Kind.NAMESPACE);
        assertThat(NAMESPACE.resolve("Shared.").kind()).isEqualTo(SharedNamespace.Kind.NAMESPACE);
    }

    @Test
    void sameLocalPartInTwoDomainsShouldShowBothWholeAddresses() {
        MailAddress other = address("support@other.test");
        SharedNamespace namespace = SharedNamespace.of(List.of(SUPPORT, other, SALES), '.');

        assertThat(namespace.levelName(SUPPORT)).contains("Shared.support@example_test");
        assertThat(namespace.levelName(other)).contains("Shared.support@other_test");
        assertThat(namespace.levelName(SALES)).contains("Shared.sales");
        assertThat(namespace.resolve("Shared.support@other_test.INBOX").sharedMailbox()).contains(other);
    }

    @Test
    void delimiterInLocalPartShouldNotMakeALevel() {
        MailAddress team = address("team.support@example.test");
        SharedNamespace namespace = SharedNamespace.of(List.of(team), '.');

        assertThat(namespace.levelName(team)).contains("Shared.team_support");
        assertThat(namespace.resolve("Shared.team_support.INBOX").sharedMailbox()).contains(team);
    }

    @Test
    void unknownSharedMailboxShouldHaveNoName() {
        assertThat(NAMESPACE.levelName(address("hr@example.test"))).isEmpty();
    }

    @Test
    void listPatternsShouldFollowRfc3501Wildcards() {
        assertThat(NAMESPACE.matches("", "*", "Shared.support.INBOX")).isTrue();
        assertThat(NAMESPACE.matches("", "%", "Shared")).isTrue();
        assertThat(NAMESPACE.matches("", "%", "Shared.support")).isFalse();
        assertThat(NAMESPACE.matches("", "Shared.%", "Shared.support")).isTrue();
        assertThat(NAMESPACE.matches("Shared.", "%", "Shared.support")).isTrue();
        assertThat(NAMESPACE.matches("", "Shared.support.%", "Shared.support.Billing")).isTrue();
        assertThat(NAMESPACE.matches("", "Shared.support.%", "Shared.support.Billing.2026")).isFalse();
        assertThat(NAMESPACE.matches("", "Shared.support.INBOX", "Shared.support.INBOX")).isTrue();
        assertThat(NAMESPACE.matches("", "S(h)ared.*", "Shared.support")).as("other characters are literal").isFalse();
        assertThat(NAMESPACE.matches("", "", "Shared")).isFalse();
    }

    private static MailAddress address(String text) {
        try {
            return new MailAddress(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
