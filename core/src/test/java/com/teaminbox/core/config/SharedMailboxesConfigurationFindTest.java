package com.teaminbox.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.Test;

/** Every recipient of every mail is looked up here: each spelling of one mailbox must find it, and only it. */
class SharedMailboxesConfigurationFindTest {
    private static final SharedMailboxesConfiguration CONFIGURATION = new SharedMailboxesConfigurationParser()
        .parse(new ByteArrayInputStream(("<shared-mailboxes>\n"
            + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\"/>\n"
            + "  <shared-mailbox address=\"Sales@Example.Test\" ticket-prefix=\"SAL\"/>\n"
            + "</shared-mailboxes>\n").getBytes(StandardCharsets.UTF_8)), "shared-mailboxes.xml");

    @Test
    void findShouldIgnoreTheCaseOfTheAddressAndOfTheConfiguration() throws AddressException {
        assertThat(prefixOf("SUPPORT@example.TEST")).isEqualTo("SUP");
        assertThat(prefixOf("sales@example.test")).isEqualTo("SAL");
        assertThat(prefixOf("Sales@Example.Test")).isEqualTo("SAL");
    }

    @Test
    void findShouldUnquoteALocalPartThatNeedsNoQuotes() throws AddressException {
        assertThat(prefixOf("\"Support\"@example.test")).isEqualTo("SUP");
    }

    @Test
    void findShouldNotTakeAnotherMailboxForAShared() throws AddressException {
        assertThat(CONFIGURATION.find(new MailAddress("support@example.org"))).isEmpty();
        assertThat(CONFIGURATION.find(new MailAddress("support2@example.test"))).isEmpty();
        assertThat(CONFIGURATION.find(new MailAddress("\"support team\"@example.test"))).isEmpty();
        assertThat(CONFIGURATION.isSharedMailbox(new MailAddress("alice@example.test"))).isFalse();
    }

    private static String prefixOf(String address) throws AddressException {
        return CONFIGURATION.find(new MailAddress(address)).orElseThrow().ticketPrefix().toString();
    }
}
