package com.teaminbox.james.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.james.ConfigurationFixture;

class KnownMessageIdsTest {
    private static final SharedMailbox SUPPORT = ConfigurationFixture.sharedMailbox("support@example.test", "SUP");
    private static final SharedMailbox SALES = ConfigurationFixture.sharedMailbox("sales@example.test", "SAL");

    /** As a Message-ID header may write it, and as In-Reply-To/References quote it: one key. */
    @ParameterizedTest
    @ValueSource(strings = {"<abc@example.test>", " <abc@example.test> ", "<abc@example.test> (Jane's client)",
        "(comment) <abc@example.test>", "abc@example.test", "\r\n <abc@example.test>", "<abc@example.test>\t"})
    void everyWritingOfOneIdentifierShouldBeTheSameKey(String headerValue) {
        assertThat(MessageIdDigests.normalized(headerValue)).isEqualTo("<abc@example.test>");
    }

    /** What the bracket expression finds first, where the value is not one plain {@code <...>}. */
    @ParameterizedTest
    @ValueSource(strings = {"<a b@example.test>", "<<abc@example.test>", "<abc@example.test>>", "<>", "< >", "<\u000Babc>"})
    void oddValuesShouldBeNormalizedAsTheBracketExpressionReadsThem(String headerValue) {
        assertThat(MessageIdDigests.normalized(headerValue)).isEqualTo(switch (headerValue) {
            case "<a b@example.test>" -> "<a b@example.test>";
            case "<<abc@example.test>", "<abc@example.test>>" -> "<abc@example.test>";
            case "<\u000Babc>" -> "<abc>";
            default -> "<>";
        });
    }

    @Test
    void anIdentifierOfTheLongestBracketedLengthShouldBeKeptWhole() {
        String longest = "<" + "a".repeat(250) + ">";
        String tooLong = "<" + "a".repeat(251) + ">";

        assertThat(MessageIdDigests.normalized(longest)).isEqualTo(longest);
        // 251 characters are more than one identifier may hold: not bracketed as a whole, so bracketed again
        assertThat(MessageIdDigests.normalized(tooLong)).isEqualTo("<" + "a".repeat(251) + ">");
    }

    /** The keys are stored cluster-wide (NotificationRegistry): a key written before must still be found. */
    @Test
    void keysShouldKeepTheStoredFormat() throws Exception {
        assertThat(KnownMessageIds.key(KnownMessageIds.Fact.CARRIES_TICKET, SUPPORT, "<abc@example.test> (client)").getIdentifier())
            .isEqualTo("teaminbox-message-ticketed:support@example.test:" + sha256("<abc@example.test>"));
        assertThat(KnownMessageIds.key(KnownMessageIds.Fact.OPENED_TICKET, SUPPORT, "abc@example.test").getIdentifier())
            .isEqualTo("teaminbox-message-opened:support@example.test:" + sha256("<abc@example.test>"));
        assertThat(KnownMessageIds.backfillKey(KnownMessageIds.Backfill.IDENTIFIERS, SUPPORT).getIdentifier())
            .isEqualTo("teaminbox-message-ids-backfilled:support@example.test");
        assertThat(KnownMessageIds.backfillKey(KnownMessageIds.Backfill.TICKETS, SUPPORT).getIdentifier())
            .isEqualTo("teaminbox-message-tickets-backfilled:support@example.test");
        assertThat(TicketOrigins.key("<abc@example.test>").asString())
            .isEqualTo("/private/vendor/teaminbox/ticketorigin/" + sha256("<abc@example.test>"));
    }

    /** The keys looked up and written are the stored format, whichever shared mailbox and fact was named before. */
    @Test
    void keysOfAlternatingSharedMailboxesAndFactsShouldKeepTheStoredFormat() {
        KnownMessageIds known = new KnownMessageIds(null);
        for (SharedMailbox mailbox : new SharedMailbox[] {SUPPORT, SALES, SALES, SUPPORT}) {
            for (KnownMessageIds.Fact fact : KnownMessageIds.Fact.values()) {
                for (String messageId : new String[] {"<a@example.test>", "<b@example.test>"}) {
                    assertThat(known.keyOf(fact, mailbox, messageId)).isEqualTo(KnownMessageIds.key(fact, mailbox, messageId));
                }
            }
        }
    }

    /** Each thread remembers the last identifier it hashed: another identifier, then the first again, must each get their own. */
    @Test
    void digestsOfSuccessiveIdentifiersShouldNotMix() throws Exception {
        assertThat(MessageIdDigests.of("<a@example.test>")).isEqualTo(sha256("<a@example.test>"));
        assertThat(MessageIdDigests.of("<b@example.test>")).isEqualTo(sha256("<b@example.test>"));
        assertThat(MessageIdDigests.of("b@example.test")).isEqualTo(sha256("<b@example.test>"));
        assertThat(MessageIdDigests.of("<a@example.test>")).isEqualTo(sha256("<a@example.test>"));
        assertThat(MessageIdDigests.of("<a@example.test>")).isEqualTo(sha256("<a@example.test>"));
    }

    @Test
    void threadsShouldEachGetTheirOwnDigest() throws Exception {
        String[] other = new String[1];
        Thread thread = new Thread(() -> other[0] = MessageIdDigests.of("<b@example.test>"));
        MessageIdDigests.of("<a@example.test>");
        thread.start();
        thread.join();

        assertThat(other[0]).isEqualTo(sha256("<b@example.test>"));
        assertThat(MessageIdDigests.of("<a@example.test>")).isEqualTo(sha256("<a@example.test>"));
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
