package com.teaminbox.core.access;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Throttles failed member logins per member name and per remote address, in fixed windows that
 * start at a key's first failure, and counts what it refuses so that a window's refusals become
 * one {@link ThrottledAttempts} when it closes.
 *
 * <p>Kept in this node's memory, not in a cluster store: throttling protects this node's password
 * checks (each costs a hash), a guesser spread over several nodes meets each node's throttle, and a
 * lost window after a restart costs at most one window's guesses. Memory is bounded by
 * {@link LoginThrottlePolicy#maxTrackedKeys()}: past it the oldest window is dropped first, which
 * can only end a throttle early; one address cannot churn it quickly, since each new name it tries
 * is also a failure of that address.
 *
 * <p>Not timed: the caller passes {@code now}, so tests move time instead of waiting.
 */
public final class LoginThrottle {
    /** What a throttle key names. */
    public enum Kind {
        MEMBER,
        ADDRESS
    }

    /** Names or addresses kept per window for the aggregated record: enough to see who, bounded. */
    static final int MAX_OTHERS = 5;

    private final LoginThrottlePolicy policy;
    /** In the order windows opened: windows have one length, so the first to close is always first. */
    private final LinkedHashMap<Key, Window> windows = new LinkedHashMap<>();
    private final List<ThrottledAttempts> closed = new ArrayList<>();

    public LoginThrottle(LoginThrottlePolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public LoginThrottlePolicy policy() {
        return policy;
    }

    /**
     * Whether an attempt may have its credentials checked. A refused attempt is counted in the
     * member's window when the member is throttled, else in the address's.
     *
     * @param member the member name the client gave, when it could be read
     */
    public synchronized boolean admit(Optional<String> member, String address, Instant now) {
        Optional<Key> memberKey = member.map(LoginThrottle::memberKey);
        Optional<Window> throttledMember = memberKey.flatMap(key -> open(key, now))
            .filter(window -> window.failures >= policy.failuresPerMember());
        Optional<Window> throttledAddress = open(addressKey(address), now)
            .filter(window -> window.failures >= policy.failuresPerAddress());
        Optional<Window> counting = throttledMember.isPresent() ? throttledMember : throttledAddress;
        counting.ifPresent(window -> window.refused(now, throttledMember.isPresent() ? address : member.orElse("-")));
        return counting.isEmpty();
    }

    /** A checked attempt failed: it counts against the member name (when known) and the address. */
    public synchronized void failed(Optional<String> member, String address, Instant now) {
        member.ifPresent(name -> window(memberKey(name), now).failed(address));
        window(addressKey(address), now).failed(member.orElse("-"));
    }

    /** The member logged in: her earlier typos no longer count. The address's failures still do. */
    public synchronized void succeeded(String member, Instant now) {
        Window window = windows.remove(memberKey(member));
        if (window != null) {
            close(memberKey(member), window);
        }
    }

    /** The windows closed by {@code now} that refused attempts, each once; forgets windows that closed. */
    public synchronized List<ThrottledAttempts> drainClosed(Instant now) {
        closeExpired(now);
        List<ThrottledAttempts> drained = List.copyOf(closed);
        closed.clear();
        return drained;
    }

    /** Every window's refusals, open or not, and forgets them all: when the node stops. */
    public synchronized List<ThrottledAttempts> closeAll() {
        windows.forEach(this::close);
        windows.clear();
        List<ThrottledAttempts> drained = List.copyOf(closed);
        closed.clear();
        return drained;
    }

    /** Windows held now: for tests of the memory bound. */
    synchronized int trackedKeys() {
        return windows.size();
    }

    private Optional<Window> open(Key key, Instant now) {
        Window window = windows.get(key);
        if (window != null && window.closedAt(now, policy)) {
            windows.remove(key);
            close(key, window);
            return Optional.empty();
        }
        return Optional.ofNullable(window);
    }

    private Window window(Key key, Instant now) {
        Optional<Window> existing = open(key, now);
        if (existing.isPresent()) {
            return existing.get();
        }
        if (windows.size() >= policy.maxTrackedKeys()) {
            closeExpired(now);
        }
        if (windows.size() >= policy.maxTrackedKeys()) {
            Iterator<Map.Entry<Key, Window>> oldest = windows.entrySet().iterator();
            Map.Entry<Key, Window> dropped = oldest.next();
            oldest.remove();
            close(dropped.getKey(), dropped.getValue());
        }
        Window created = new Window(now);
        windows.put(key, created);
        return created;
    }

    private void closeExpired(Instant now) {
        Iterator<Map.Entry<Key, Window>> oldestFirst = windows.entrySet().iterator();
        while (oldestFirst.hasNext()) {
            Map.Entry<Key, Window> entry = oldestFirst.next();
            if (!entry.getValue().closedAt(now, policy)) {
                break;
            }
            oldestFirst.remove();
            close(entry.getKey(), entry.getValue());
        }
    }

    private void close(Key key, Window window) {
        if (window.refused > 0) {
            closed.add(new ThrottledAttempts(key.kind(), key.value(), window.refused, window.firstRefused, window.lastRefused,
                List.copyOf(window.others)));
        }
    }

    private static Key memberKey(String member) {
        return new Key(Kind.MEMBER, member.toLowerCase(Locale.ROOT));
    }

    private static Key addressKey(String address) {
        return new Key(Kind.ADDRESS, ThrottledNetwork.of(address));
    }

    private record Key(Kind kind, String value) {
    }

    private static final class Window {
        private final Instant start;
        private final Set<String> others = new LinkedHashSet<>();
        private int failures;
        private int refused;
        private Instant firstRefused;
        private Instant lastRefused;

        private Window(Instant start) {
            this.start = start;
        }

        private boolean closedAt(Instant now, LoginThrottlePolicy policy) {
            return !now.isBefore(start.plus(policy.window()));
        }

        private void failed(String other) {
            failures++;
            remember(other);
        }

        private void refused(Instant now, String other) {
            if (refused == 0) {
                firstRefused = now;
            }
            refused++;
            lastRefused = now;
            remember(other);
        }

        private void remember(String other) {
            if (others.size() < MAX_OTHERS) {
                others.add(other);
            }
        }
    }
}
