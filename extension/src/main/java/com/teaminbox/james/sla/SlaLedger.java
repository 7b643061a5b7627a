package com.teaminbox.james.sla;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

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
import org.apache.james.mailbox.MessageUid;
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
import com.teaminbox.core.sla.LowestUidClaims;
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
 * naming it, then reads the claims back ({@link LowestUidClaims}: the lowest UID wins), so two
 * nodes claiming at once agree on one winner; the loser's claim stays as a harmless record of the
 * race.
 *
 * <p>What it costs: the folder only grows by appends, so each node keeps what it has read of it
 * (facts by ticket, claims) and reads only the UIDs above the last one it saw (plus, for a while,
 * the few just below it not stored yet when it looked: a UID is taken before its message is
 * written). A check reads the entries written since the previous check, whatever the ledger's size.
 * Facts and claims of tickets resolved more than {@link #PRUNE_AFTER} ago are deleted
 * ({@link #prune}); every node forgets them alike.
 */
public class SlaLedger {
    public static final String LEDGER_FOLDER = "SLA Ledger";
    /** A ticket resolved this long ago, and not reopened since, leaves the ledger (docs/sla.md). */
    public static final Duration PRUNE_AFTER = Duration.ofDays(30);
    static final String TICKET_HEADER = "X-Sla-Ticket";
    static final String FACT_HEADER = "X-Sla-Fact";
    static final String AT_HEADER = "X-Sla-At";
    static final String ACTOR_HEADER = "X-Sla-Actor";
    static final String DETAIL_HEADER = "X-Sla-Detail";
    static final String CLAIM_HEADER = "X-Sla-Claim";
    static final String NODE_HEADER = "X-Sla-Node";
    /** UIDs missing just below the highest seen are read again for this long: their message may be on its way. */
    private static final Duration GAP_GRACE = Duration.ofMinutes(2);
    /** Only the last UIDs can still be on their way; older gaps are deletions (pruning, an operator). */
    private static final long GAP_WINDOW = 1_000;
    private static final List<String> OURS = List.of(TICKET_HEADER, FACT_HEADER, AT_HEADER, ACTOR_HEADER, DETAIL_HEADER, CLAIM_HEADER,
        NODE_HEADER);

    /** What the folder holds now: the facts of each ticket, and for each claimed stage key, the UID of its winning claim. */
    public record Snapshot(Map<String, List<TicketFact>> factsByTicket, Map<String, Long> claims) {
        public Set<String> claimedKeys() {
            return claims.keySet();
        }

        public List<TicketFact> facts() {
            return factsByTicket.values().stream().flatMap(List::stream).toList();
        }
    }

    private final MailboxManager mailboxManager;
    private final SharedAccounts accounts;
    private final ConcurrentMap<String, LedgerView> views = new ConcurrentHashMap<>();

    @Inject
    public SlaLedger(MailboxManager mailboxManager, SharedAccounts accounts) {
        this.mailboxManager = mailboxManager;
        this.accounts = accounts;
    }

    public static MailboxPath ledgerPath(MailboxSession session) {
        return MailboxPath.forUser(session.getUser(), LEDGER_FOLDER);
    }

    public void record(SharedMailbox sharedMailbox, TicketFact fact) throws MailboxException {
        Map<String, String> headers = new LinkedHashMap<>();
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
        LedgerView view = view(sharedMailbox);
        synchronized (view) {
            withLedger(sharedMailbox, (ledger, session) -> {
                view.refresh(ledger, session);
                return null;
            });
            return view.snapshot();
        }
    }

    /**
     * Claims a stage for this node.
     *
     * @return whether this node's claim is the first one for {@code key}
     */
    public boolean claim(SharedMailbox sharedMailbox, String key, String node) throws MailboxException {
        long mine = append(sharedMailbox, "claim " + key, Map.of(CLAIM_HEADER, key, NODE_HEADER, node));
        LedgerView view = view(sharedMailbox);
        synchronized (view) {
            withLedger(sharedMailbox, (ledger, session) -> {
                view.refresh(ledger, session);
                return null;
            });
            return view.claims.won(key, mine);
        }
    }

    /**
     * Deletes the facts and claims of these tickets (resolved more than {@link #PRUNE_AFTER} ago: the
     * caller decides) and forgets them. Every node calls it for the same tickets at its own check;
     * deleting what another node already deleted does nothing.
     *
     * @return how many entries this call deleted
     */
    public int prune(SharedMailbox sharedMailbox, Collection<String> tickets) throws MailboxException {
        if (tickets.isEmpty()) {
            return 0;
        }
        LedgerView view = view(sharedMailbox);
        synchronized (view) {
            List<MessageUid> uids = view.forget(Set.copyOf(tickets));
            if (uids.isEmpty()) {
                return 0;
            }
            return withLedger(sharedMailbox, (ledger, session) -> {
                ledger.delete(uids, session);
                return uids.size();
            });
        }
    }

    private LedgerView view(SharedMailbox sharedMailbox) {
        return views.computeIfAbsent(sharedMailbox.address().asString(), address -> new LedgerView());
    }

    /** What this node has read of one ledger folder. */
    private static final class LedgerView {
        private long uidValidity = -1;
        private long lastUid;
        private final Map<String, List<TicketFact>> facts = new HashMap<>();
        private final Map<String, List<MessageUid>> uidsByTicket = new HashMap<>();
        private final LowestUidClaims claims = new LowestUidClaims();
        /** UIDs below {@link #lastUid} not seen yet, with when this node first missed them (System.nanoTime). */
        private final Map<Long, Long> gaps = new HashMap<>();

        void refresh(MessageManager ledger, MailboxSession session) throws MailboxException {
            long validity = ledger.getMailboxEntity().getUidValidity().asLong();
            if (validity != uidValidity) {
                // A new folder (first read, or an operator recreated it): start again.
                uidValidity = validity;
                lastUid = 0;
                facts.clear();
                uidsByTicket.clear();
                claims.forget(key -> true);
                gaps.clear();
            }
            long now = System.nanoTime();
            gaps.values().removeIf(since -> now - since > GAP_GRACE.toNanos());
            for (long gap : new TreeSet<>(gaps.keySet())) {
                read(ledger.getMessages(MessageRange.one(MessageUid.of(gap)), FetchGroup.HEADERS, session), now);
            }
            MessageRange newer = lastUid == 0 ? MessageRange.all() : MessageRange.from(MessageUid.of(lastUid + 1));
            read(ledger.getMessages(newer, FetchGroup.HEADERS, session), now);
        }

        private void read(MessageResultIterator results, long now) throws MailboxException {
            while (results.hasNext()) {
                MessageResult result = results.next();
                long uid = result.getUid().asLong();
                if (gaps.remove(uid) == null && uid <= lastUid) {
                    continue;
                }
                for (long missing = Math.max(lastUid + 1, uid - GAP_WINDOW); missing < uid; missing++) {
                    gaps.putIfAbsent(missing, now);
                }
                lastUid = Math.max(lastUid, uid);
                take(result.getUid(), headers(result));
            }
        }

        private void take(MessageUid uid, Map<String, String> headers) {
            Optional<String> claim = Optional.ofNullable(headers.get(CLAIM_HEADER));
            claim.ifPresent(key -> claims.saw(key, uid.asLong()));
            Optional<TicketFact> fact = fact(headers);
            fact.ifPresent(found -> facts.computeIfAbsent(found.ticket(), ticket -> new ArrayList<>()).add(found));
            claim.map(LedgerView::ticketOfClaim).or(() -> fact.map(TicketFact::ticket))
                .ifPresent(ticket -> uidsByTicket.computeIfAbsent(ticket, any -> new ArrayList<>()).add(uid));
        }

        List<MessageUid> forget(Set<String> tickets) {
            List<MessageUid> uids = new ArrayList<>();
            for (String ticket : tickets) {
                facts.remove(ticket);
                uids.addAll(uidsByTicket.getOrDefault(ticket, List.of()));
                uidsByTicket.remove(ticket);
            }
            claims.forget(key -> tickets.contains(ticketOfClaim(key)));
            return uids;
        }

        Snapshot snapshot() {
            Map<String, List<TicketFact>> copy = new HashMap<>();
            facts.forEach((ticket, list) -> copy.put(ticket, List.copyOf(list)));
            return new Snapshot(copy, claims.asMap());
        }

        /** A claim's key starts with its ticket ({@code DueStage.key()}). */
        private static String ticketOfClaim(String key) {
            int space = key.indexOf(' ');
            return space < 0 ? key : key.substring(0, space);
        }
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
        while (iterator.hasNext()) {
            Header header = iterator.next();
            for (String name : OURS) {
                if (name.equalsIgnoreCase(header.getName())) {
                    headers.putIfAbsent(name, header.getValue().strip());
                }
            }
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
