package com.teaminbox.james.webhooks;

import java.time.Instant;
import java.util.Optional;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;

import com.teaminbox.james.common.MailSession;

/**
 * One webhook to one endpoint, as kept in the mail repository between tries: the body is signed
 * and sent as is on every try, under the same {@code webhook-id}, so a receiver deduplicates on it.
 * Stored as a James {@link Mail} named by the id, whose attributes hold the delivery (the mail's
 * own message is a placeholder): an administrator can see the entries with WebAdmin's
 * {@code /mailRepositories}, and a Cassandra-backed James shares them between nodes.
 *
 * @param owner        the node that tries it next (docs/webhooks.md, "Several nodes")
 * @param claimedUntil a node is sending it until then; another node leaves it alone
 * @param status       {@code pending}, {@code delivered}, {@code failed} (gave up), {@code endpoint-disabled}
 */
public record PendingDelivery(String id, String mailbox, String endpoint, String type, String body, int attempts, Instant created,
                       Instant nextTry, String owner, Optional<Instant> claimedUntil, String status, String lastResult,
                       Optional<Instant> lastTry) {
    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String FAILED = "failed";
    static final String ENDPOINT_DISABLED = "endpoint-disabled";
    private static final String PREFIX = "teaminbox.webhook.";

    PendingDelivery tried(String result, Instant at, Instant next, String node, String newStatus) {
        return new PendingDelivery(id, mailbox, endpoint, type, body, attempts + 1, created, next, node, Optional.empty(), newStatus, result,
            Optional.of(at));
    }

    PendingDelivery claimed(String node, Instant until) {
        return new PendingDelivery(id, mailbox, endpoint, type, body, attempts, created, nextTry, node, Optional.of(until), status, lastResult,
            lastTry);
    }

    PendingDelivery withStatus(String newStatus, String result) {
        return new PendingDelivery(id, mailbox, endpoint, type, body, attempts, created, nextTry, owner, Optional.empty(), newStatus, result,
            lastTry);
    }

    /** Sent again from the start, same id: the receiver's idempotency key still dedupes it. */
    PendingDelivery replayed(String node, Instant now) {
        return new PendingDelivery(id, mailbox, endpoint, type, body, 0, now, now, node, Optional.empty(), PENDING, "replayed", lastTry);
    }

    Mail asMail() throws MessagingException {
        MimeMessage placeholder = new MimeMessage(MailSession.SHARED);
        placeholder.setText("TeamInbox webhook delivery " + id + " (see its attributes)");
        placeholder.saveChanges();
        MailImpl.Builder mail = MailImpl.builder().name(id).sender(MailAddress.nullSender())
            .addRecipient(new MailAddress("webhooks@teaminbox.invalid")).mimeMessage(placeholder)
            .addAttribute(attribute("mailbox", mailbox))
            .addAttribute(attribute("endpoint", endpoint))
            .addAttribute(attribute("type", type))
            .addAttribute(attribute("body", body))
            .addAttribute(attribute("attempts", Integer.toString(attempts)))
            .addAttribute(attribute("created", created.toString()))
            .addAttribute(attribute("nextTry", nextTry.toString()))
            .addAttribute(attribute("owner", owner))
            .addAttribute(attribute("status", status))
            .addAttribute(attribute("lastResult", lastResult));
        claimedUntil.ifPresent(until -> mail.addAttribute(attribute("claimedUntil", until.toString())));
        lastTry.ifPresent(at -> mail.addAttribute(attribute("lastTry", at.toString())));
        return mail.build();
    }

    static PendingDelivery of(Mail mail) {
        return new PendingDelivery(mail.getName(), text(mail, "mailbox"), text(mail, "endpoint"), text(mail, "type"), text(mail, "body"),
            Integer.parseInt(text(mail, "attempts")), Instant.parse(text(mail, "created")), Instant.parse(text(mail, "nextTry")),
            text(mail, "owner"), optional(mail, "claimedUntil").map(Instant::parse), text(mail, "status"), text(mail, "lastResult"),
            optional(mail, "lastTry").map(Instant::parse));
    }

    private static Attribute attribute(String name, String value) {
        return new Attribute(AttributeName.of(PREFIX + name), AttributeValue.of(value));
    }

    private static String text(Mail mail, String name) {
        return optional(mail, name).orElseThrow(() -> new IllegalStateException("Webhook delivery " + mail.getName() + " has no " + name));
    }

    private static Optional<String> optional(Mail mail, String name) {
        return mail.getAttribute(AttributeName.of(PREFIX + name)).map(attribute -> attribute.getValue().value()).map(String::valueOf);
    }
}
