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

    static final AbstractModule MODULE = new AbstractModule() {
        @Provides
        @Singleton
        MailboxManager gatedMoves(InMemoryMailboxManager real) {
            InvocationHandler handler = (proxy, method, arguments) -> {
                boolean gated = method.getName().equals("moveMessages") && MOVES_BEFORE_GATE.getAndDecrement() == 0;
                if (gated) {
                    reached.countDown();
                    boolean interrupted = waitForInterrupt();
                    Object result = invoke(real, method, arguments);
                    if (interrupted) {
                        throw Exceptions.propagate(new InterruptedException("cancelled during a move (GatedMailboxMoves)"));
                    }
                    return result;
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
        MOVES_BEFORE_GATE.set(passing);
    }

    static void disarm() {
        MOVES_BEFORE_GATE.set(Integer.MAX_VALUE);
    }

    static boolean awaitGateReached() throws InterruptedException {
        return reached.await(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** True when interrupted; false when nobody did within the limit (the test then fails on its assertions). */
    private static boolean waitForInterrupt() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MAX_WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return true;
            }
        }
        return false;
    }

    private static Object invoke(InMemoryMailboxManager real, java.lang.reflect.Method method, Object[] arguments) throws Throwable {
        try {
            return method.invoke(real, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
