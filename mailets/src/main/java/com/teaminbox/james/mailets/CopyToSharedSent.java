package com.teaminbox.james.mailets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.AddressException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.core.sending.RepliedMessageIds;
import com.teaminbox.core.sending.SendDecision;
import com.teaminbox.core.sending.SendRules;
import com.teaminbox.core.ticket.store.ConversationIndex;
import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.james.common.HeaderAddresses;
import com.teaminbox.james.common.MessageHeaders;
import com.teaminbox.james.outgoing.TicketActivity;
import com.teaminbox.james.sending.SharedMailboxReplies;

/**
 * For mail a member submitted {@code From:} a shared address: puts a read copy into the shared
 * mailbox's {@code Sent} folder and marks the message it answers {@code \Answered} there (found by
 * {@code In-Reply-To}/{@code References}, else by the ticket tag of the subject). The mail itself
 * goes on unchanged, to be delivered or relayed. In the {@code transport} processor, before
 * {@code RecipientRewriteTable} (which may split the mail, and each part would be copied again):
 * <pre>{@code
 * <mailet match="SMTPAuthSuccessful" class="com.teaminbox.james.mailets.CopyToSharedSent"/>
 * }</pre>
 * Only mail whose authenticated sender may use the shared address (see {@link SendRules}) is
 * copied: the SMTP hooks should have refused the rest, and this mailet does not trust that they
 * are configured.
 */
public class CopyToSharedSent extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(CopyToSharedSent.class);

    private final ConfigurationInForce configurationStore;
    private final SharedMailboxReplies replies;
    private final ConversationIndex conversationIndex;

    @Inject
    public CopyToSharedSent(ConfigurationInForce configurationStore, SharedMailboxReplies replies,
                            ConversationIndex conversationIndex) {
        this.configurationStore = configurationStore;
        this.replies = replies;
        this.conversationIndex = conversationIndex;
    }

    @Override
    public void init() throws MessagingException {
        MailetParameters.of(this, Set.of());
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Optional<MailAddress> member = authenticatedUser(mail);
        if (member.isEmpty()) {
            return;
        }
        MimeMessage message = mail.getMessage();
        List<MailAddress> from;
        List<MailAddress> sender;
        try {
            from = HeaderAddresses.of(message, "From");
            sender = HeaderAddresses.of(message, "Sender");
        } catch (AddressException e) {
            // The submission hook refuses such mail; from elsewhere it is not a reply from a shared address.
            LOGGER.info("Not copying mail {} of {}: unreadable From:/Sender: ({})", mail.getName(), member.get().asString(), e.getMessage());
            return;
        }
        SharedMailboxesConfiguration configuration = configurationStore.current();
        List<SharedMailbox> sharedInFrom = from.stream()
            .flatMap(address -> configuration.find(address).stream())
            .distinct()
            .collect(Collectors.toList());
        if (sharedInFrom.isEmpty()) {
            return;
        }
        SendDecision decision = new SendRules(configuration).headers(member, from, sender);
        for (SharedMailbox sharedMailbox : sharedInFrom) {
            try (MDC.MDCCloseable mailbox = MDC.putCloseable("sharedMailbox", sharedMailbox.address().asString());
                 MDC.MDCCloseable mailId = MDC.putCloseable("mailId", mail.getName())) {
                if (decision.isRefused()) {
                    LOGGER.debug("Not copying mail of {} to {}'s Sent: {}", member.get().asString(),
                        sharedMailbox.address().asString(), decision.reason().orElseThrow());
                    continue;
                }
                copyAndMarkAnswered(message, member.get(), sharedMailbox);
            }
        }
    }

    private void copyAndMarkAnswered(MimeMessage message, MailAddress member, SharedMailbox sharedMailbox) throws MessagingException {
        // The mailbox's own tag format: with ticket-format="[{prefix} #{number}]" a default-format search finds nothing.
        Optional<TicketId> ticket = sharedMailbox.subjectConventions().tagFormat()
            .findAll(MessageHeaders.subject(message), sharedMailbox.ticketPrefix()).stream().findFirst();
        List<String> repliedIds = RepliedMessageIds.of(header(message, "In-Reply-To"), header(message, "References"));
        try {
            byte[] copy = bytes(message);
            // EnforceOutgoingSubject gave it one when the client sent none.
            Optional<String> messageId = MessageHeaders.first(message, "Message-ID");
            Optional<TicketId> carried = carriedTicket(message, sharedMailbox);
            if (messageId.isPresent() && carried.isPresent()) {
                conversationIndex.remember(sharedMailbox, messageId.get(), carried.get());
            }
            // The copy names the member who sent it: the collision guard reads who answered a ticket from Sent.
            replies.copyToSent(sharedMailbox, withSentBy(copy, member));
            Optional<SharedMailboxReplies.Found> answered = replies.markAnswered(sharedMailbox, repliedIds, ticket);
            LOGGER.debug("Copied mail of {} to {}'s Sent; answered: {}", member.asString(), sharedMailbox.address().asString(),
                answered.map(SharedMailboxReplies.Found::toString).orElse("no message found"));
        } catch (MailboxException e) {
            // To the error processor: the mail is kept in a repository an administrator can reprocess.
            throw new MessagingException("Could not copy mail of " + member.asString() + " to "
                + sharedMailbox.address().asString() + "'s Sent: " + e.getMessage(), e);
        }
    }

    /** The ticket of the copy's {@code X-Ticket} header (set by {@link EnforceOutgoingSubject}), which replies to it join. */
    private static Optional<TicketId> carriedTicket(MimeMessage message, SharedMailbox sharedMailbox) {
        return MessageHeaders.first(message, AssignTicket.TICKET_HEADER)
            .flatMap(value -> TicketId.parse(value, sharedMailbox.ticketPrefix()));
    }

    private static Optional<MailAddress> authenticatedUser(Mail mail) {
        return AttributeUtils.getValueAndCastFromMail(mail, Mail.SMTP_AUTH_USER, String.class)
            .flatMap(HeaderAddresses::mailAddress);
    }

    private static Optional<String> header(MimeMessage message, String name) throws MessagingException {
        return Optional.ofNullable(message.getHeader(name, " "));
    }

    private static byte[] withSentBy(byte[] message, MailAddress member) {
        byte[] header = (TicketActivity.SENT_BY_HEADER + ": " + member.asString() + "\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] stamped = new byte[header.length + message.length];
        System.arraycopy(header, 0, stamped, 0, header.length);
        System.arraycopy(message, 0, stamped, header.length, message.length);
        return stamped;
    }

    private static byte[] bytes(MimeMessage message) throws MessagingException {
        try {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            message.writeTo(content);
            return content.toByteArray();
        } catch (IOException e) {
            throw new MessagingException("Could not read the message to copy it", e);
        }
    }

    @Override
    public String getMailetInfo() {
        return "TeamInbox: copy a member's mail from a shared address to its Sent folder";
    }
}
