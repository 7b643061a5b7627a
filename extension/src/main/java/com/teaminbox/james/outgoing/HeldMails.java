package com.teaminbox.james.outgoing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.mailrepository.api.MailKey;
import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;

import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.config.SharedMailbox;

/**
 * Mail the data-loss checks hold: kept in a James mail repository (by default
 * {@code file://var/mail/held/}, on disk, so a restart loses nothing; in a cluster, a shared
 * repository such as Cassandra's), where WebAdmin's own {@code /mailRepositories} can see it too.
 * A released mail re-enters James's spool as it was submitted, authenticated sender included, so
 * it is copied to the shared {@code Sent} and delivered like any other.
 */
public class HeldMails {
    public static final AttributeName SHARED_MAILBOX = AttributeName.of("teaminbox.held.sharedMailbox");
    public static final AttributeName FINDINGS = AttributeName.of("teaminbox.held.findings");
    public static final AttributeName MEMBER = AttributeName.of("teaminbox.held.member");
    /**
     * The {@code send-accepted} record the submission hooks had prepared when the mail was held: written
     * only if the mail is released, since only then is it a reply the customer gets (the SLA clock,
     * the reports and the webhooks count it). Kept as its ticket, Message-ID and details.
     */
    public static final AttributeName ACCEPTANCE = AttributeName.of("teaminbox.held.acceptance");
    private static final String TICKET = "ticket";
    private static final String MESSAGE_ID = "messageId";
    private static final String DETAIL_PREFIX = "detail.";

    /** What WebAdmin lists of a held mail: never its text. */
    public record Held(String key, String member, List<String> recipients, String findings, Instant heldAt, long size) {
    }

    /** A released mail, with the {@code send-accepted} record to write now that it goes out (none for mail held before 2026-12-06). */
    public record Released(Held held, Optional<AuditEvent> acceptance) {
    }

    private final MailRepositoryStore repositories;
    private final MailetContext mailetContext;

    @Inject
    public HeldMails(MailRepositoryStore repositories, MailetContext mailetContext) {
        this.repositories = repositories;
        this.mailetContext = mailetContext;
    }

    /**
     * Keeps a copy of {@code mail}, with what the SMTP server would have added had it queued it
     * (the authenticated user, the client's address), since it is held before James's own hooks run.
     */
    public MailKey hold(SharedMailbox sharedMailbox, Mail mail, MailAddress member, String findings, String remoteAddress,
                        String remoteHost, Optional<AuditEvent> acceptance) throws MessagingException {
        // A copy in the heap: the SMTP server disposes of the submitted mail's file once the dialogue is over.
        MimeMessage copy = new MimeMessage(mail.getMessage());
        MailImpl held = MailImpl.builder()
            .name(mail.getName())
            .sender(mail.getMaybeSender())
            .addRecipients(mail.getRecipients())
            .mimeMessage(copy)
            .remoteAddr(remoteAddress)
            .remoteHost(remoteHost)
            .addAttribute(new Attribute(Mail.SMTP_AUTH_USER, AttributeValue.of(member.asString())))
            .addAttribute(new Attribute(SHARED_MAILBOX, AttributeValue.of(sharedMailbox.address().asString())))
            .addAttribute(new Attribute(FINDINGS, AttributeValue.of(findings)))
            .addAttribute(new Attribute(MEMBER, AttributeValue.of(member.asString())))
            .build();
        acceptance.ifPresent(event -> held.setAttribute(new Attribute(ACCEPTANCE, AttributeValue.of(kept(event)))));
        try {
            return repository(sharedMailbox).store(held);
        } finally {
            held.dispose();
        }
    }

    public List<Held> list(SharedMailbox sharedMailbox) throws MessagingException {
        MailRepository repository = repository(sharedMailbox);
        List<Held> held = new ArrayList<>();
        Iterator<MailKey> keys = repository.list();
        while (keys.hasNext()) {
            MailKey key = keys.next();
            Mail mail = repository.retrieve(key);
            if (mail == null || !belongsTo(mail, sharedMailbox)) {
                continue;
            }
            try {
                held.add(new Held(key.asString(), attribute(mail, MEMBER).orElse(""),
                    mail.getRecipients().stream().map(MailAddress::asString).toList(), attribute(mail, FINDINGS).orElse(""),
                    Optional.ofNullable(mail.getLastUpdated()).map(Date::toInstant).orElse(Instant.EPOCH), mail.getMessageSize()));
            } finally {
                LifecycleUtil.dispose(mail);
            }
        }
        return held;
    }

    /** Back to James's spool, as submitted; then out of the repository. Empty when no such held mail of this mailbox. */
    public Optional<Released> release(SharedMailbox sharedMailbox, String key) throws MessagingException {
        return take(sharedMailbox, key, true);
    }

    public Optional<Held> discard(SharedMailbox sharedMailbox, String key) throws MessagingException {
        return take(sharedMailbox, key, false).map(Released::held);
    }

    private Optional<Released> take(SharedMailbox sharedMailbox, String key, boolean deliver) throws MessagingException {
        MailRepository repository = repository(sharedMailbox);
        MailKey mailKey = new MailKey(key);
        Mail mail = repository.retrieve(mailKey);
        if (mail == null || !belongsTo(mail, sharedMailbox)) {
            return Optional.empty();
        }
        try {
            Held held = new Held(key, attribute(mail, MEMBER).orElse(""), mail.getRecipients().stream().map(MailAddress::asString).toList(),
                attribute(mail, FINDINGS).orElse(""), Instant.now(), mail.getMessageSize());
            if (deliver) {
                // Enqueued first, removed second: a crash in between delivers it and leaves a copy to discard, never neither.
                mail.setState(Mail.DEFAULT);
                mailetContext.sendMail(mail);
            }
            repository.remove(mailKey);
            return Optional.of(new Released(held, acceptance(mail, held.member(), sharedMailbox)));
        } finally {
            LifecycleUtil.dispose(mail);
        }
    }

    private MailRepository repository(SharedMailbox sharedMailbox) throws MessagingException {
        try {
            return repositories.select(MailRepositoryUrl.from(sharedMailbox.outgoingCare().dataLoss().holdRepository()));
        } catch (MailRepositoryStore.MailRepositoryStoreException e) {
            throw new MessagingException("No mail repository at " + sharedMailbox.outgoingCare().dataLoss().holdRepository()
                + " (is its protocol in mailrepositorystore.xml?)", e);
        }
    }

    private static Map<String, AttributeValue<?>> kept(AuditEvent acceptance) {
        Map<String, AttributeValue<?>> kept = new HashMap<>();
        acceptance.ticket().ifPresent(ticket -> kept.put(TICKET, AttributeValue.of(ticket)));
        acceptance.messageId().ifPresent(messageId -> kept.put(MESSAGE_ID, AttributeValue.of(messageId)));
        acceptance.details().forEach((name, value) -> kept.put(DETAIL_PREFIX + name, AttributeValue.of(value)));
        return kept;
    }

    /** The record prepared at submission, now dated at the release, which is when the reply left. */
    private static Optional<AuditEvent> acceptance(Mail mail, String member, SharedMailbox sharedMailbox) {
        return mail.getAttribute(ACCEPTANCE)
            .map(Attribute::getValue)
            .map(AttributeValue::value)
            .filter(Map.class::isInstance)
            .map(value -> (Map<?, ?>) value)
            .map(kept -> {
                AuditEvent.Builder event = AuditEvent.of(AuditEventType.SEND_ACCEPTED, AuditActor.member(member))
                    .sharedMailbox(sharedMailbox.address().asString())
                    .decision("accepted");
                kept.forEach((name, value) -> {
                    String text = String.valueOf(((AttributeValue<?>) value).value());
                    if (TICKET.equals(name)) {
                        event.ticket(text);
                    } else if (MESSAGE_ID.equals(name)) {
                        event.messageId(text);
                    } else if (String.valueOf(name).startsWith(DETAIL_PREFIX)) {
                        event.detail(String.valueOf(name).substring(DETAIL_PREFIX.length()), text);
                    }
                });
                return event.detail("stage", "release").build();
            });
    }

    private static boolean belongsTo(Mail mail, SharedMailbox sharedMailbox) {
        return attribute(mail, SHARED_MAILBOX).filter(sharedMailbox.address().asString()::equals).isPresent();
    }

    private static Optional<String> attribute(Mail mail, AttributeName name) {
        return AttributeUtils.getValueAndCastFromMail(mail, name, String.class);
    }
}
