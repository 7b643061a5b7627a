package com.teaminbox.james.smtp;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.james.core.Username;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.utils.BaseFakeSMTPSession;

import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditTrail;
import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.core.config.SharedMailboxesConfigurationParser;
import com.teaminbox.james.configuration.SharedMailboxesConfigurationStore;

/** What a hook needs around it in a unit test: a configuration in force, a trail that remembers, an SMTP session. */
final class HookFixture {
    final List<AuditEvent> recorded = new ArrayList<>();
    final AuditTrail trail = recorded::add;
    final SmtpAudit audit = new SmtpAudit(trail);
    final SharedMailboxesConfigurationStore store;

    HookFixture(String sharedMailboxesXml) {
        SharedMailboxesConfiguration configuration = new SharedMailboxesConfigurationParser()
            .parse(new ByteArrayInputStream(sharedMailboxesXml.getBytes(StandardCharsets.UTF_8)), "shared-mailboxes.xml");
        store = mock(SharedMailboxesConfigurationStore.class);
        when(store.current()).thenReturn(configuration);
        when(store.inForce()).thenReturn(Optional.of(configuration));
    }

    /** support@ with alice full, carol send-as, bob read-only; the subject convention and spoofing policy as given. */
    static String support(String attributes, String inside) {
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

    static SMTPSession session(Optional<String> authenticatedAs) {
        return new BaseFakeSMTPSession() {
            private Username username = authenticatedAs.map(Username::of).orElse(null);

            @Override
            public Username getUsername() {
                return username;
            }

            @Override
            public void setUsername(Username username) {
                this.username = username;
            }

            @Override
            public InetSocketAddress getRemoteAddress() {
                return new InetSocketAddress("192.0.2.7", 40125);
            }
        };
    }
}
