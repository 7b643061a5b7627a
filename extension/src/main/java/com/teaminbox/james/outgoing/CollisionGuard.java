package com.teaminbox.james.outgoing;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.mailbox.exception.MailboxException;

import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.outgoing.CollisionGuardSettings;
import com.teaminbox.core.outgoing.CollisionWording;
import com.teaminbox.core.outgoing.TicketHistory;
import com.teaminbox.core.ticket.store.ConversationIndex;
import com.teaminbox.core.ticket.MessageIds;
import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.james.common.MessageHeaders;

/**
 * Whether a member's reply collides: it answers a ticket (its tag in the subject, else the
 * conversation its {@code In-Reply-To}/{@code References} belong to) that another member already
 * answered after the customer's latest message. Mail to the shared address or members only is an
 * internal note and never collides.
 */
public class CollisionGuard {
    /** A reply that collides, and whether it is the same reply sent again within the window. */
    public record Collision(TicketId ticket, TicketHistory.Reply first, CollisionGuardSettings settings, boolean resend, Instant now) {
        public String wording() {
            return CollisionWording.answered(ticket.toString(), first, now);
        }
    }

    private final ConversationIndex conversationIndex;
    private final TicketActivity activity;
    private final ResendLedger ledger;
    private final Clock clock;

    @Inject
    public CollisionGuard(ConversationIndex conversationIndex, TicketActivity activity, ResendLedger ledger, Clock clock) {
        this.conversationIndex = conversationIndex;
        this.activity = activity;
        this.ledger = ledger;
        this.clock = clock;
    }

    public Optional<Collision> check(SharedMailbox sharedMailbox, MailAddress member, Collection<MailAddress> recipients,
                                     MimeMessage message, String bodyDigest) throws MessagingException, MailboxException {
        Optional<CollisionGuardSettings> settings = sharedMailbox.outgoingCare().collisionGuard();
        if (settings.isEmpty() || recipients.stream().allMatch(recipient -> TicketActivity.isInternal(recipient, sharedMailbox))) {
            return Optional.empty();
        }
        Optional<TicketId> ticket = ticketOf(sharedMailbox, message);
        if (ticket.isEmpty()) {
            return Optional.empty();
        }
        Optional<TicketHistory.Reply> first = activity.history(sharedMailbox, ticket.get()).answeredByAnother(member.asString());
        if (first.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> messageId = MessageHeaders.first(message, "Message-ID");
        boolean resend = ledger.isResend(sharedMailbox, ticket.get(), member, messageId, bodyDigest);
        return Optional.of(new Collision(ticket.get(), first.get(), settings.get(), resend, clock.instant()));
    }

    /** Remembers a refused reply, so that the same one sent again within the window goes through. */
    public void refused(SharedMailbox sharedMailbox, Collision collision, MailAddress member, MimeMessage message, String bodyDigest) {
        ledger.rememberRefused(sharedMailbox, collision.ticket(), member, MessageHeaders.first(message, "Message-ID"), bodyDigest,
            collision.settings().resendWindow());
    }

    private Optional<TicketId> ticketOf(SharedMailbox sharedMailbox, MimeMessage message) {
        Optional<TicketId> tagged = sharedMailbox.subjectConventions().tagFormat()
            .findAll(MessageHeaders.subject(message), sharedMailbox.ticketPrefix()).stream().findFirst();
        return tagged.or(() -> conversationIndex.ticketOf(sharedMailbox, MessageIds.referencedBy(
            MessageHeaders.first(message, "In-Reply-To"), MessageHeaders.first(message, "References"))));
    }
}
