package com.teaminbox.james.audit;

import java.util.Optional;

import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailboxesConfiguration;

/** No shared-mailboxes.xml in force: the audit storage tests run under the default audit settings. */
final class NoConfigurationInForce implements ConfigurationInForce {
    static final ConfigurationInForce DEFAULTS = new NoConfigurationInForce();

    private NoConfigurationInForce() {
    }

    @Override
    public SharedMailboxesConfiguration current() {
        throw new IllegalStateException("the default audit settings apply");
    }

    @Override
    public Optional<SharedMailboxesConfiguration> inForce() {
        return Optional.empty();
    }
}
