package com.teaminbox.core.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.teaminbox.core.config.SharedMailboxesConfigurationParser;
import com.teaminbox.core.sending.SendDecision.Outcome;

class SendRulesTest {
    private static final String XML = "<shared-mailboxes>\n"
        + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
        + "    <member address=\"alice@example.test\" role=\"full\"/>\n"
        + "    <member address=\"bob@example.test\" role=\"read-only\"/>\n"
        + "    <member address=\"carol@example.test\" role=\"send-as\"/>\n"
        + "    <member address=\"erin@example.test\" role=\"send-on-behalf\"/>\n"
        + "  </shared-mailbox>\n"
        + "  <shared-mailbox address=\"sales@example.test\" ticket-prefix=\"SAL\">\n"
        + "    <member address=\"bob@example.test\" role=\"full\"/>\n"
        + "  </shared-mailbox>\n"
        + "</shared-mailboxes>\n";

    private final SendRules rules = new SendRules(new SharedMailboxesConfigurationParser()
        .parse(new ByteArrayInputStream(XML.getBytes(StandardCharsets.UTF_8)), "shared-mailboxes.xml"));

    @ParameterizedTest(name = "{0} MAIL FROM:<{1}> -> {2}")
    @CsvSource(delimiter = '|', value = {
        "alice@example.test|support@example.test|ACCEPTED",
        "carol@example.test|support@example.test|ACCEPTED",
        "carol@example.test|SUPPORT@Example.Test|ACCEPTED",
        "erin@example.test |support@example.test|REFUSED",
        "bob@example.test  |support@example.test|REFUSED",
        "dave@example.test |support@example.test|REFUSED",
        "bob@example.test  |sales@example.test  |ACCEPTED",
        "alice@example.test|sales@example.test  |REFUSED",
        "dave@example.test |dave@example.test   |NO_SHARED_ADDRESS",
        // a quoted local part is the same mailbox (RFC 5321 4.1.2)
        "dave@example.test |\"support\"@example.test|REFUSED",
        "carol@example.test|\"Support\"@example.test|ACCEPTED",
    })
    void envelopeSenderShouldFollowTheRolesSendPermission(String member, String envelopeSender, Outcome expected) {
        assertThat(rules.envelope(member(member), Optional.of(address(envelopeSender))).outcome()).isEqualTo(expected);
    }

    @Test
    void nullReversePathShouldInvolveNoSharedAddress() {
        assertThat(rules.envelope(member("dave@example.test"), Optional.empty())).isEqualTo(SendDecision.noSharedAddress());
    }

    @ParameterizedTest(name = "{0} From: {1} Sender: {2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // send-as (full and send-as): From the shared address, with or without themselves as Sender
        "alice@example.test|support@example.test|-                   |ACCEPTED",
        "alice@example.test|support@example.test|alice@example.test  |ACCEPTED",
        "carol@example.test|support@example.test|-                   |ACCEPTED",
        "carol@example.test|support@example.test|carol@example.test  |ACCEPTED",
        "carol@example.test|carol@example.test  |support@example.test|ACCEPTED",
        // send-on-behalf: only with Sender: the member
        "erin@example.test |support@example.test|erin@example.test   |ACCEPTED",
        "erin@example.test |support@example.test|ERIN@example.test   |ACCEPTED",
        "erin@example.test |support@example.test|-                   |REFUSED",
        "erin@example.test |support@example.test|carol@example.test  |REFUSED",
        "erin@example.test |erin@example.test   |support@example.test|REFUSED",
        // no send permission, or not a member
        "bob@example.test  |support@example.test|-                   |REFUSED",
        "bob@example.test  |support@example.test|bob@example.test    |REFUSED",
        "dave@example.test |support@example.test|dave@example.test   |REFUSED",
        "dave@example.test |dave@example.test   |support@example.test|REFUSED",
        // every shared address in From counts
        "bob@example.test  |sales@example.test,support@example.test|-|REFUSED",
        "alice@example.test|sales@example.test,support@example.test|-|REFUSED",
        // personal mail is none of our business
        "dave@example.test |dave@example.test   |-                   |NO_SHARED_ADDRESS",
        "dave@example.test |jane@customer.test  |dave@example.test   |NO_SHARED_ADDRESS",
        // every shared address in Sender counts too (a display name can carry one)
        "erin@example.test |support@example.test|erin@example.test,support@example.test|REFUSED",
        "carol@example.test|support@example.test|carol@example.test,support@example.test|ACCEPTED",
    })
    void headersShouldFollowTheRolesSendPermission(String member, String from, String sender, Outcome expected) {
        assertThat(rules.headers(member(member), addresses(from), addresses(sender)).outcome())
            .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} From: {1} Resent-From: {2} Resent-Sender: {3} -> {4}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // A resent block follows the From:/Sender: rules as a pair of its own (RFC 5322 3.6.6).
        "carol@example.test|carol@example.test|support@example.test|-                   |ACCEPTED",
        "erin@example.test |erin@example.test |support@example.test|erin@example.test   |ACCEPTED",
        "erin@example.test |erin@example.test |support@example.test|-                   |REFUSED",
        "erin@example.test |erin@example.test |erin@example.test   |support@example.test|REFUSED",
        "dave@example.test |dave@example.test |support@example.test|-                   |REFUSED",
        "dave@example.test |dave@example.test |dave@example.test   |support@example.test|REFUSED",
        "bob@example.test  |bob@example.test  |support@example.test|bob@example.test    |REFUSED",
        // a permitted resent block does not excuse the original's From:
        "erin@example.test |support@example.test|support@example.test|erin@example.test |REFUSED",
        // a permitted original does not excuse the resent block
        "bob@example.test  |sales@example.test|support@example.test|-                   |REFUSED",
        "bob@example.test  |sales@example.test|-                   |-                   |ACCEPTED",
        "dave@example.test |dave@example.test |jane@customer.test  |dave@example.test   |NO_SHARED_ADDRESS",
    })
    void resentHeadersShouldFollowTheRolesSendPermission(String member, String from, String resentFrom, String resentSender,
                                                         Outcome expected) {
        AuthorHeaders headers = new AuthorHeaders(addresses(from), List.of(), addresses(resentFrom), addresses(resentSender));

        assertThat(rules.headers(member(member), headers).outcome()).isEqualTo(expected);
    }

    @Test
    void unauthenticatedClientShouldNotUseASharedAddressInResentHeaders() {
        AuthorHeaders headers = new AuthorHeaders(List.of(address("jane@customer.test")), List.of(), List.of(),
            List.of(address("support@example.test")));

        assertThat(rules.headers(Optional.empty(), headers).reason()).contains("authentication is required to send as support@example.test");
    }

    @Test
    void refusalOfANonMemberShouldNameMemberAndSharedAddress() {
        SendDecision decision = rules.headers(member("dave@example.test"), List.of(address("support@example.test")), List.of());

        assertThat(decision.reason()).contains("dave@example.test may not send as support@example.test (not a member)");
    }

    @Test
    void refusalOfAReadOnlyMemberShouldNameTheRole() {
        SendDecision decision = rules.envelope(member("bob@example.test"), Optional.of(address("support@example.test")));

        assertThat(decision.reason()).contains("bob@example.test may not send as support@example.test (role read-only has no send permission)");
    }

    @Test
    void refusalOfAnOnBehalfMemberWithoutSenderShouldSayWhatIsMissing() {
        SendDecision decision = rules.headers(member("erin@example.test"), List.of(address("support@example.test")), List.of());

        assertThat(decision.reason()).contains("erin@example.test may send on behalf of support@example.test only with Sender: erin@example.test");
    }

    @Test
    void refusalOfAnOnBehalfMemberAsEnvelopeSenderShouldExplainOnBehalf() {
        SendDecision decision = rules.envelope(member("erin@example.test"), Optional.of(address("support@example.test")));

        assertThat(decision.reason()).contains("erin@example.test may not use support@example.test as envelope sender (MAIL FROM): "
            + "role send-on-behalf sends on behalf of the shared mailbox, not as it");
    }

    @Test
    void acceptedDecisionShouldHaveNoReason() {
        assertThat(rules.envelope(member("carol@example.test"), Optional.of(address("support@example.test"))).reason()).isEmpty();
    }

    @Test
    void unauthenticatedClientShouldNotUseASharedAddress() {
        assertThat(rules.envelope(Optional.empty(), Optional.of(address("support@example.test"))).reason())
            .contains("authentication is required to send as support@example.test");
        assertThat(rules.headers(Optional.empty(), List.of(address("jane@customer.test")), List.of(address("sales@example.test"))).reason())
            .contains("authentication is required to send as sales@example.test");
    }

    @Test
    void unauthenticatedClientShouldBeFreeWithOtherAddresses() {
        assertThat(rules.headers(Optional.empty(), List.of(address("jane@customer.test")), List.of()))
            .isEqualTo(SendDecision.noSharedAddress());
    }

    private static List<MailAddress> addresses(String commaSeparated) {
        if (commaSeparated == null) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(SendRulesTest::address).collect(Collectors.toList());
    }

    private static Optional<MailAddress> member(String text) {
        return Optional.of(address(text));
    }

    private static MailAddress address(String text) {
        try {
            return new MailAddress(text.strip());
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
