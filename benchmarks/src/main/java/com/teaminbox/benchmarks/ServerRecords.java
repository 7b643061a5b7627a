package com.teaminbox.benchmarks;

import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;

/**
 * The records the e2e pipeline writes, in its proportions (a trail of 5,000 e2e mails: 17,907
 * records, 3.6 per mail): per five mails, five {@code mail-received}, four {@code ticket-created}
 * and one {@code ticket-threaded}, three {@code rule-matched}, four {@code autoresponse-suppressed}
 * and one {@code message-read}; their members as the mailets, the SMTP hook and the IMAP guard
 * write them (400 to 650 bytes a line), one subject in eighteen in a script outside Latin-1.
 * {@code ./benchmark audit --mix server}.
 */
final class ServerRecords {
    static final String SHARED_MAILBOX = "support@example.test";
    private static final AuditEventType[] CYCLE = {
        AuditEventType.MAIL_RECEIVED, AuditEventType.TICKET_CREATED, AuditEventType.RULE_MATCHED, AuditEventType.AUTORESPONSE_SUPPRESSED,
        AuditEventType.MAIL_RECEIVED, AuditEventType.TICKET_CREATED, AuditEventType.AUTORESPONSE_SUPPRESSED,
        AuditEventType.MAIL_RECEIVED, AuditEventType.TICKET_CREATED, AuditEventType.RULE_MATCHED, AuditEventType.AUTORESPONSE_SUPPRESSED,
        AuditEventType.MAIL_RECEIVED, AuditEventType.TICKET_THREADED,
        AuditEventType.MAIL_RECEIVED, AuditEventType.TICKET_CREATED, AuditEventType.RULE_MATCHED, AuditEventType.AUTORESPONSE_SUPPRESSED,
        AuditEventType.MESSAGE_READ};
    private static final String SENDER = "jane@customer.test";

    private ServerRecords() {
    }

    /** The record numbered {@code sequence}; its mail is {@code sequence / 4}. */
    static AuditEvent event(long sequence) {
        long mail = sequence / 4;
        String messageId = "<e2e-b1-" + mail + "@bench.test>";
        String mailId = "Mail17965834" + (10_000_000 + mail) + "-286bd3b1-719b-4c07-a2ca-2ad919a6d703";
        String ticket = "SUP-" + (1000 + mail);
        String subject = sequence % 18 == 1 ? "Заказ " + mail + " не доставлен, срочно" : "Urgente : accès VPN impossible " + mail;
        return switch (CYCLE[(int) (sequence % CYCLE.length)]) {
            case MAIL_RECEIVED -> AuditEvent.of(AuditEventType.MAIL_RECEIVED, AuditActor.externalSender(SENDER))
                .sharedMailbox(SHARED_MAILBOX).messageId(messageId).decision("accepted")
                .detail("mailId", mailId).detail("remoteAddress", "127.0.0.1").detail("size", 20_755).build();
            case TICKET_CREATED -> AuditEvent.of(AuditEventType.TICKET_CREATED, AuditActor.system()).sharedMailbox(SHARED_MAILBOX)
                .ticket(ticket).messageId(messageId).decision("created").reason("NEW_TICKET")
                .detail("mailId", mailId).detail("sender", SENDER).detail("subject", subject).build();
            case TICKET_THREADED -> AuditEvent.of(AuditEventType.TICKET_THREADED, AuditActor.system()).sharedMailbox(SHARED_MAILBOX)
                .ticket(ticket).messageId(messageId).decision("threaded").reason("IN_REPLY_TO")
                .detail("mailId", mailId).detail("sender", SENDER).detail("subject", "Re: [" + ticket + "] " + subject).build();
            case RULE_MATCHED -> AuditEvent.of(AuditEventType.RULE_MATCHED, AuditActor.system()).sharedMailbox(SHARED_MAILBOX)
                .ticket(ticket).messageId(messageId).decision("applied")
                .detail("actions", "[flag \\Flagged, keyword $Urgent]").detail("mailId", mailId).detail("rule", "urgent")
                .detail("sender", SENDER).detail("subject", "[" + ticket + "] " + subject).build();
            case AUTORESPONSE_SUPPRESSED -> AuditEvent.of(AuditEventType.AUTORESPONSE_SUPPRESSED, AuditActor.system())
                .sharedMailbox(SHARED_MAILBOX).ticket(ticket).messageId(messageId).decision("suppressed")
                .reason("suppress SENDER_DAILY_CAP (10 per day): the sender reached the daily cap of acknowledgements")
                .detail("mailId", mailId).detail("sender", SENDER).build();
            default -> AuditEvent.of(AuditEventType.MESSAGE_READ, AuditActor.member("alice@example.test"))
                .sharedMailbox(SHARED_MAILBOX).decision("accepted")
                .detail("command", "FETCH").detail("folder", "INBOX").detail("uids", Long.toString(mail)).build();
        };
    }
}
