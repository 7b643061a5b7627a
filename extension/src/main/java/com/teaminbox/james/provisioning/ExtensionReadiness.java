package com.teaminbox.james.provisioning;

import java.util.concurrent.atomic.AtomicBoolean;

import javax.inject.Singleton;

/**
 * Whether this node has read its configuration and provisioned every shared mailbox. James opens
 * its SMTP ports before it runs our start-up ({@code SharedMailboxesProvisioning}, a
 * {@code guice.extension.startable}); until then a shared address is not an account yet, and
 * James would answer {@code 550 5.1.1 Unknown user}: a bounce for good. Per node on purpose: each
 * node opens its own ports. A singleton of the whole server (no dependencies, so Guice binds it
 * in James's own injector), shared by the startable and the SMTP hooks.
 */
@Singleton
public class ExtensionReadiness {
    private final AtomicBoolean ready = new AtomicBoolean(false);

    public boolean isReady() {
        return ready.get();
    }

    /** Called once provisioning is done; never undone (a reload keeps serving the last good configuration). */
    public void markReady() {
        ready.set(true);
    }
}
