package com.teaminbox.james.common;

/**
 * The header that names a message's ticket ({@code X-Ticket: SUP-42}): written by the mailets on
 * mail for and from a shared mailbox, searched by everything that finds a ticket's messages in the
 * mailbox (threading, the Sent copy's answered mark, the collision guard, the SLA clock). Only ours
 * may stand: the mailets replace any value a sender wrote.
 */
public final class TicketHeader {
    public static final String NAME = "X-Ticket";

    private TicketHeader() {
    }
}
