package com.teaminbox.james.mailets;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.mailbox.model.ComposedMessageId;
import org.apache.james.mailbox.model.MailboxConstants;
import org.apache.james.metrics.api.Metric;
import org.apache.james.server.core.MailImpl;
import org.apache.james.transport.mailets.delivery.MailDispatcher;
import org.apache.james.transport.mailets.delivery.SimpleMailStore;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.apache.mailet.PerRecipientHeaders.Header;
import org.apache.mailet.StorageDirective;
import org.apache.mailet.base.RFC2822Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.Exceptions;

/**
 * James 3.8.1's {@code MailDispatcher} with {@code SimpleMailStore}, as {@code LocalDelivery}
 * builds them, run on the calling thread (the spooler's) with plain calls instead of a Reactor
 * chain per recipient (issue 18: the chain's assembly, {@code retryWhen} and {@code collectList}
 * were about a third of the delivery's samples on the spooler). What the delivery does is
 * James's, step for step:
 * <ul>
 *   <li>{@code Return-Path} set to the envelope sender ({@code <>} without one), replacing any, and
 *       left so (James does not restore it);</li>
 *   <li>recipient after recipient, in order: the headers added for that recipient
 *       ({@code Mail.addSpecificHeaderForRecipient}, e.g. {@code AddDeliveredToHeader}'s
 *       {@code Delivered-To}) added around its store, then those header names restored to their
 *       values before (also when the store fails);</li>
 *   <li>the account: {@code UsersRepository.getUsername} (virtual hosting), the address itself when
 *       it cannot answer; the folder, flags and keywords of the mail's {@code StorageDirective} for
 *       that account, {@code INBOX} by default;</li>
 *   <li>a failed store retried {@value #RETRIES} times after James's back-off ({@link #backoff});
 *       James waits on Reactor's timer while the spool thread blocks in {@code block()}, here the
 *       spool thread sleeps: the same thread held for the same time. Each failure is logged as James
 *       logs it, then {@code Retries exhausted: 3/3};</li>
 *   <li>each store counted in {@code localDeliveredMails} and logged at INFO under James's
 *       {@code SimpleMailStore} logger; the retries and final failures under {@code MailDispatcher}'s
 *       (an administrator's logback configuration naming those keeps working);</li>
 *   <li>the recipients still failing sent, as one mail {@code error-<name>} with the sender and the
 *       message, to the {@code onMailetException} processor ({@code error} by default; none under
 *       {@code ignore}; under {@code propagate} the first failure is thrown and later recipients are
 *       not delivered); then the mail is consumed ({@code GHOST}).</li>
 * </ul>
 * Differences that nothing outside sees: James asks the users repository twice per recipient for
 * the same answer, here once; the storage directive is read without streams ({@link #directive}).
 * One that shows only in timing: a store that fails before it starts (James's appender refuses an
 * empty target folder at once) is retried here like any failed store, where James's
 * {@code SimpleMailStore} sends that recipient on without retries: the same error processor,
 * one to two seconds later (as on main before this class, through {@code AppendOnce}).
 */
final class SpoolDelivery {
    static final int RETRIES = MailDispatcher.RETRIES;
    static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(1);
    /** Reactor's default for {@code Retry.backoff}, which James uses: a delay varies by up to half of itself. */
    private static final long JITTER_PERCENT = 50;
    private static final Logger DISPATCH_LOGGER = LoggerFactory.getLogger(MailDispatcher.class);
    private static final Logger STORE_LOGGER = LoggerFactory.getLogger(SimpleMailStore.class);
    private static final String[] NO_HEADERS = {};
    /** James 3.8.1's StorageDirective attribute names, each followed by the account. */
    private static final String DELIVERY_PATH_PREFIX = "DeliveryPath_";
    private static final String SEEN_PREFIX = "Seen_";
    private static final String IMPORTANT_PREFIX = "Important_";
    private static final String KEYWORDS_PREFIX = "Keywords_";

    /** How the spool thread waits before a retry: {@link Thread#sleep} in the server. */
    interface Pause {
        Pause SLEEP = delay -> Thread.sleep(delay.toMillis());

        void pause(Duration delay) throws InterruptedException;
    }

    private final UsersRepository usersRepository;
    private final AppendOnce store;
    private final Metric delivered;
    private final MailetContext context;
    private final String errorProcessor;
    private final boolean ignoreError;
    private final boolean propagate;
    private final Pause pause;

    SpoolDelivery(UsersRepository usersRepository, AppendOnce store, Metric delivered, MailetContext context, String onMailetException,
                  Pause pause) {
        this.usersRepository = usersRepository;
        this.store = store;
        this.delivered = delivered;
        this.context = context;
        this.errorProcessor = onMailetException;
        this.ignoreError = onMailetException.equalsIgnoreCase("ignore");
        this.propagate = onMailetException.equalsIgnoreCase("propagate");
        this.pause = pause;
    }

    void deliver(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        // James's placeholder (MimeMessageWrapper) keeps Return-Path first among the headers.
        message.setHeader(RFC2822Headers.RETURN_PATH, mail.getMaybeSender().asPrettyString());
        List<MailAddress> failed = new ArrayList<>(0);
        for (MailAddress recipient : mail.getRecipients()) {
            try {
                deliver(mail, message, recipient);
            } catch (Exception e) {
                if (interrupted(e)) {
                    throw Exceptions.propagate(e);
                }
                DISPATCH_LOGGER.error("Error while storing mail. This is a final exception.", e);
                if (propagate) {
                    throw Exceptions.propagate(e);
                }
                failed.add(recipient);
            }
        }
        if (!failed.isEmpty() && !ignoreError) {
            sendToErrorProcessor(mail, failed);
        }
        mail.setState(Mail.GHOST);
    }

    private void deliver(Mail mail, MimeMessage message, MailAddress recipient) throws MessagingException {
        Map<String, List<String>> saved = saveHeaders(mail, message, recipient);
        try {
            for (Header header : mail.getPerRecipientSpecificHeaders().getHeadersForRecipient(recipient)) {
                message.addHeader(header.getName(), header.getValue());
            }
            storeWithRetries(mail, message, recipient);
        } catch (MessagingException | RuntimeException e) {
            try {
                restoreHeaders(message, saved);
            } catch (MessagingException | RuntimeException restoring) {
                e.addSuppressed(restoring);
            }
            throw e;
        }
        restoreHeaders(message, saved);
    }

    private void storeWithRetries(Mail mail, MimeMessage message, MailAddress recipient) throws MessagingException {
        Username username = username(recipient);
        StorageDirective directive = directive(username, mail);
        AppendOnce.Attempts attempts = store.attempts(message, username, directive);
        for (int retry = 0; ; retry++) {
            ComposedMessageId stored;
            try {
                stored = attempts.attempt();
            } catch (MessagingException | RuntimeException e) {
                if (interrupted(e)) {
                    throw e;
                }
                DISPATCH_LOGGER.warn("Error While storing mail. This error will be retried for {} more times.", RETRIES - retry, e);
                if (retry == RETRIES) {
                    throw Exceptions.retryExhausted("Retries exhausted: " + RETRIES + "/" + RETRIES, e);
                }
                sleep(backoff(retry, ThreadLocalRandom.current()));
                continue;
            }
            delivered.increment();
            if (STORE_LOGGER.isInfoEnabled()) {
                STORE_LOGGER.info("Local delivered mail {} with messageId {} successfully from {} to {} in folder {} with composedMessageId {}",
                    mail.getName(), messageId(message), mail.getMaybeSender().asString(), recipient.asPrettyString(),
                    directive.getTargetFolder().get(), stored);
            }
            return;
        }
    }

    /**
     * {@code StorageDirective.fromMail(username, mail).withDefaultFolder("INBOX")}, read with plain
     * code: James's builds a stream and Optionals for each of the four attributes, even when the mail
     * carries none, and it was a fifth of the delivery's samples on the spooler (issue 18). Read as
     * James reads them: the folder if a String, seen and important if Booleans, the keywords the
     * String values of a collection's attribute values, without repeats, in order, absent when none.
     */
    static StorageDirective directive(Username username, Mail mail) {
        String account = username.asString();
        Object folder = value(mail, DELIVERY_PATH_PREFIX + account);
        Object seen = value(mail, SEEN_PREFIX + account);
        Object important = value(mail, IMPORTANT_PREFIX + account);
        return StorageDirective.builder()
            .targetFolder(folder instanceof String name ? name : MailboxConstants.INBOX)
            .seen(seen instanceof Boolean flag ? Optional.of(flag) : Optional.empty())
            .important(important instanceof Boolean flag ? Optional.of(flag) : Optional.empty())
            .keywords(keywords(value(mail, KEYWORDS_PREFIX + account)))
            .build();
    }

    private static Object value(Mail mail, String attribute) {
        Optional<Attribute> found = mail.getAttribute(AttributeName.of(attribute));
        return found.isPresent() ? found.get().getValue().getValue() : null;
    }

    private static Optional<Collection<String>> keywords(Object value) {
        if (!(value instanceof Collection<?> values)) {
            return Optional.empty();
        }
        Set<String> keywords = new LinkedHashSet<>();
        for (Object each : values) {
            if (each instanceof AttributeValue<?> attributeValue && attributeValue.getValue() instanceof String keyword) {
                keywords.add(keyword);
            }
        }
        return keywords.isEmpty() ? Optional.empty() : Optional.of(keywords);
    }

    /**
     * The wait before retry {@code retry} (from 0): Reactor's {@code Retry.backoff(3, 200 ms).maxBackoff(1 s)}
     * as James's MailDispatcher configures it, 200 ms doubled per retry, at most 1 s, varied by up to half
     * of itself within those bounds: 200 to 300 ms, then 200 to 600, then 400 to 1,000.
     */
    static Duration backoff(int retry, ThreadLocalRandom random) {
        long first = FIRST_BACKOFF.toMillis();
        long max = MAX_BACKOFF.toMillis();
        long next = Math.min(first << Math.min(retry, 20), max);
        long jitterOffset = next * JITTER_PERCENT / 100;
        long low = Math.max(first - next, -jitterOffset);
        long high = Math.min(max - next, jitterOffset);
        long jitter;
        if (low == high) {
            jitter = high == 0 ? 0 : random.nextLong(high);
        } else {
            jitter = random.nextLong(low, high);
        }
        return Duration.ofMillis(next + jitter);
    }

    private void sleep(Duration delay) {
        try {
            pause.pause(delay);
        } catch (InterruptedException e) {
            // As Reactor's block() when the spooler stops: the interruption leaves the delivery.
            Thread.currentThread().interrupt();
            throw Exceptions.propagate(e);
        }
    }

    private static boolean interrupted(Exception e) {
        return Exceptions.unwrap(e) instanceof InterruptedException;
    }

    private Username username(MailAddress recipient) {
        try {
            return usersRepository.getUsername(recipient);
        } catch (UsersRepositoryException e) {
            STORE_LOGGER.warn("Unable to retrieve username for {}", recipient.asPrettyString(), e);
            return Username.of(recipient.asString());
        }
    }

    /** The values, before this recipient's own headers are added, of each header name added for it. */
    private static Map<String, List<String>> saveHeaders(Mail mail, MimeMessage message, MailAddress recipient) throws MessagingException {
        Collection<String> names = mail.getPerRecipientSpecificHeaders().getHeaderNamesForRecipient(recipient);
        if (names.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> saved = new LinkedHashMap<>();
        for (String name : names) {
            String[] values = message.getHeader(name);
            saved.put(name, List.of(values == null ? NO_HEADERS : values));
        }
        return saved;
    }

    private static void restoreHeaders(MimeMessage message, Map<String, List<String>> saved) throws MessagingException {
        for (Map.Entry<String, List<String>> header : saved.entrySet()) {
            message.removeHeader(header.getKey());
            for (String value : header.getValue()) {
                message.addHeader(header.getKey(), value);
            }
        }
    }

    /** James's copy for the recipients still failing: it carries no error message (MailDispatcher sets none). */
    private void sendToErrorProcessor(Mail mail, List<MailAddress> failed) throws MessagingException {
        Mail copy = MailImpl.builder()
            .name("error-" + mail.getName())
            .sender(mail.getMaybeSender())
            .addRecipients(failed)
            .mimeMessage(mail.getMessage())
            .state(errorProcessor)
            .build();
        try {
            context.sendMail(copy);
        } finally {
            LifecycleUtil.dispose(copy);
        }
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            return null;
        }
    }
}
