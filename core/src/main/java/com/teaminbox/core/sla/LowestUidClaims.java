package com.teaminbox.core.sla;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * "Lowest UID wins": how nodes sharing one mailbox folder agree, without a lock, on which of them
 * does something once. Each node that wants to act appends a claim message naming a key, then
 * reads the claims of that key back; the claim with the lowest UID wins and only its node acts.
 * The mailbox layer gives strictly increasing, never reused UIDs per folder under concurrent
 * appends from any node (memory: an atomic counter; Cassandra: a lightweight transaction), so
 * every node that has seen the same claims names the same winner.
 *
 * <p>This class is the bookkeeping of the claims a reader has seen, in any order and however
 * often (a folder read again, or read in parts). What it cannot know is a claim whose UID was
 * taken but whose message is not stored yet when the reader looks: a node reading in that instant
 * may believe it won as well. Callers keep that window small by claiming right before acting.
 */
public final class LowestUidClaims {
    private final Map<String, Long> winners = new HashMap<>();

    /** A claim for {@code key} stored under {@code uid}. */
    public void saw(String key, long uid) {
        winners.merge(key, uid, Math::min);
    }

    /** The UID of the winning claim of {@code key}, among those seen. */
    public Optional<Long> winner(String key) {
        return Optional.ofNullable(winners.get(key));
    }

    public boolean isClaimed(String key) {
        return winners.containsKey(key);
    }

    /** Whether the claim stored under {@code mine} wins {@code key}: false until it has been {@link #saw seen}. */
    public boolean won(String key, long mine) {
        return winner(key).filter(uid -> uid == mine).isPresent();
    }

    public Set<String> keys() {
        return Set.copyOf(winners.keySet());
    }

    public Map<String, Long> asMap() {
        return Map.copyOf(winners);
    }

    /** Forgets the claims whose key matches (their messages were pruned). */
    public void forget(Predicate<String> key) {
        winners.keySet().removeIf(key);
    }
}
