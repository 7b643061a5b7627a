package com.teaminbox.james.ticket;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.MailboxAnnotation;
import org.apache.james.mailbox.model.MailboxAnnotationKey;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.james.mailbox.store.mail.AnnotationMapper;
import org.apache.james.mailbox.store.transaction.Mapper;

/**
 * Which ticket a Message-ID opened: one RFC 5464 annotation on the {@code Ticket Registry} folder
 * per ticket, {@code /private/vendor/teaminbox/ticketorigin/<sha-256 of the identifier>} = the
 * number, kept by James's mailbox layer (memory, or Cassandra's annotation table shared by every
 * node). Annotations go with their folder: deleting the registry folder, which restarts the
 * numbers, forgets them too.
 *
 * <p>Why the mapper and not {@code MailboxAnnotationManager}: the manager caps a folder at 10
 * annotations (James's default, for IMAP clients) and counts them before each new one, a cost that
 * grows with the folder; one insert is what a ticket needs. Why hashed: the identifier comes from
 * the sender, and annotation keys accept letters, digits and {@code /} only.
 */
public class TicketOrigins {
    private static final String PREFIX = "/private/vendor/teaminbox/ticketorigin/";

    private final MailboxSessionMapperFactory mappers;

    @Inject
    public TicketOrigins(MailboxSessionMapperFactory mappers) {
        this.mappers = mappers;
    }

    public void remember(MailboxSession session, MailboxId registry, String messageId, long number) throws MailboxException {
        AnnotationMapper mapper = mappers.getAnnotationMapper(session);
        MailboxAnnotation annotation = MailboxAnnotation.newInstance(key(messageId), Long.toString(number));
        mapper.execute(Mapper.toTransaction(() -> mapper.insertAnnotation(registry, annotation)));
    }

    /** The number this Message-ID opened, if remembered here. */
    public Optional<Long> ticketOf(MailboxSession session, MailboxId registry, String messageId) throws MailboxException {
        AnnotationMapper mapper = mappers.getAnnotationMapper(session);
        return mapper.execute(() -> mapper.getAnnotationsByKeys(registry, Set.of(key(messageId))))
            .stream()
            .flatMap(annotation -> annotation.getValue().stream())
            .flatMap(TicketOrigins::number)
            .findFirst();
    }

    static MailboxAnnotationKey key(String messageId) {
        return new MailboxAnnotationKey(PREFIX + MessageIdDigests.of(messageId));
    }

    private static Stream<Long> number(String value) {
        try {
            return Stream.of(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            // Not one of ours (an administrator's SETMETADATA): no ticket.
            return Stream.empty();
        }
    }
}
