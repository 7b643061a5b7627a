package com.teaminbox.james.provisioning;

import java.util.List;

import javax.inject.Inject;

import org.apache.james.utils.UserDefinedStartable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.config.xml.ConfigurationException;
import com.teaminbox.core.config.xml.ConfigurationProblem;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.james.audit.ConfigurationAudit;
import com.teaminbox.james.configuration.DeploymentChecks;
import com.teaminbox.james.configuration.JamesConfigurationChecks;
import com.teaminbox.james.configuration.SharedMailboxesConfigurationStore;

/**
 * Runs when James starts: reads {@code conf/shared-mailboxes.xml} and provisions every shared
 * mailbox. An invalid file throws, and James refuses to start with the file:line message; so does
 * a James configuration that would leave shared mailboxes ungoverned ({@link DeploymentChecks}).
 * A member without a James account, or a shared mailbox in a domain James does not serve yet, is
 * reported and waits ({@link JamesConfigurationChecks}): James starts.
 *
 * <pre>
 * # extensions.properties
 * guice.extension.startable=com.teaminbox.james.provisioning.SharedMailboxesProvisioning
 * </pre>
 */
public class SharedMailboxesProvisioning implements UserDefinedStartable {
    private static final Logger LOGGER = LoggerFactory.getLogger(SharedMailboxesProvisioning.class);

    private final SharedMailboxesConfigurationStore configurationStore;
    private final SharedMailboxProvisioner provisioner;
    private final ConfigurationAudit audit;
    private final DeploymentChecks deploymentChecks;
    private final JamesConfigurationChecks jamesChecks;
    private final ExtensionReadiness readiness;

    @Inject
    public SharedMailboxesProvisioning(SharedMailboxesConfigurationStore configurationStore, SharedMailboxProvisioner provisioner,
                                       ConfigurationAudit audit, DeploymentChecks deploymentChecks, JamesConfigurationChecks jamesChecks,
                                       ExtensionReadiness readiness) {
        this.configurationStore = configurationStore;
        this.provisioner = provisioner;
        this.audit = audit;
        this.deploymentChecks = deploymentChecks;
        this.jamesChecks = jamesChecks;
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
        deploymentChecks.enforce(configuration);
        List<ConfigurationProblem> waiting = jamesChecks.waitingForJames(configuration);
        audit.loaded(AuditActor.system(), configuration, waiting);
        for (SharedMailbox sharedMailbox : configuration.sharedMailboxes()) {
            if (!jamesChecks.isServed(sharedMailbox)) {
                LOGGER.warn("Shared mailbox {} not provisioned: James does not serve its domain yet",
                    sharedMailbox.address().asString());
                continue;
            }
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
