package com.teaminbox.core.autoreply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AutoResponseGovernorTest {
    private static final String SUPPORT = "support@example.test";
    private static final String JANE = "jane@customer.test";

    private static MailAddress address(String value) {
        try {
            return new MailAddress(value);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static final AutoResponseGovernor GOVERNOR = new AutoResponseGovernor(address(SUPPORT),
        Set.of(address(SUPPORT), address("sales@example.test")));

    /** A plain customer mail to support@, plus the given "Name: value" header lines. */
    private static HeaderFields headers(String... extra) {
        HeaderFields.Builder builder = HeaderFields.builder()
            .add("From", "Jane Doe <" + JANE + ">")
            .add("To", "Support <" + SUPPORT + ">")
            .add("Subject", "Printer broken")
            .add("Content-Type", "text/plain; charset=UTF-8");
        for (String line : extra) {
            int colon = line.indexOf(':');
            builder.add(line.substring(0, colon), line.substring(colon + 1).strip());
        }
        return builder.build();
    }

    private static AutoResponseDecision decide(String sender, HeaderFields headers) {
        return GOVERNOR.decide(Optional.of(address(sender)), headers);
    }

    static Stream<Arguments> suppressedHeaders() {
        return Stream.of(
            Arguments.of("Return-Path: <>", SuppressionReason.NULL_REVERSE_PATH),
            Arguments.of("Return-Path: < > (bounce)", SuppressionReason.NULL_REVERSE_PATH),
            Arguments.of("Auto-Submitted: yes", SuppressionReason.AUTO_SUBMITTED),
            Arguments.of("Auto-Submitted: auto-replied", SuppressionReason.AUTO_SUBMITTED),
            Arguments.of("Auto-Submitted: AUTO-GENERATED", SuppressionReason.AUTO_SUBMITTED),
            Arguments.of("Auto-Submitted: auto-replied; owner-email=\"x@example.org\"", SuppressionReason.AUTO_SUBMITTED),
            Arguments.of("Auto-Submitted: auto-generated (bot)", SuppressionReason.AUTO_SUBMITTED),
            Arguments.of("Auto-Submitted: (no) auto-notified", SuppressionReason.AUTO_SUBMITTED),
            Arguments.of("Auto-Submitted:", SuppressionReason.AUTO_SUBMITTED),
            Arguments.of("Precedence: bulk", SuppressionReason.PRECEDENCE),
            Arguments.of("Precedence: JUNK", SuppressionReason.PRECEDENCE),
            Arguments.of("Precedence: list (mailman)", SuppressionReason.PRECEDENCE),
            Arguments.of("List-Id: <users.lists.example.org>", SuppressionReason.MAILING_LIST),
            Arguments.of("List-Help: <mailto:help@lists.example.org>", SuppressionReason.MAILING_LIST),
            Arguments.of("List-Unsubscribe: <mailto:leave@lists.example.org>", SuppressionReason.MAILING_LIST),
            Arguments.of("List-Post: NO", SuppressionReason.MAILING_LIST),
            Arguments.of("List-Owner: <mailto:owner@lists.example.org>", SuppressionReason.MAILING_LIST),
            Arguments.of("List-Archive: <https://lists.example.org/>", SuppressionReason.MAILING_LIST),
            Arguments.of("list-subscribe: <mailto:join@lists.example.org>", SuppressionReason.MAILING_LIST),
            Arguments.of("X-Auto-Response-Suppress: All", SuppressionReason.RESPONSE_SUPPRESSED),
            Arguments.of("X-Auto-Response-Suppress: DR, RN, NRN, OOF", SuppressionReason.RESPONSE_SUPPRESSED),
            Arguments.of("X-Auto-Response-Suppress: DR,autoreply", SuppressionReason.RESPONSE_SUPPRESSED),
            Arguments.of("X-Auto-Response-Suppress: oof", SuppressionReason.RESPONSE_SUPPRESSED),
            Arguments.of("Content-Type: Multipart/Report; report-type=delivery-status; boundary=x", SuppressionReason.DELIVERY_REPORT),
            Arguments.of("Content-Type: multipart/report; report-type=disposition-notification", SuppressionReason.DELIVERY_REPORT));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("suppressedHeaders")
    void headerShouldSuppressTheResponse(String header, SuppressionReason reason) {
        HeaderFields fields = header.startsWith("Content-Type")
            ? withContentType(header.substring("Content-Type:".length()).strip())
            : headers(header);

        assertThat(decide(JANE, fields).reason()).contains(reason);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("suppressedHeaders")
    void decisionShouldNeedNoHeaderOutsideThoseItDeclaresRead(String header, SuppressionReason reason) {
        int colon = header.indexOf(':');
        HeaderFields.Builder builder = HeaderFields.builder().only(AutoResponseGovernor.HEADERS_READ)
            .add(header.substring(0, colon), header.substring(colon + 1).strip());
        if (!header.startsWith("Content-Type")) {
            builder.add("From", "Jane Doe <" + JANE + ">").add("To", "Support <" + SUPPORT + ">");
        } else {
            builder.add("From", JANE).add("To", SUPPORT);
        }

        // HeaderFields gathered "only" these names throws when asked for another: the governor asks for none.
        assertThat(decide(JANE, builder.build()).reason()).contains(reason);
        assertThat(decide(JANE, HeaderFields.builder().only(AutoResponseGovernor.HEADERS_READ)
            .add("From", JANE).add("To", SUPPORT).build())).isEqualTo(AutoResponseDecision.reply());
    }

    /**
     * The address lists and Return-Path are read in loops now, as the regular expressions read
     * them before ({@code [\\s<>(),;:"\\[\\]]+} split, {@code \\s} removed): compared on random
     * header values made of the characters that matter, and on a few odd ones.
     */
    @Test
    void addressesAndBlanksShouldBeReadAsTheRegularExpressionsReadThem() {
        Pattern separators = Pattern.compile("[\\s<>(),;:\"\\[\\]]+");
        Pattern blanks = Pattern.compile("\\s");
        String alphabet = "ab.@@ \t\n\u000B\f\r<>(),;:\"[]\\\u00A0\u2028\u3000x";
        Random random = new Random(18);
        List<String> values = new ArrayList<>(List.of("", "@", "a@", "@a", "a@b", " a@b ", "<a@b>,<c@d>", "a@b@c", "(x@y) a@b",
            "a\u000Bb@c", "Support\f<support@example.test>", "[support@example.test]", "<\u000B>", "< (c) >"));
        for (int value = 0; value < 20_000; value++) {
            StringBuilder text = new StringBuilder();
            for (int length = random.nextInt(24); length > 0; length--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            values.add(text.toString());
        }
        for (String value : values) {
            String text = AutoResponseGovernor.withoutComments(value);
            List<String> expected = new ArrayList<>();
            for (String token : separators.split(text)) {
                int at = token.indexOf('@');
                if (at > 0 && at < token.length() - 1) {
                    expected.add(token);
                }
            }
            assertThat(AutoResponseGovernor.addressesIn(value)).as("addresses in '%s'", value).isEqualTo(expected);
            assertThat(AutoResponseGovernor.withoutBlanks(text)).as("'%s' without blanks", text)
                .isEqualTo(blanks.matcher(text).replaceAll(""));
        }
    }

    /** The value handed back as it is when it holds no comment equals what the full scan builds. */
    @Test
    void commentsShouldBeRemovedAsTheFullScanRemovesThem() {
        String alphabet = "ab@ ()\\)x";
        Random random = new Random(18);
        for (int value = 0; value < 20_000; value++) {
            StringBuilder text = new StringBuilder();
            for (int length = random.nextInt(16); length > 0; length--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertThat(AutoResponseGovernor.withoutComments(text.toString())).as("'%s'", text).isEqualTo(scannedWithoutComments(text.toString()));
        }
    }

    /** The scan of {@code withoutComments}, character by character, for every value. */
    private static String scannedWithoutComments(String value) {
        StringBuilder text = new StringBuilder(value.length());
        int depth = 0;
        for (int index = 0; index < value.length(); index++) {
            char current = value.charAt(index);
            if (current == '\\' && index + 1 < value.length()) {
                if (depth == 0) {
                    text.append(current).append(value.charAt(index + 1));
                }
                index++;
            } else if (current == '(') {
                depth++;
            } else if (current == ')' && depth > 0) {
                depth--;
                if (depth == 0) {
                    text.append(' ');
                }
            } else if (depth == 0) {
                text.append(current);
            }
        }
        return text.toString();
    }

    @Test
    void headerFieldsShouldKeepEveryOccurrenceInOrderAndNameTheirHeadersSorted() {
        HeaderFields fields = HeaderFields.builder().add("To", "b@x.test").add("From", JANE).add("to", "c@x.test").add("Cc", "d@x.test").build();

        assertThat(fields.all("TO")).containsExactly("b@x.test", "c@x.test");
        assertThat(fields.all("from")).containsExactly(JANE);
        assertThat(fields).hasToString("HeaderFields[cc, from, to]");
    }

    @Test
    void headerNamesPreparedOnceShouldGatherAndRefuseAsNamesGivenEachTime() {
        HeaderFields.Names names = HeaderFields.Names.of(List.of("From", "Auto-Submitted"));
        HeaderFields fields = HeaderFields.builder().only(names).add("from", JANE).build();

        assertThat(names.asList()).containsExactly("From", "Auto-Submitted");
        assertThat(fields.all("FROM")).containsExactly(JANE);
        assertThat(fields.all("auto-submitted")).isEmpty();
        assertThatThrownBy(() -> fields.all("Subject"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("Subject");
    }

    @Test
    void headerFieldsGatheredForSomeNamesShouldRefuseToAnswerForOthers() {
        HeaderFields fields = HeaderFields.builder().only(List.of("From")).add("From", JANE).build();

        assertThat(fields.all("FROM")).containsExactly(JANE);
        assertThatThrownBy(() -> fields.all("Subject"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("Subject");
    }

    private static HeaderFields withContentType(String contentType) {
        return HeaderFields.builder().add("From", JANE).add("To", SUPPORT).add("Content-Type", contentType).build();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Auto-Submitted: no", "Auto-Submitted: No (a person)", "Precedence: normal",
        "Precedence: first-class", "X-Auto-Response-Suppress: None", "X-Auto-Response-Suppress: DR, RN, NRN",
        "Return-Path: <jane@customer.test>"})
    void harmlessHeaderShouldStillGetAReply(String header) {
        assertThat(decide(JANE, headers(header))).isEqualTo(AutoResponseDecision.reply());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"MAILER-DAEMON@customer.test", "postmaster@customer.test", "LISTSERV@lists.example.org",
        "majordomo@lists.example.org", "owner-users@lists.example.org", "users-request@lists.example.org",
        "noreply@shop.example.org", "No-Reply@shop.example.org", "NOREPLY@shop.example.org"})
    void systemEnvelopeSenderShouldNotGetAReply(String sender) {
        assertThat(decide(sender, headers()).reason()).contains(SuppressionReason.SYSTEM_SENDER);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"owner@customer.test", "request@customer.test", "noreplyneeded@customer.test", "jane-owner@customer.test"})
    void senderMerelyResemblingASystemOneShouldGetAReply(String sender) {
        assertThat(decide(sender, headers()).shouldReply()).isTrue();
    }

    @ParameterizedTest(name = "From: {0}")
    @ValueSource(strings = {"\"Shop\" <no-reply@shop.example.org>", "Mailer-Daemon@customer.test (Mail Delivery System)"})
    void systemFromHeaderShouldNotGetAReplyEvenWithAPersonalEnvelope(String from) {
        HeaderFields fields = HeaderFields.builder().add("From", from).add("To", SUPPORT).build();

        assertThat(decide(JANE, fields).reason()).contains(SuppressionReason.SYSTEM_SENDER);
    }

    @Test
    void nullReversePathShouldNotGetAReply() {
        assertThat(GOVERNOR.decide(Optional.empty(), headers()).reason()).contains(SuppressionReason.NULL_REVERSE_PATH);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {SUPPORT, "Support@Example.TEST", "sales@example.test"})
    void ourOwnSharedMailboxesShouldNeverGetAReply(String sender) {
        assertThat(decide(sender, headers()).reason()).contains(SuppressionReason.OUR_OWN_MAILBOX);
    }

    @Test
    void ourSharedMailboxInFromShouldNotGetAReply() {
        HeaderFields fields = HeaderFields.builder().add("From", "Sales <sales@example.test>").add("To", SUPPORT).build();

        assertThat(decide(JANE, fields).reason()).contains(SuppressionReason.OUR_OWN_MAILBOX);
    }

    static Stream<Arguments> addressing() {
        return Stream.of(
            Arguments.of("To", "support@example.test", true),
            Arguments.of("To", "\"Team, Support\" <SUPPORT@example.test>, bob@example.org", true),
            Arguments.of("Cc", "support@example.test (the team)", true),
            Arguments.of("Resent-To", "<support@example.test>", true),
            Arguments.of("Resent-Cc", "x@example.org, support@example.test", true),
            Arguments.of("To", "undisclosed-recipients:;", false),
            Arguments.of("To", "other-support@example.test", false),
            Arguments.of("Bcc", "support@example.test", false),
            Arguments.of("Reply-To", "support@example.test", false));
    }

    @ParameterizedTest(name = "{0}: {1} -> reply {2}")
    @MethodSource("addressing")
    void sharedAddressShouldBeInToCcResentToOrResentCc(String header, String value, boolean replies) {
        HeaderFields fields = HeaderFields.builder().add("From", JANE).add(header, value).build();

        AutoResponseDecision decision = decide(JANE, fields);

        if (replies) {
            assertThat(decision.shouldReply()).isTrue();
        } else {
            assertThat(decision.reason()).contains(SuppressionReason.NOT_ADDRESSED);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Auto-Submitted: (a (nested) comment) auto-generated", "Auto-Submitted: auto-generated (unclosed",
        "Precedence: (x) bulk (y)", "Precedence:   BULK  "})
    void commentsShouldNeverHideAnAutomaticMail(String header) {
        assertThat(decide(JANE, headers(header)).shouldReply()).isFalse();
    }

    @Test
    void commentsShouldBeRemovedWithNestingQuotedPairsAndUnclosedOnes() {
        assertThat(AutoResponseGovernor.withoutComments("a (b (c) d) e")).isEqualTo("a   e");
        assertThat(AutoResponseGovernor.withoutComments("a \\( b")).isEqualTo("a \\( b");
        assertThat(AutoResponseGovernor.withoutComments("a (b")).isEqualTo("a ");
    }

    @Test
    void hostileHeadersShouldBeDecidedInLinearTime() {
        String longToken = "a".repeat(200_000);
        String deepComments = "(".repeat(100_000) + ")".repeat(100_000);
        HeaderFields fields = HeaderFields.builder()
            .add("From", longToken).add("Sender", deepComments)
            .add("To", longToken + " " + deepComments + " " + SUPPORT)
            .add("Auto-Submitted", deepComments + " no")
            .add("X-Auto-Response-Suppress", longToken)
            .build();

        assertTimeoutPreemptively(Duration.ofSeconds(2), () ->
            assertThat(decide(JANE, fields).shouldReply()).isTrue());
    }

    @Test
    void suppressionShouldNameTheOffendingValueOnOneLine() {
        AutoResponseDecision decision = decide(JANE, headers("Auto-Submitted: auto-generated\r\n (bot)"));

        assertThat(decision.detail()).isEqualTo("Auto-Submitted: auto-generated (bot)");
        assertThat(decision.toString()).startsWith("suppress AUTO_SUBMITTED (Auto-Submitted: auto-generated (bot)): ")
            .contains("RFC 3834");
    }

    /** As the regular expression it replaced: {@code \\p{Cntrl}} made a space, stripped, cut at 80 characters. */
    @ParameterizedTest
    @ValueSource(strings = {"auto-replied", "  bulk\t", "a\u0000b\u001Fc\u007Fd\u0080e", "\r\n folded\r\n value ", "é\u2028x", ""})
    void shortenedShouldMakeControlsSpacesAsTheRegularExpressionDid(String value) {
        assertThat(AutoResponseGovernor.shortened(value)).isEqualTo(shortenedByRegex(value));
    }

    @Test
    void shortenedShouldCutLongValuesAsTheRegularExpressionDid() {
        Random random = new Random(18);
        for (int run = 0; run < 500; run++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(120);
            for (int index = 0; index < length; index++) {
                value.append((char) random.nextInt(0x90));
            }
            assertThat(AutoResponseGovernor.shortened(value.toString())).isEqualTo(shortenedByRegex(value.toString()));
        }
    }

    private static String shortenedByRegex(String value) {
        String line = Pattern.compile("\\p{Cntrl}").matcher(value).replaceAll(" ").strip();
        return line.length() > 80 ? line.substring(0, 80) + "…" : line;
    }
}
