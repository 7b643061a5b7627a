package com.teaminbox.james.smtp;

import java.util.concurrent.atomic.AtomicReference;

import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.core.sending.SharedAddresses;

/**
 * The {@link SharedAddresses} of the configuration in force, rebuilt only when a reload puts
 * another configuration in force: our hooks look addresses up on every command and mail.
 */
final class SharedAddressesInForce {
    private final ConfigurationInForce configurationStore;
    private final AtomicReference<SharedAddresses> built = new AtomicReference<>();

    SharedAddressesInForce(ConfigurationInForce configurationStore) {
        this.configurationStore = configurationStore;
    }

    SharedAddresses current() {
        SharedMailboxesConfiguration configuration = configurationStore.current();
        SharedAddresses addresses = built.get();
        if (addresses == null || !addresses.isOf(configuration)) {
            addresses = SharedAddresses.of(configuration);
            built.set(addresses);
        }
        return addresses;
    }
}
