package com.teaminbox.benchmarks.e2e;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The UIDs a poller has seen in its folder, and where to ask from next. Appends to one folder run on
 * several spool threads at once, and James gives a message its UID before it stores it: a message can
 * become visible after one with a higher UID (seen once in the e2e, 2026-12-08: a poller that asked
 * only above the highest UID it had seen never saw the lower one, and the window waited for it). So
 * the poller asks from just above the highest UID below which it has seen every one, and takes the
 * UIDs it has not seen yet. A UID still missing below a seen one after {@link #GAP_PATIENCE_NANOS}
 * is taken as never coming (an append that failed after its UID was given, an expunge) so that the
 * asks stay short.
 */
final class UidsSeen {
    static final long GAP_PATIENCE_NANOS = 10_000_000_000L;

    /** Every UID up to this one was seen (or given up on). */
    private long complete;
    /** Seen UIDs above {@link #complete}. */
    private final TreeSet<Long> above = new TreeSet<>();
    /** When each missing UID below the highest seen was first found missing. */
    private final Map<Long, Long> missingSince = new HashMap<>();

    /** The first UID of the next ask ({@code UID FETCH from:*}). */
    long from() {
        return complete + 1;
    }

    /** The UIDs of an answer not seen yet, ascending (the answer to {@code n:*} holds the newest message even when below n). */
    List<Long> unseen(List<Long> answered) {
        TreeSet<Long> fresh = new TreeSet<>();
        for (long uid : answered) {
            if (uid > complete && !above.contains(uid)) {
                fresh.add(uid);
            }
        }
        return new ArrayList<>(fresh);
    }

    /** Records these UIDs as seen at {@code nowNanos}, then moves {@link #from()} up over what is complete. */
    void saw(List<Long> uids, long nowNanos) {
        for (long uid : uids) {
            if (uid > complete) {
                above.add(uid);
                missingSince.remove(uid);
            }
        }
        if (above.isEmpty()) {
            return;
        }
        for (long uid = complete + 1; uid < above.last(); uid++) {
            if (!above.contains(uid)) {
                missingSince.putIfAbsent(uid, nowNanos);
            }
        }
        while (!above.isEmpty() || !missingSince.isEmpty()) {
            long next = complete + 1;
            if (above.remove(next)) {
                complete = next;
            } else if (missingSince.containsKey(next) && nowNanos - missingSince.get(next) >= GAP_PATIENCE_NANOS) {
                missingSince.remove(next);
                complete = next;
            } else {
                break;
            }
        }
    }

    /** An IMAP sequence set of ascending UIDs, runs written as {@code a:b}: {@code 3:5,7,9:10}. */
    static String set(List<Long> ascending) {
        StringBuilder set = new StringBuilder();
        for (int index = 0; index < ascending.size(); index++) {
            long first = ascending.get(index);
            long last = first;
            while (index + 1 < ascending.size() && ascending.get(index + 1) == last + 1) {
                last = ascending.get(++index);
            }
            set.append(set.length() == 0 ? "" : ",").append(first).append(first == last ? "" : ":" + last);
        }
        return set.toString();
    }
}
