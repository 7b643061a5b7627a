package com.teaminbox.core.ticket;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Decides which ticket an incoming mail belongs to. Pure: the lookups that need storage are
 * passed in, and only asked when needed.
 * <ol>
 *   <li>a tag of ours whose number we issued → that ticket (a tag repeated by a client appears once);</li>
 *   <li>otherwise In-Reply-To/References naming a message of a ticket → that ticket, tag put back;</li>
 *   <li>otherwise a new ticket; tags of ours we never issued are kept as text or removed, by policy.</li>
 * </ol>
 * Other systems' tags ({@code [RT #55]}, {@code [Ticket#2024…]}) are never touched.
 */
public final class TicketThreading {
    /** Why the mail belongs to its ticket, for the log and the audit trail. */
    public enum Reason {
        KNOWN_TAG, REFERENCES, NEW_TICKET
    }

    private final TicketPrefix prefix;
    private final TicketTagFormat format;
    private final ForgedTagPolicy forgedTagPolicy;

    public TicketThreading(TicketPrefix prefix, TicketTagFormat format, ForgedTagPolicy forgedTagPolicy) {
        this.prefix = prefix;
        this.format = format;
        this.forgedTagPolicy = forgedTagPolicy;
    }

    public Decision decide(String subject, Predicate<TicketId> issued, Supplier<Optional<TicketId>> fromReferences) {
        // Loops, not streams: every mail of a shared mailbox is decided here (issue 18).
        List<TicketId> tags = format.findAll(subject, prefix);
        for (TicketId tag : tags) {
            if (issued.test(tag)) {
                return new Decision(Optional.of(tag), Reason.KNOWN_TAG, subject, List.of());
            }
        }
        List<TicketId> forged = tags.isEmpty() ? List.of() : new ArrayList<>(new LinkedHashSet<>(tags));
        String base = subject == null ? "" : subject;
        if (forgedTagPolicy == ForgedTagPolicy.REMOVE) {
            for (TicketId tag : forged) {
                base = TicketSubjects.withoutTag(base, format.tag(tag));
            }
        }
        Optional<TicketId> referenced = fromReferences.get();
        if (referenced.isPresent()) {
            return new Decision(referenced, Reason.REFERENCES, base, forged);
        }
        return new Decision(Optional.empty(), Reason.NEW_TICKET, base, forged);
    }

    /** The subject to store once the ticket is known (for a new ticket: once it has been opened). */
    public String subjectFor(Decision decision, TicketId ticket) {
        if (decision.reason() == Reason.KNOWN_TAG) {
            // The tag as written, found without compiling a pattern per mail (format.pattern(ticket) did).
            return TicketSubjects.withSingleTag(decision.baseSubject(), format.tag(ticket));
        }
        return TicketSubjects.withTag(decision.baseSubject(), format, ticket);
    }

    /** Where a mail belongs: an existing ticket, or none yet (open one). */
    public static final class Decision {
        private final Optional<TicketId> ticket;
        private final Reason reason;
        private final String baseSubject;
        private final List<TicketId> forgedTags;

        Decision(Optional<TicketId> ticket, Reason reason, String baseSubject, List<TicketId> forgedTags) {
            this.ticket = ticket;
            this.reason = reason;
            this.baseSubject = baseSubject;
            this.forgedTags = List.copyOf(forgedTags);
        }

        /** Empty when a new ticket must be opened. */
        public Optional<TicketId> ticket() {
            return ticket;
        }

        public Reason reason() {
            return reason;
        }

        String baseSubject() {
            return baseSubject;
        }

        /** Tags of ours in the subject whose numbers we never issued. */
        public List<TicketId> forgedTags() {
            return forgedTags;
        }

        @Override
        public String toString() {
            // The audit record's reason, written for every mail: no Optional chain nor lambda on that path.
            StringBuilder text = new StringBuilder(32).append(reason);
            if (ticket.isPresent()) {
                text.append(' ').append(ticket.get());
            }
            if (!forgedTags.isEmpty()) {
                text.append(" forged=").append(forgedTags);
            }
            return text.toString();
        }
    }
}
