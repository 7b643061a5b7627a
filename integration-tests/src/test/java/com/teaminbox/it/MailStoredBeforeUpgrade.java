package com.teaminbox.it;

import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.utils.UserDefinedStartable;

/**
 * support@'s mail as a TeamInbox without the Message-ID memory left it: ticket SUP-1 in the registry,
 * opened by {@value #ORIGIN}, whose message sits in INBOX with its tag. Runs before provisioning.
 */
public class MailStoredBeforeUpgrade implements UserDefinedStartable {
    static final String ORIGIN = "<question@customer.test>";

    private final MailboxManager mailboxManager;

    @Inject
    public MailStoredBeforeUpgrade(MailboxManager mailboxManager) {
        this.mailboxManager = mailboxManager;
    }

    @Override
    public void start() {
        MailboxSession session = mailboxManager.createSystemSession(Username.of("support@example.test"));
        try {
            append(session, "Ticket Registry", "From: support@example.test\r\nSubject: Printer broken\r\n"
                + "X-Ticket-Origin-Message-Id: " + ORIGIN + "\r\n\r\nTicket registry entry.\r\n");
            append(session, "INBOX", "From: jane@customer.test\r\nTo: support@example.test\r\nSubject: [SUP-1] Printer broken\r\n"
                + "Message-ID: " + ORIGIN + "\r\nX-Ticket: SUP-1\r\n\r\nMy printer is broken.\r\n");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    /**
     * A member deletes the stored message, then its customer replies naming it (no tag): the INBOX's
     * subjects after the reply, as alice sees them. Both upgrade paths must keep the reply in SUP-1.
     */
    static List<String> subjectsAfterAReplyToItOnceDeleted(TeamInboxServer server) throws Exception {
        String support = "support@example.test";
        String alice = "alice@example.test";
        String jane = "jane@customer.test";
        try (ImapTestClient member = server.imapAsMemberOf(support, alice)) {
            member.select("INBOX");
            if (!member.command("STORE 1 +FLAGS.SILENT (\\Deleted)") || !member.command("EXPUNGE")) {
                throw new IllegalStateException("alice could not delete the stored message");
            }
        }
        server.smtp().sendRaw(jane, support, "From: " + jane + "\r\nTo: " + support + "\r\nSubject: Re: Printer broken\r\n"
            + "Message-ID: <reply@customer.test>\r\nIn-Reply-To: " + ORIGIN + "\r\n\r\nStill broken.\r\n");
        server.awaitMessages(support, alice, "INBOX", 1);
        try (ImapTestClient imap = server.imapAsMemberOf(support, alice)) {
            imap.select("INBOX");
            return imap.headers("Subject");
        }
    }

    private void append(MailboxSession session, String folder, String message) throws Exception {
        MailboxPath path = MailboxPath.forUser(session.getUser(), folder);
        mailboxManager.createMailbox(path, session);
        mailboxManager.getMailbox(path, session)
            .appendMessage(MessageManager.AppendCommand.builder().build(message.getBytes(StandardCharsets.US_ASCII)), session);
    }
}
