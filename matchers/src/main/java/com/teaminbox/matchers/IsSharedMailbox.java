package com.teaminbox.matchers;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.mailet.base.GenericRecipientMatcher;

import com.teaminbox.core.config.ConfigurationInForce;

/**
 * Matches the recipients that are shared mailboxes of {@code shared-mailboxes.xml} (as the
 * configuration in force says; a reload is seen at once). Takes no condition.
 * <pre>{@code
 * <mailet match="com.teaminbox.matchers.IsSharedMailbox" class="ToProcessor">
 *   <processor>shared-mailbox</processor>
 * </mailet>
 * }</pre>
 */
public class IsSharedMailbox extends GenericRecipientMatcher {
    private final ConfigurationInForce configuration;

    @Inject
    public IsSharedMailbox(ConfigurationInForce configuration) {
        this.configuration = configuration;
    }

    @Override
    public boolean matchRecipient(MailAddress recipient) {
        return configuration.current().isSharedMailbox(recipient);
    }

    @Override
    public String getMatcherInfo() {
        return "Recipients that are TeamInbox shared mailboxes";
    }
}
