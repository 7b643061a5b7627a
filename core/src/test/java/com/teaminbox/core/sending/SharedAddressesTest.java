package com.teaminbox.core.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.core.config.SharedMailboxesConfigurationParser;

class SharedAddressesTest {
    private static final SharedMailboxesConfiguration CONFIGURATION = configuration();
    private static final SharedAddresses OURS = SharedAddresses.of(CONFIGURATION);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "support@example.test",
        "SUPPORT@Example.TEST",
        "\"support\"@example.test",
        "\"Support\"@example.test",
        "sales@example.test",
        "\"two words\"@example.test",
        "dave@example.test",
        "support@example.testing",
        "support-team@example.test",
    })
    void findShouldAnswerAsTheConfigurationDoes(String address) throws Exception {
        MailAddress mailAddress = new MailAddress(address);

        assertThat(OURS.find(mailAddress)).isEqualTo(CONFIGURATION.find(mailAddress));
    }

    @Test
    void findShouldKnowEverySpellingOfASharedAddress() throws Exception {
        assertThat(OURS.find(new MailAddress("Support@Example.Test")).map(mailbox -> mailbox.address().asString())).contains("support@example.test");
        assertThat(OURS.find(new MailAddress("\"sales\"@example.test")).map(mailbox -> mailbox.address().asString())).contains("sales@example.test");
    }

    @Test
    void findSpellingShouldTakeTheLowerCaseTextShownAddressesFinds() {
        assertThat(ShownAddresses.spellings("Support <SUPPORT@example.test.>")).containsExactly("support@example.test");
        assertThat(OURS.findSpelling("support@example.test").map(mailbox -> mailbox.address().asString())).contains("support@example.test");
        assertThat(OURS.findSpelling("dave@example.test")).isEmpty();
        assertThat(OURS.findSpelling("not an address")).isEqualTo(Optional.empty());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "Jane Doe <jane@customer.test>",
        "Support <SUPPORT@example.test.>",
        "\"support@example.test\" <jane@customer.test>",
        "=?UTF-8?Q?sales=40example.test?=, support(x)@example.test",
        "Team <sup\u200Bport@example.test>, \"sales\"@Example.Test, support@example.test",
        "dave@example.test, support@example.testing",
        "",
    })
    void addShownShouldClaimWhatTheSpellingsFind(String headerValue) {
        Set<SharedMailbox> expected = new LinkedHashSet<>();
        for (String spelling : ShownAddresses.spellings(headerValue)) {
            OURS.findSpelling(spelling).ifPresent(expected::add);
        }
        Set<SharedMailbox> claimed = new LinkedHashSet<>();

        OURS.addShown(headerValue, claimed);

        assertThat(List.copyOf(claimed)).isEqualTo(List.copyOf(expected));
    }

    @Test
    void addShownShouldClaimEachSharedMailboxInTheOrderFirstShown() {
        Set<SharedMailbox> claimed = new LinkedHashSet<>();

        OURS.addShown("Sales <sales@example.test>, =?UTF-8?Q?support=40example.test?=, SALES@example.test", claimed);

        assertThat(claimed).extracting(mailbox -> mailbox.address().asString())
            .containsExactly("sales@example.test", "support@example.test");
    }

    @Test
    void anIndexShouldBelongToTheConfigurationItWasBuiltFrom() {
        assertThat(OURS.isOf(CONFIGURATION)).isTrue();
        assertThat(OURS.isOf(configuration())).as("a reload's new configuration, even an equal one").isFalse();
    }

    private static SharedMailboxesConfiguration configuration() {
        String xml = "<shared-mailboxes>\n"
            + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\"/>\n"
            + "  <shared-mailbox address=\"Sales@Example.Test\" ticket-prefix=\"SAL\"/>\n"
            + "</shared-mailboxes>\n";
        return new SharedMailboxesConfigurationParser()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "shared-mailboxes.xml");
    }
}
