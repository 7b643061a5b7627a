package com.teaminbox.james.ticket;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.james.core.MailAddress;

import com.teaminbox.core.ticket.TicketId;

/**
 * The tickets this node has just numbered from the registry's counter and nobody has asked about
 * since: the acknowledgement ledger answers "never acknowledged" for such a ticket without asking
 * James's registry (one lookup, and an address parsed, per new ticket: issue 18).
 *
 * <p>Why the answer is right: an acknowledgement is sent only after the ledger said "not yet" for
 * its ticket, and the first question about a fresh ticket on this node takes its mark. A number
 * handed out once by the counter (which never repeats one, {@link MailboxTicketRegistry}) was
 * never acknowledged before that first question. A mail that the registry gives a ticket it
 * already opened (a retry, a copy with the same Message-ID, on any node) is not fresh: opening it
 * again takes the mark here, and the ledger asks the registry, as before. The one number the
 * counter can repeat is after an operator deletes the registry folder (numbers restart): the new
 * ticket is then acknowledged, where the ledger's memory of the old one suppressed it before.
 *
 * <p>At most {@value #REMEMBERED} marks, the oldest dropped first: a mark nobody asks about (a
 * shared mailbox without acknowledgement, a mail the governor suppresses first, a ticket opened by
 * a member's outgoing mail) costs memory only until then, and a dropped mark only costs the lookup.
 */
public class FreshTicketNumbers {
    static final int REMEMBERED = 4096;

    /** Insertion order, so that the eldest is dropped first; every access under this object's lock (a few per new ticket). */
    private final Map<TicketId, MailAddress> fresh = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<TicketId, MailAddress> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** The registry took this number from its counter for this shared address just now. */
    public synchronized void numbered(MailAddress sharedAddress, TicketId ticket) {
        fresh.put(ticket, sharedAddress);
    }

    /** The registry gave this ticket again (the Message-ID had opened it): no longer fresh. */
    public synchronized void reopened(TicketId ticket) {
        fresh.remove(ticket);
    }

    /** Whether the ticket was fresh for this shared address; the mark is taken either way: later questions go to the ledger's store. */
    public synchronized boolean takeFresh(MailAddress sharedAddress, TicketId ticket) {
        MailAddress numberedFor = fresh.remove(ticket);
        return numberedFor != null && numberedFor.equals(sharedAddress);
    }
}
