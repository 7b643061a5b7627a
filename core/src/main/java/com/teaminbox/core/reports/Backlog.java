package com.teaminbox.core.reports;

/**
 * Tickets not resolved at one instant: {@code open} (someone should act), {@code pending} (waiting
 * on the customer, $Pending), and {@code overdue}, those of either kind past an SLA target that
 * no reply or resolution has met since (a subset of open + pending).
 */
public record Backlog(int open, int pending, int overdue) {
    public static final Backlog EMPTY = new Backlog(0, 0, 0);
}
