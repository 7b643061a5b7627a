package com.teaminbox.core.autoreply;

import java.util.regex.Pattern;

import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.core.ticket.TicketSubjects;
import com.teaminbox.core.ticket.TicketTagFormat;

/**
 * The subject of an acknowledgement, {@code [SUP-12] Re: Printer broken}: our tag first so the
 * customer's reply threads back, the customer's words without any tag or reply prefix, on one
 * line (a decoded CR or LF can never start a header, RFC 5322 section 2.2), defanged and capped
 * as {@link IncomingText} says.
 */
public final class AcknowledgementSubject {
    private AcknowledgementSubject() {
    }

    /** @param incomingText what the template chosen for the acknowledgement does with the customer's text */
    public static String of(String customerSubject, TicketId ticket, TicketTagFormat format, IncomingText incomingText) {
        Pattern ourTags = format.pattern(ticket.prefix());
        String words = TicketSubjects.withoutReplyPrefixes(TicketSubjects.withoutTag(customerSubject, ourTags));
        String tagged = format.tag(ticket) + " Re:";
        return words.isEmpty() ? tagged : tagged + " " + TicketSubjects.singleLine(incomingText.apply(words));
    }
}
