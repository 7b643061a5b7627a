package com.teaminbox.james.smtp;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.james.core.Username;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.utils.BaseFakeSMTPSession;

import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditTrail;
import com.teaminbox.james.ConfigurationFixture;
import com.teaminbox.james.configuration.SharedMailboxesConfigurationStore;

/** What a hook needs around it in a unit test: a configuration in force, a trail that remembers, an SMTP session. */
final class HookFixture {
    final List<AuditEvent> recorded = new ArrayList<>();
    final AuditTrail trail = recorded::add;
    final SmtpAudit audit = new SmtpAudit(trail);
    final SharedMailboxesConfigurationStore store;

    HookFixture(String sharedMailboxesXml) {
        store = ConfigurationFixture.inForce(sharedMailboxesXml);
    }

    static String support(String attributes, String inside) {
        return ConfigurationFixture.support(attributes, inside);
    }

    static SMTPSession session(Optional<String> authenticatedAs) {
        return new BaseFakeSMTPSession() {
            private final Map<AttachmentKey<?>, Object> attachments = new HashMap<>();
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

            @Override
            public <T> Optional<T> setAttachment(AttachmentKey<T> key, T value, State state) {
                return key.convert(attachments.put(key, value));
            }

            @Override
            public <T> Optional<T> removeAttachment(AttachmentKey<T> key, State state) {
                return key.convert(attachments.remove(key));
            }

            @Override
            public <T> Optional<T> getAttachment(AttachmentKey<T> key, State state) {
                return key.convert(attachments.get(key));
            }
        };
    }
}
