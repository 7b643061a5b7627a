package com.teaminbox.james.matchers;

import javax.inject.Inject;

import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.james.configuration.DeploymentChecks;
import com.teaminbox.matchers.IsSharedMailbox;

/**
 * Matches the recipients that are shared mailboxes of {@code shared-mailboxes.xml}; James splits
 * the mail so that only those go on to our processor. It is {@link IsSharedMailbox} plus the start
 * check that makes our processor safe to reach.
 * <pre>{@code
 * <mailet match="com.teaminbox.james.matchers.RecipientIsSharedMailbox" class="ToProcessor">
 *   <processor>shared-mailbox</processor>
 * </mailet>
 * }</pre>
 */
public class RecipientIsSharedMailbox extends IsSharedMailbox {
    private final DeploymentChecks deploymentChecks;

    @Inject
    public RecipientIsSharedMailbox(ConfigurationInForce configurationStore, DeploymentChecks deploymentChecks) {
        super(configurationStore);
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
}
