package com.teaminbox.it;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import javax.inject.Singleton;

import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.inmemory.InMemoryMailboxManager;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;

/**
 * James's {@link MailboxManager} with a fault switch: once armed, the ACL writes and folder
 * creations provisioning makes succeed {@code k} times, then fail with a {@link MailboxException}
 * as a storage outage would, until disarmed. Everything else goes straight to the memory backend.
 * Install with {@code TeamInboxServer.overriding(home -> {}, List.of(FailingMailboxWrites.MODULE))}.
 */
final class FailingMailboxWrites {
    private static final Set<String> WRITES = Set.of("setRights", "applyRightsCommand", "createMailbox");
    private static final int DISARMED = Integer.MAX_VALUE;
    private static final AtomicInteger REMAINING = new AtomicInteger(DISARMED);
    private static final AtomicInteger FAILURES = new AtomicInteger();

    static final AbstractModule MODULE = new AbstractModule() {
        @Provides
        @Singleton
        MailboxManager failingWrites(InMemoryMailboxManager real) {
            InvocationHandler handler = (proxy, method, arguments) -> {
                if (WRITES.contains(method.getName()) && REMAINING.getAndUpdate(left -> left == DISARMED ? left : Math.max(0, left - 1)) == 0) {
                    FAILURES.incrementAndGet();
                    throw new MailboxException("Storage unavailable (injected fault) in " + method.getName());
                }
                try {
                    return method.invoke(real, arguments);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            return (MailboxManager) Proxy.newProxyInstance(FailingMailboxWrites.class.getClassLoader(),
                new Class<?>[] {MailboxManager.class}, handler);
        }
    };

    private FailingMailboxWrites() {
    }

    /** From now on, {@code successes} more writes succeed, then every write fails. */
    static void failAfter(int successes) {
        FAILURES.set(0);
        REMAINING.set(successes);
    }

    static void disarm() {
        REMAINING.set(DISARMED);
    }

    static int failures() {
        return FAILURES.get();
    }
}
