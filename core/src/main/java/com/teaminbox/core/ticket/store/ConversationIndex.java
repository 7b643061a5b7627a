package com.teaminbox.core.ticket.store;

import java.util.List;
import java.util.Optional;

import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.ticket.TicketId;

/** Finds the ticket of a conversation from the messages a reply points to. */
public interface ConversationIndex {
    /**
     * @param messageIds identifiers such as {@code <abc@example.test>}, most relevant first
     * @return the ticket of the first of those messages the shared mailbox holds with a ticket
     */
    Optional<TicketId> ticketOf(SharedMailbox sharedMailbox, List<String> messageIds);

    /**
     * The shared mailbox is about to hold the message with this identifier, carrying this ticket
     * (a received mail, a copy of a member's reply): replies that point to it will find the ticket,
     * even once the message is deleted.
     */
    void remember(SharedMailbox sharedMailbox, String messageId, TicketId ticket);
}
