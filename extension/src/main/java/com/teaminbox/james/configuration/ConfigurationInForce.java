package com.teaminbox.james.configuration;

import java.util.Optional;

import com.teaminbox.core.config.SharedMailboxesConfiguration;

/**
 * The shared-mailbox configuration in force on this node: what mailets, matchers, hooks and IMAP
 * processors read. Only provisioning and reload load a new one ({@link SharedMailboxesConfigurationStore});
 * everyone else depends on this interface, so a unit test hands them a configuration directly.
 */
public interface ConfigurationInForce {
    /** The configuration in force; read on first use if start-up has not yet done so. */
    SharedMailboxesConfiguration current();

    /** The configuration in force, without reading the file: empty before the first successful load. */
    Optional<SharedMailboxesConfiguration> inForce();
}
