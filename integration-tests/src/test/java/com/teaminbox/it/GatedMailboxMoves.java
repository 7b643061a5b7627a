package com.teaminbox.it;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.inject.Singleton;

import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.inmemory.InMemoryMailboxManager;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;

import reactor.core.Exceptions;

/**
 * James's {@link MailboxManager} with a gate on {@code moveMessages}: once armed, the {@code n}th
 * move waits until its thread is interrupted (a task cancelled over WebAdmin), then completes in
 * storage and throws as Reactor's {@code block()} does when interrupted. So a test can cancel a
 * retention run at a known step, with that step done behind the caller's back. Everything else
 * goes straight to the memory backend. Install with
 * {@code TeamInboxServer.overriding(home -> {}, GatedMailboxMoves.MODULE)}.
 */
final class GatedMailboxMoves {
    private static final long MAX_WAIT_SECONDS = 30;
    private static final AtomicInteger MOVES_BEFORE_GATE = new AtomicInteger(Integer.MAX_VALUE);
    private static volatile CountDownLatch reached = new CountDownLatch(1);
    private static volatile CountDownLatch released = new CountDownLatch(1);

    static final AbstractModule MODULE = new AbstractModule() {
        @Provides
        @Singleton
        MailboxManager gatedMoves(InMemoryMailboxManager real) {
            InvocationHandler handler = (proxy, method, arguments) -> {
                boolean gated = method.getName().equals("moveMessages") && MOVES_BEFORE_GATE.getAndDecrement() == 0;
                if (gated) {
                    reached.countDown();
                    if (!waitForInterrupt()) {
                        throw new IllegalStateException("GatedMailboxMoves: released without an interrupt (no cancel reached the task)");
                    }
                    invoke(real, method, arguments); // storage finishes the step the cancel interrupted
                    throw Exceptions.propagate(new InterruptedException("cancelled during a move (GatedMailboxMoves)"));
                }
                return invoke(real, method, arguments);
            };
            return (MailboxManager) Proxy.newProxyInstance(GatedMailboxMoves.class.getClassLoader(),
                new Class<?>[] {MailboxManager.class}, handler);
        }
    };

    private GatedMailboxMoves() {
    }

    /** The next {@code passing} moves go through; the one after waits for an interrupt. */
    static void gateAfter(int passing) {
        reached = new CountDownLatch(1);
        released = new CountDownLatch(1);
        MOVES_BEFORE_GATE.set(passing);
    }

    /** Lets a held move go (failing it, since no cancel came) and lets every later move through. */
    static void disarm() {
        MOVES_BEFORE_GATE.set(Integer.MAX_VALUE);
        released.countDown();
    }

    static boolean awaitGateReached() throws InterruptedException {
        return reached.await(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** True when interrupted; false when released by {@link #disarm} or after the limit. */
    private static boolean waitForInterrupt() {
        try {
            released.await(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }

    private static Object invoke(InMemoryMailboxManager real, java.lang.reflect.Method method, Object[] arguments) throws Throwable {
        try {
            return method.invoke(real, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
