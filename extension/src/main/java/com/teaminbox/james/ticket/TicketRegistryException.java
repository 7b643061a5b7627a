package com.teaminbox.james.ticket;

/** The mailbox layer could not issue a ticket number; the mail goes to the error processor. */
public class TicketRegistryException extends RuntimeException {
    public TicketRegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
