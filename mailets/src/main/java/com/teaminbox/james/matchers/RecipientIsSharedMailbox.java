package com.teaminbox.james.matchers;

import javax.inject.Inject;
import javax.mail.MessagingException;

import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.james.configuration.DeploymentChecks;
import com.teaminbox.matchers.IsSharedMailbox;

/**
 * Matches the recipients that are shared mailboxes of {@code shared-mailboxes.xml}; James splits
 * the mail so that only those go on to our processor. It is {@link IsSharedMailbox} plus the start
 * check that makes our processor safe to reach. Takes no condition (one is refused at start).
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
    public void init() throws MessagingException {
        String condition = getCondition();
        if (condition != null && !condition.isBlank()) {
            throw new MessagingException("Matcher " + getMatcherName() + " (" + getClass().getName() + ") takes no condition; got '"
                + condition + "': it matches every shared mailbox of shared-mailboxes.xml");
        }
        deploymentChecks.requireStartable();
    }

    @Override
    public String getMatcherInfo() {
        return "Recipients that are TeamInbox shared mailboxes, once TeamInbox's start checks are in place";
    }
}
