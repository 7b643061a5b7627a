package com.teaminbox.core.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShownAddressesTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "support@example.test",
        "<support@example.test>",
        "Support <support@example.test>",
        "SUPPORT@EXAMPLE.TEST",
        "Support@Example.Test",
        "<\"support\"@example.test>",
        "\"support\"@example.test",
        "\"SUPPORT\"@example.test",
        "\"sup\\port\"@example.test",
        "support(the team)@example.test",
        "support (x) @ (y) example.test",
        "support @ example . test",
        "support@(comment)example.test",
        "\r\n support@example.test",
        "support@\r\n example.test",
        "support@example.test.",
        "\"support@example.test\" <dave@example.test>",
        "support@example.test <dave@example.test>",
        "Dave (support@example.test) <dave@example.test>",
        "Support <support@example.test",
        "=?UTF-8?Q?support=40example.test?= <dave@example.test>",
        "=?utf-8?b?c3VwcG9ydEBleGFtcGxlLnRlc3Q=?= <dave@example.test>",
        "=?UTF-8?Q?support?=@example.test",
        "<=?UTF-8?Q?support?=@example.test>",
        "=?UTF-8?Q?supp?= =?UTF-8?Q?ort=40example.test?= <dave@example.test>",
        "=?UTF-8?Q?supp?=\r\n =?UTF-8?B?b3J0QGV4YW1wbGUudGVzdA==?= <dave@example.test>",
        "=?UTF-8?Q?support=E2=80=8B=40example.test?= <dave@example.test>",
        "sup\u00ADport@example.test <dave@example.test>",
        "dave@example.test, support@example.test",
        "dave@example.test,support@example.test",
        "team: dave@example.test, support@example.test;",
        "dave@example.test; support@example.test",
    })
    void shouldSeeTheSharedAddressThroughEverySpelling(String headerValue) {
        assertThat(ShownAddresses.in(headerValue)).contains(address("support@example.test"));
        assertThat(ShownAddresses.spellings(headerValue)).as("the spoofing check's view").contains("support@example.test");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "dave@example.test",
        "Support Team <dave@example.test>",
        "\"support\" <dave@example.test>",
        "support-team@example.test",
        "support@example.testing",
        "support@sub.example.test",
        "=?UTF-8?Q?support?= <dave@example.test>",
        "=?unknown-charset?Q?support=40example.test?= <dave@example.test>",
    })
    void shouldNotInventTheSharedAddress(String headerValue) {
        assertThat(ShownAddresses.in(headerValue)).doesNotContain(address("support@example.test"));
        assertThat(ShownAddresses.spellings(headerValue)).as("the spoofing check's view").doesNotContain("support@example.test");
    }

    @Test
    void addressesShouldComeOutLowerCase() {
        assertThat(ShownAddresses.in("Dave <Dave@Example.TEST>")).containsExactly(address("dave@example.test"));
    }

    @Test
    void canonicalShouldDropTheQuotesOfALocalPart() {
        assertThat(ShownAddresses.canonical("\"Support\"@example.test")).contains(address("support@example.test"));
        assertThat(ShownAddresses.canonical("\"two words\"@example.test")).isEmpty();
    }

    @Test
    void brokenEncodedWordsShouldBeKeptAsText() {
        assertThat(ShownAddresses.in("=?UTF-8?Q?=?= <dave@example.test>, =?x?R?abc?= support@example.test"))
            .extracting(MailAddress::asString).contains("dave@example.test", "support@example.test");
    }

    /**
     * 500 header lines of 8 KB with no {@code @}: the former {@code find()} pattern rescanned each
     * run from every start (minutes of CPU); a linear scan takes milliseconds. The bound is two
     * orders of magnitude above that, so it fails only on a quadratic regression.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void hostileHeaderShouldCostLinearTime() {
        String line = "x".repeat(8 * 1024);
        String value = String.join(",\r\n ", Collections.nCopies(500, line));
        String encodedWordStarts = "=?a?q?".repeat(100_000) + " =?a?" + "b".repeat(500_000);
        String comments = "(".repeat(200_000) + "support@example.test";

        assertThat(ShownAddresses.in(value)).isEmpty();
        assertThat(ShownAddresses.in(encodedWordStarts)).isEmpty();
        assertThat(ShownAddresses.in(comments + " " + line + "@" + line)).contains(address("support@example.test"));
    }

    private static MailAddress address(String text) {
        try {
            return new MailAddress(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The scan skips characters below U+00AD without asking their category: none of them is a format character. */
    @Test
    void noCharacterBeforeTheSoftHyphenShouldBeAFormatCharacter() {
        for (char character = 0; character < '\u00AD'; character++) {
            assertThat(Character.getType(character)).as("U+%04X", (int) character).isNotEqualTo((int) Character.FORMAT);
        }
        assertThat(Character.getType('\u00AD')).isEqualTo((int) Character.FORMAT);
    }

    @Test
    void formatCharactersShouldBeDroppedInPlainAndEncodedHeaders() {
        assertThat(ShownAddresses.spellings("Team <sup\u00ADport@example.test>")).contains("support@example.test");
        assertThat(ShownAddresses.spellings("Team <sup\u200Bport@example.test>")).contains("support@example.test");
        assertThat(ShownAddresses.spellings("=?UTF-8?Q?sup=C2=ADport=40example.test?=")).contains("support@example.test");
        assertThat(ShownAddresses.spellings("Jane Doe <jane@customer.test>")).containsExactly("jane@customer.test");
        assertThat(ShownAddresses.spellings("\"sup\\port\"@example.test")).contains("support@example.test");
    }

    /** The shortcut for plain headers finds, in the same order, what building and cutting every view finds. */
    @Test
    void theShortcutForPlainHeadersShouldFindWhatEveryViewFinds() {
        Random random = new Random(18);
        for (int draw = 0; draw < 20_000; draw++) {
            String header = randomHeader(random);
            assertThat(List.copyOf(ShownAddresses.spellings(header))).as(header)
                .isEqualTo(List.copyOf(ShownAddresses.spellingsOfEveryView(header)));
        }
        assertThat(ShownAddresses.spellings("Team <support @example.test>")).contains("support@example.test");
        assertThat(ShownAddresses.spellings("Team <support@ example.test>")).contains("support@example.test");
        assertThat(ShownAddresses.spellings("Team <support@example .test>")).contains("support@example.test");
    }

    /** The spoofing check's walk hands, in order, every spelling the set holds, and nothing else. */
    @Test
    void forEachSpellingShouldHandWhatSpellingsFinds() {
        Random random = new Random(3834);
        for (int draw = 0; draw < 20_000; draw++) {
            String header = randomHeader(random);
            List<String> handed = new ArrayList<>();
            ShownAddresses.forEachSpelling(header, handed::add);
            assertThat(List.copyOf(new LinkedHashSet<>(handed))).as(header).isEqualTo(List.copyOf(ShownAddresses.spellings(header)));
        }
        List<String> handed = new ArrayList<>();
        ShownAddresses.forEachSpelling("=?UTF-8?Q?SUPPORT=40example.test?= <\"sup\\port\"@Example.TEST.>", handed::add);
        assertThat(handed).containsOnly("support@example.test");
    }

    /** Up to 23 characters drawn from those that make or break an address: separators, quotes, encoded-words, invisible ones. */
    private static String randomHeader(Random random) {
        String alphabet = "ab.@ \t\r\n<>\"(),;:\\[]=?Q\u00AD\u200B";
        StringBuilder value = new StringBuilder();
        int length = random.nextInt(24);
        for (int index = 0; index < length; index++) {
            value.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return value.toString();
    }
}
