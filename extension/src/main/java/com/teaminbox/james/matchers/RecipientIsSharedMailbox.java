package com.teaminbox.james.matchers;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.mailet.base.GenericRecipientMatcher;

import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.james.configuration.DeploymentChecks;

/**
 * Matches the recipients that are shared mailboxes of {@code shared-mailboxes.xml}; James splits
 * the mail so that only those go on to our processor.
 * <pre>{@code
 * <mailet match="com.teaminbox.james.matchers.RecipientIsSharedMailbox" class="ToProcessor">
 *   <processor>shared-mailbox</processor>
 * </mailet>
 * }</pre>
 */
public class RecipientIsSharedMailbox extends GenericRecipientMatcher {
    private final ConfigurationInForce configurationStore;
    private final DeploymentChecks deploymentChecks;

    @Inject
    public RecipientIsSharedMailbox(ConfigurationInForce configurationStore, DeploymentChecks deploymentChecks) {
        this.configurationStore = configurationStore;
        this.deploymentChecks = deploymentChecks;
    }

    /**
     * Without our startable in {@code extensions.properties}, nothing would be provisioned and
     * nothing checked, while this matcher sends mail on as if it were: James must not start so.
     */
    @Override
    public void init() {
        deploymentChecks.requireStartable();
    }

    @Override
    public boolean matchRecipient(MailAddress recipient) {
        return configurationStore.current().isSharedMailbox(recipient);
    }
}
