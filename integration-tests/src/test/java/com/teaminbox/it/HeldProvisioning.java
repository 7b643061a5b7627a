package com.teaminbox.it;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.inject.Singleton;

import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.inmemory.InMemoryMailboxManager;
import org.apache.james.mailbox.model.MailboxPath;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;

/**
 * James's {@link MailboxManager} with a gate on creating a folder of one account: the first such
 * {@code createMailbox} (provisioning's first step for that shared mailbox) waits until the test
 * calls {@link #release()}, so a test sees James while it starts, its ports open and provisioning
 * not done. Everything else goes straight to the memory backend. Install with
 * {@code DemoServer.start(home, List.of(HeldProvisioning.module(account)))}.
 */
final class HeldProvisioning {
    private static final long MAX_HOLD_SECONDS = 120;

    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final String account;

    HeldProvisioning(String account) {
        this.account = account;
    }

    AbstractModule module() {
        return new AbstractModule() {
            @Provides
            @Singleton
            MailboxManager heldCreations(InMemoryMailboxManager real) {
                InvocationHandler handler = (proxy, method, arguments) -> {
                    if (method.getName().equals("createMailbox") && arguments[0] instanceof MailboxPath
                        && ((MailboxPath) arguments[0]).getUser().asString().equals(account)) {
                        reached.countDown();
                        if (!released.await(MAX_HOLD_SECONDS, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("HeldProvisioning: never released");
                        }
                    }
                    try {
                        return method.invoke(real, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                };
                return (MailboxManager) Proxy.newProxyInstance(HeldProvisioning.class.getClassLoader(),
                    new Class<?>[] {MailboxManager.class}, handler);
            }
        };
    }

    /** Waits until provisioning has reached the held step. */
    void awaitHeld() throws InterruptedException {
        if (!reached.await(MAX_HOLD_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("provisioning never reached the account " + account);
        }
    }

    void release() {
        released.countDown();
    }
}
