package com.teaminbox.james.sla;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.Flags;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxExistsException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.Header;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.mailbox.model.MessageResultIterator;

import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.sla.TicketFact;
import com.teaminbox.core.ticket.TicketSubjects;
import com.teaminbox.james.common.MailSession;
import com.teaminbox.james.common.MessageHeaders;
import com.teaminbox.james.common.SharedAccounts;

/**
 * The SLA's shared state, in the shared account's {@value #LEDGER_FOLDER} folder (hidden from
 * members: no ACL entry names it): one small message per lifecycle fact, and one per escalation
 * claim. Every node of a cluster reads and writes the same folder, through James's mailbox layer
 * (memory, or Cassandra with every node), so the state survives restarts and is the same on each.
 *
 * <p>"Once per ticket and stage, cluster-wide": a node that finds a stage due appends a claim
 * naming it, then reads the claims of that stage back; the claim with the lowest UID wins. The
 * mailbox layer hands out strictly increasing UIDs under concurrent appends from any node (the
 * guarantee ticket numbers already rest on, see MailboxTicketRegistry), so two nodes claiming at
 * once agree on one winner; the loser's claim stays as a harmless record of the race.
 */
public class SlaLedger {
    public static final String LEDGER_FOLDER = "SLA Ledger";
    static final String TICKET_HEADER = "X-Sla-Ticket";
    static final String FACT_HEADER = "X-Sla-Fact";
    static final String AT_HEADER = "X-Sla-At";
    static final String ACTOR_HEADER = "X-Sla-Actor";
    static final String DETAIL_HEADER = "X-Sla-Detail";
    static final String CLAIM_HEADER = "X-Sla-Claim";
    static final String NODE_HEADER = "X-Sla-Node";

    /** What the folder holds now: every fact, and for each claimed stage key, the UID of its winning claim. */
    public record Snapshot(List<TicketFact> facts, Map<String, Long> claims) {
        public Set<String> claimedKeys() {
            return claims.keySet();
        }
    }

    private final MailboxManager mailboxManager;
    private final SharedAccounts accounts;

    @Inject
    public SlaLedger(MailboxManager mailboxManager, SharedAccounts accounts) {
        this.mailboxManager = mailboxManager;
        this.accounts = accounts;
    }

    public static MailboxPath ledgerPath(MailboxSession session) {
        return MailboxPath.forUser(session.getUser(), LEDGER_FOLDER);
    }

    public void record(SharedMailbox sharedMailbox, TicketFact fact) throws MailboxException {
        Map<String, String> headers = new HashMap<>();
        headers.put(TICKET_HEADER, fact.ticket());
        headers.put(FACT_HEADER, fact.kind().wireName());
        headers.put(AT_HEADER, fact.at().toString());
        headers.put(ACTOR_HEADER, fact.actor());
        if (!fact.detail().isEmpty()) {
            headers.put(DETAIL_HEADER, fact.detail());
        }
        append(sharedMailbox, "fact " + fact.kind().wireName() + " " + fact.ticket(), headers);
    }

    public Snapshot snapshot(SharedMailbox sharedMailbox) throws MailboxException {
        List<TicketFact> facts = new ArrayList<>();
        Map<String, Long> claims = new HashMap<>();
        withLedger(sharedMailbox, (ledger, session) -> {
            MessageResultIterator results = ledger.getMessages(MessageRange.all(), FetchGroup.HEADERS, session);
            while (results.hasNext()) {
                MessageResult result = results.next();
                Map<String, String> headers = headers(result);
                long uid = result.getUid().asLong();
                Optional.ofNullable(headers.get(CLAIM_HEADER)).ifPresent(key -> claims.merge(key, uid, Math::min));
                fact(headers).ifPresent(facts::add);
            }
            return null;
        });
        return new Snapshot(facts, claims);
    }

    /**
     * Claims a stage for this node.
     *
     * @return whether this node's claim is the first one for {@code key}
     */
    public boolean claim(SharedMailbox sharedMailbox, String key, String node) throws MailboxException {
        long mine = append(sharedMailbox, "claim " + key, Map.of(CLAIM_HEADER, key, NODE_HEADER, node));
        Long winner = snapshot(sharedMailbox).claims().get(key);
        return winner != null && winner == mine;
    }

    private static Optional<TicketFact> fact(Map<String, String> headers) {
        Optional<TicketFact.Kind> kind = Optional.ofNullable(headers.get(FACT_HEADER)).flatMap(TicketFact.Kind::fromWireName);
        String ticket = headers.get(TICKET_HEADER);
        String at = headers.get(AT_HEADER);
        if (kind.isEmpty() || ticket == null || at == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new TicketFact(ticket, kind.get(), Instant.parse(at), headers.getOrDefault(ACTOR_HEADER, ""),
                headers.getOrDefault(DETAIL_HEADER, "")));
        } catch (DateTimeParseException e) {
            // Not one of ours (an operator appended something): not a fact.
            return Optional.empty();
        }
    }

    private static Map<String, String> headers(MessageResult result) throws MailboxException {
        Map<String, String> headers = new HashMap<>();
        Iterator<Header> iterator = result.getHeaders().headers();
        Set<String> ours = new HashSet<>(List.of(TICKET_HEADER, FACT_HEADER, AT_HEADER, ACTOR_HEADER, DETAIL_HEADER, CLAIM_HEADER, NODE_HEADER));
        while (iterator.hasNext()) {
            Header header = iterator.next();
            ours.stream().filter(header.getName()::equalsIgnoreCase).findFirst()
                .ifPresent(name -> headers.putIfAbsent(name, header.getValue().strip()));
        }
        return headers;
    }

    private long append(SharedMailbox sharedMailbox, String subject, Map<String, String> headers) throws MailboxException {
        byte[] entry = entry(sharedMailbox, subject, headers);
        return withLedger(sharedMailbox, (ledger, session) -> ledger.appendMessage(MessageManager.AppendCommand.builder()
            .withFlags(new Flags(Flags.Flag.SEEN))
            .build(entry), session).getId().getUid().asLong());
    }

    private <T> T withLedger(SharedMailbox sharedMailbox, LedgerWork<T> work) throws MailboxException {
        Username owner = accounts.username(sharedMailbox.address());
        MailboxSession session = mailboxManager.createSystemSession(owner);
        try {
            return work.run(ledger(session), session);
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    private MessageManager ledger(MailboxSession session) throws MailboxException {
        MailboxPath path = ledgerPath(session);
        try {
            return mailboxManager.getMailbox(path, session);
        } catch (MailboxNotFoundException e) {
            try {
                mailboxManager.createMailbox(path, session);
            } catch (MailboxExistsException alreadyCreated) {
                // another node or thread created it first
            }
            return mailboxManager.getMailbox(path, session);
        }
    }

    private static byte[] entry(SharedMailbox sharedMailbox, String subject, Map<String, String> headers) {
        try {
            MimeMessage entry = new MimeMessage(MailSession.SHARED);
            entry.setFrom(new InternetAddress(sharedMailbox.address().asString()));
            entry.setRecipients(Message.RecipientType.TO, sharedMailbox.address().asString());
            entry.setSubject(TicketSubjects.singleLine(subject), StandardCharsets.UTF_8.name());
            MessageHeaders.setDate(entry, Instant.now());
            for (Map.Entry<String, String> header : headers.entrySet()) {
                entry.setHeader(header.getKey(), TicketSubjects.singleLine(header.getValue()));
            }
            entry.setText("SLA ledger entry of " + sharedMailbox.address().asString() + " (docs/sla.md).\r\n", StandardCharsets.UTF_8.name());
            entry.saveChanges();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            entry.writeTo(bytes);
            return bytes.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("An SLA ledger entry is plain ASCII headers and always writes", e);
        }
    }

    @FunctionalInterface
    private interface LedgerWork<T> {
        T run(MessageManager ledger, MailboxSession session) throws MailboxException;
    }
}
