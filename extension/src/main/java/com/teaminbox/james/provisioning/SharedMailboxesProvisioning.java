package com.teaminbox.james.provisioning;

import javax.inject.Inject;

import org.apache.james.utils.UserDefinedStartable;

import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.config.ConfigurationException;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.james.audit.ConfigurationAudit;
import com.teaminbox.james.configuration.SharedMailboxesConfigurationStore;

/**
 * Runs when James starts: reads {@code conf/shared-mailboxes.xml} and provisions every shared
 * mailbox. An invalid file throws, and James refuses to start with the file:line message.
 *
 * <pre>
 * # extensions.properties
 * guice.extension.startable=com.teaminbox.james.provisioning.SharedMailboxesProvisioning
 * </pre>
 */
public class SharedMailboxesProvisioning implements UserDefinedStartable {
    private final SharedMailboxesConfigurationStore configurationStore;
    private final SharedMailboxProvisioner provisioner;
    private final ConfigurationAudit audit;
    private final ExtensionReadiness readiness;

    @Inject
    public SharedMailboxesProvisioning(SharedMailboxesConfigurationStore configurationStore, SharedMailboxProvisioner provisioner,
                                       ConfigurationAudit audit, ExtensionReadiness readiness) {
        this.configurationStore = configurationStore;
        this.provisioner = provisioner;
        this.audit = audit;
        this.readiness = readiness;
    }

    @Override
    public void start() {
        SharedMailboxesConfiguration configuration;
        try {
            configuration = configurationStore.load();
        } catch (ConfigurationException e) {
            audit.refused(AuditActor.system(), e);
            throw e;
        }
        audit.loaded(AuditActor.system(), configuration);
        for (SharedMailbox sharedMailbox : configuration.sharedMailboxes()) {
            try {
                provisioner.provision(sharedMailbox);
            } catch (Exception e) {
                throw new IllegalStateException("Could not provision shared mailbox " + sharedMailbox.address().asString()
                    + " declared at " + sharedMailbox.location() + ": " + e.getMessage(), e);
            }
        }
        // Until here the SMTP hook ReadinessRcptHook answers 451 4.3.2: James's ports are open before we run.
        readiness.markReady();
    }
}
