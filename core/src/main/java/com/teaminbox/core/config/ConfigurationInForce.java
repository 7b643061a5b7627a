package com.teaminbox.core.config;

/**
 * The shared-mailbox configuration in force, as the server holds it (read at start, replaced by
 * each accepted reload). Matchers and mailets depend on this, not on the store that reads the file.
 */
public interface ConfigurationInForce {
    SharedMailboxesConfiguration current();
}
