package com.teaminbox.it;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ConcurrentModificationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.inject.Singleton;

import org.apache.james.events.EventBus;
import org.apache.james.events.InVMEventBus;
import org.apache.james.mailbox.events.MailboxEvents;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;

/**
 * James's event bus with the fault James 3.8.1's in-VM bus has under IMAP listener churn: once
 * armed, dispatching the next {@code Added} event of an account's INBOX throws
 * {@link ConcurrentModificationException} from {@code dispatch}, after the message was stored, as
 * the real race does (its listener multimap is read without its lock while a SELECT registers a
 * listener). Install with {@code TeamInboxServer.overriding(home -> {}, FailingAddedDispatch.MODULE)}.
 */
final class FailingAddedDispatch {
    /** The account whose next INBOX {@code Added} dispatch fails; empty when disarmed. */
    private static final AtomicReference<String> ARMED = new AtomicReference<>("");
    private static final AtomicInteger FAILURES = new AtomicInteger();

    static final AbstractModule MODULE = new AbstractModule() {
        @Provides
        @Singleton
        EventBus failingAddedDispatch(InVMEventBus real) {
            InvocationHandler handler = (proxy, method, arguments) -> {
                if (method.getName().equals("dispatch") && arguments.length > 0 && arguments[0] instanceof MailboxEvents.Added added
                    && added.getMailboxPath().getName().equalsIgnoreCase("INBOX")
                    && disarmFor(added.getMailboxPath().getUser().asString())) {
                    FAILURES.incrementAndGet();
                    throw new ConcurrentModificationException("injected: James 3.8.1's in-VM event bus under listener churn, dispatching "
                        + added.getMailboxPath().asString() + " " + added.getUids());
                }
                try {
                    return method.invoke(real, arguments);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            return (EventBus) Proxy.newProxyInstance(FailingAddedDispatch.class.getClassLoader(), new Class<?>[] {EventBus.class}, handler);
        }
    };

    private FailingAddedDispatch() {
    }

    /** True once: when armed for {@code account}, which is then disarmed. */
    private static boolean disarmFor(String account) {
        return ARMED.getAndUpdate(armed -> armed.equals(account) ? "" : armed).equals(account);
    }

    /** The next {@code Added} dispatch of {@code account}'s INBOX fails, once. */
    static void armOnce(String account) {
        FAILURES.set(0);
        ARMED.set(account);
    }

    static int failures() {
        return FAILURES.get();
    }
}
