package com.teaminbox.james;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.core.config.SharedMailboxesConfigurationParser;
import com.teaminbox.james.configuration.SharedMailboxesConfigurationStore;

/** A configuration store holding the given shared-mailboxes.xml, for unit tests of mailets and hooks. */
public final class ConfigurationFixture {
    private ConfigurationFixture() {
    }

    public static SharedMailboxesConfigurationStore inForce(String sharedMailboxesXml) {
        SharedMailboxesConfiguration configuration = parse(sharedMailboxesXml);
        SharedMailboxesConfigurationStore store = mock(SharedMailboxesConfigurationStore.class);
        when(store.current()).thenReturn(configuration);
        when(store.inForce()).thenReturn(Optional.of(configuration));
        return store;
    }

    /** The given shared-mailboxes.xml in force, as mailets see it: through the interface, not the store. */
    public static ConfigurationInForce configuration(String sharedMailboxesXml) {
        SharedMailboxesConfiguration configuration = parse(sharedMailboxesXml);
        return () -> configuration;
    }

    private static SharedMailboxesConfiguration parse(String sharedMailboxesXml) {
        return new SharedMailboxesConfigurationParser()
            .parse(new ByteArrayInputStream(sharedMailboxesXml.getBytes(StandardCharsets.UTF_8)), "shared-mailboxes.xml");
    }

    /** One shared mailbox with alice as its only member (full), as the ticket memory's tests need it. */
    public static SharedMailbox sharedMailbox(String address, String ticketPrefix) {
        return configuration("""
            <shared-mailboxes>
              <shared-mailbox address="%s" ticket-prefix="%s">
                <member address="alice@example.test" role="full"/>
              </shared-mailbox>
            </shared-mailboxes>
            """.formatted(address, ticketPrefix)).current().sharedMailboxes().get(0);
    }

    /** support@ (SUP) with alice full, carol send-as, bob read-only; extra attributes and children as given. */
    public static String support(String attributes, String inside) {
        return """
            <shared-mailboxes>
              <shared-mailbox address="support@example.test" ticket-prefix="SUP" %s>
                <member address="alice@example.test" role="full"/>
                <member address="carol@example.test" role="send-as"/>
                <member address="bob@example.test" role="read-only"/>
                %s
              </shared-mailbox>
            </shared-mailboxes>
            """.formatted(attributes, inside);
    }
}
