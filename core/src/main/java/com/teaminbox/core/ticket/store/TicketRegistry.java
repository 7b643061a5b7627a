package com.teaminbox.core.ticket.store;

import java.util.Optional;

import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.ticket.TicketId;

/**
 * Issues ticket numbers. Implementations must be atomic across every server that shares the
 * storage: two mails delivered at the same moment on two James nodes never get the same number.
 */
public interface TicketRegistry {
    /**
     * Opens the next ticket of this shared mailbox; idempotent by Message-ID: when a mail with the
     * same Message-ID already opened a ticket (a retry, a resent mail), that ticket is returned.
     *
     * @param subject the subject of the mail that opens it, for a registry that keeps an index of tickets
     *                (the mailbox registry no longer does: it stores no message per ticket)
     * @param originMessageId the Message-ID of that mail, when it has one
     */
    TicketId open(SharedMailbox sharedMailbox, String subject, Optional<String> originMessageId);

    /** Whether we issued this ticket: a tag typed by hand or forged names a number we never gave. */
    boolean isIssued(SharedMailbox sharedMailbox, TicketId ticket);
}
