package com.teaminbox.core.outgoing;

import java.time.Duration;
import java.time.Instant;

/** How a collision is told to the member: {@code SUP-1042 was answered by alice@example.test 3 minutes ago}. */
public final class CollisionWording {
    private CollisionWording() {
    }

    public static String answered(String ticket, TicketHistory.Reply reply, Instant now) {
        return ticket + " was answered by " + reply.member() + " " + ago(Duration.between(reply.at(), now));
    }

    /** Coarse on purpose: the member needs "a moment ago" or "yesterday", not seconds. */
    static String ago(Duration elapsed) {
        long seconds = Math.max(0, elapsed.getSeconds());
        if (seconds < 60) {
            return "just now";
        }
        if (seconds < 3_600) {
            return plural(seconds / 60, "minute") + " ago";
        }
        if (seconds < 86_400) {
            return plural(seconds / 3_600, "hour") + " ago";
        }
        return plural(seconds / 86_400, "day") + " ago";
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }
}
