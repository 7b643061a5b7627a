package com.teaminbox.core.config;

import java.util.Optional;

/**
 * The shared-mailbox configuration in force on this node: what mailets, matchers, hooks and IMAP
 * processors read. Only provisioning and reload load a new one (the extension's configuration store);
 * everyone else depends on this interface, so a unit test hands them a configuration directly.
 */
@FunctionalInterface
public interface ConfigurationInForce {
    /** The configuration in force; read on first use if start-up has not yet done so. */
    SharedMailboxesConfiguration current();

    /**
     * The configuration in force, without reading the file: empty before the first successful load.
     * A holder that always has one (a test's) need not say more.
     */
    default Optional<SharedMailboxesConfiguration> inForce() {
        return Optional.of(current());
    }
}
