package com.teaminbox.core.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.rules.Rule;
import com.teaminbox.core.rules.RuleDelivery;
import com.teaminbox.core.rules.RuleNotification;
import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.core.ticket.TicketTagFormat;

/**
 * What the offline tester predicts the server does with one mail, field by field: the shared
 * mailbox, the ticket, the rules applied and audited, the folder, flags, keywords, header edits and
 * notifications ({@link RuleDelivery}), the vague-subject keyword and the autoresponse decision.
 *
 * <p>What it cannot know offline is said, not guessed: a tag in the subject is assumed issued
 * ({@link #threadedTicket()}); a reply's references are listed, not looked up ({@link #references()}),
 * unless the caller knows what the server's conversation index holds;
 * a new ticket's number is unknown ({@link #subject()} shows it as {@code SUP-?}, {@link #subject(TicketId)}
 * fills it in once the server has chosen it); folders are assumed to exist, as provisioning leaves
 * them; an acknowledgement predicted as sent may still be held back by what only the server's
 * ledger knows (the ticket already acknowledged, the sender's daily cap); and a subject written with
 * raw 8-bit bytes, which RFC 5322 does not allow, is read here as ISO-8859-1, which the server may
 * not do ({@link #rawEightBitSubject()}).
 */
public record RulesPrediction(Optional<SharedMailbox> sharedMailbox, Optional<TicketId> threadedTicket, boolean threadedByReferences,
                              List<String> references, Optional<TicketId> exampleTicket, String exampleSubject,
                              boolean rawEightBitSubject, Optional<String> vagueKeyword,
                              List<Rule> applied, List<Rule> audited, Optional<RuleDelivery> delivery, String autoresponse) {
    public static final String NO_ACKNOWLEDGEMENT = "none configured";
    public static final String NOT_A_NEW_TICKET = "none (not a new ticket)";
    public static final String ACKNOWLEDGE = "acknowledge";

    static RulesPrediction notForASharedMailbox() {
        return new RulesPrediction(Optional.empty(), Optional.empty(), false, List.of(), Optional.empty(), "", false, Optional.empty(),
            List.of(), List.of(), Optional.empty(), NO_ACKNOWLEDGEMENT);
    }

    /** The subject the server stores, a new ticket's number shown as {@code ?} ({@code [SUP-?] Printer}). */
    public String subject() {
        return withPlaceholder(exampleSubject);
    }

    /** The subject the server stores once it gave the mail {@code ticket}. */
    public String subject(TicketId ticket) {
        return withTicket(exampleSubject, ticket);
    }

    /** A notification's subject, a new ticket's number shown as {@code ?}. */
    public String notificationSubject(RuleNotification notification) {
        return withPlaceholder(notificationSubjectFor(notification));
    }

    /** A notification's subject once the server gave the mail {@code ticket}. */
    public String notificationSubject(RuleNotification notification, TicketId ticket) {
        return withTicket(notificationSubjectFor(notification), ticket);
    }

    /** The flags and keywords of the stored message: the rules', then the vague-subject keyword. */
    public List<String> flagsAndKeywords() {
        List<String> marks = new ArrayList<>(delivery.map(RuleDelivery::flagsAndKeywords).orElse(List.of()));
        vagueKeyword.filter(keyword -> !marks.contains(keyword)).ifPresent(marks::add);
        return marks;
    }

    private String notificationSubjectFor(RuleNotification notification) {
        SharedMailbox mailbox = sharedMailbox.orElseThrow();
        return notification.subject(exampleSubject, mailbox.ticketPrefix(), exampleTicket, format());
    }

    private String withPlaceholder(String text) {
        if (threadedTicket.isPresent() || exampleTicket.isEmpty()) {
            return text;
        }
        return text.replace(format().tag(exampleTicket.get()),
            format().template().replace("{prefix}", exampleTicket.get().prefix().value()).replace("{number}", "?"));
    }

    private String withTicket(String text, TicketId ticket) {
        if (threadedTicket.isPresent() || exampleTicket.isEmpty()) {
            return text;
        }
        return text.replace(format().tag(exampleTicket.get()), format().tag(ticket));
    }

    private TicketTagFormat format() {
        return sharedMailbox.map(mailbox -> mailbox.subjectConventions().tagFormat()).orElse(TicketTagFormat.DEFAULT);
    }
}
