package com.teaminbox.james.provisioning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.config.xml.ConfigurationException;
import com.teaminbox.core.config.xml.ConfigurationProblem;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.james.audit.ConfigurationAudit;
import com.teaminbox.james.configuration.JamesConfigurationChecks;
import com.teaminbox.james.configuration.SharedMailboxesConfigurationStore;

/**
 * Re-reads {@code conf/shared-mailboxes.xml} while James runs and provisions every shared mailbox
 * it declares. A refused file changes nothing: the configuration in force stays.
 */
public class SharedMailboxesReload {
    private static final Logger LOGGER = LoggerFactory.getLogger(SharedMailboxesReload.class);

    /** What a reload did: the shared mailboxes now in force, and those whose provisioning failed. */
    public static final class Outcome {
        private final List<String> sharedMailboxes;
        private final Map<String, String> provisioningFailures;
        private final List<String> waitingForJames;

        Outcome(List<String> sharedMailboxes, Map<String, String> provisioningFailures, List<String> waitingForJames) {
            this.sharedMailboxes = List.copyOf(sharedMailboxes);
            this.provisioningFailures = Map.copyOf(provisioningFailures);
            this.waitingForJames = List.copyOf(waitingForJames);
        }

        /** What the configuration names that James does not have yet (file:line and what to do); see {@link JamesConfigurationChecks}. */
        public List<String> waitingForJames() {
            return waitingForJames;
        }

        public List<String> sharedMailboxes() {
            return sharedMailboxes;
        }

        /** Shared address to the reason; empty when every shared mailbox was provisioned. */
        public Map<String, String> provisioningFailures() {
            return provisioningFailures;
        }
    }

    private final SharedMailboxesConfigurationStore configurationStore;
    private final SharedMailboxProvisioner provisioner;
    private final ConfigurationAudit audit;
    private final JamesConfigurationChecks jamesChecks;

    @Inject
    public SharedMailboxesReload(SharedMailboxesConfigurationStore configurationStore, SharedMailboxProvisioner provisioner,
                                 ConfigurationAudit audit, JamesConfigurationChecks jamesChecks) {
        this.configurationStore = configurationStore;
        this.provisioner = provisioner;
        this.audit = audit;
        this.jamesChecks = jamesChecks;
    }

    /**
     * @param actor who asked, for the audit trail
     * @throws ConfigurationException naming file, line, element and reason; nothing was changed
     */
    public Outcome reload(AuditActor actor) {
        SharedMailboxesConfiguration configuration;
        try {
            configuration = configurationStore.load();
        } catch (ConfigurationException e) {
            LOGGER.warn("Refused to reload shared-mailbox configuration, the previous one stays in force: {}", e.getMessage());
            audit.refused(actor, e);
            throw e;
        }
        List<ConfigurationProblem> waiting = jamesChecks.waitingForJames(configuration);
        audit.loaded(actor, configuration, waiting);
        Map<String, String> failures = new LinkedHashMap<>();
        List<String> addresses = new ArrayList<>();
        for (SharedMailbox sharedMailbox : configuration.sharedMailboxes()) {
            String address = sharedMailbox.address().asString();
            addresses.add(address);
            if (!jamesChecks.isServed(sharedMailbox)) {
                continue;
            }
            try {
                provisioner.provision(sharedMailbox);
            } catch (Exception e) {
                // Provisioning is idempotent: the next reload or restart finishes what failed here.
                LOGGER.error("Could not provision shared mailbox {} declared at {}", address, sharedMailbox.location(), e);
                failures.put(address, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        }
        LOGGER.info("Reloaded shared-mailbox configuration: {}{}", addresses,
            failures.isEmpty() ? "" : "; provisioning failed for " + failures.keySet().stream().collect(Collectors.joining(", ")));
        return new Outcome(addresses, failures, waiting.stream().map(Object::toString).collect(Collectors.toList()));
    }
}
