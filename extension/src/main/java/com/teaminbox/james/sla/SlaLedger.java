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
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import javax.inject.Inject;
import javax.mail.Flags;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
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
import org.apache.james.mailbox.model.MailboxAnnotation;
import org.apache.james.mailbox.model.MailboxAnnotationKey;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.mailbox.model.MessageResultIterator;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.james.mailbox.store.mail.AnnotationMapper;
import org.apache.james.mailbox.store.transaction.Mapper;

import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.sla.LedgerEntries;
import com.teaminbox.core.sla.LowestUidClaims;
import com.teaminbox.core.sla.TicketFact;
import com.teaminbox.core.ticket.TicketSubjects;
import com.teaminbox.james.common.MailSession;
import com.teaminbox.james.common.MessageHeaders;
import com.teaminbox.james.common.SharedAccounts;

/**
 * The SLA's shared state, on the shared account's {@value #LEDGER_FOLDER} folder (hidden from
 * members: no ACL entry names it): lifecycle facts in RFC 5464 annotations of the folder, one per
 * burst the listener writes ({@link LedgerAnnotations}: one {@link LedgerEntries} line per fact),
 * and one message per escalation claim. Facts written before 2026-12-07 are messages of the folder:
 * one {@value #ENTRY_HEADER} header per fact, or (before 2026-12-06) one fact each in
 * {@value #TICKET_HEADER}, {@value #FACT_HEADER}… headers; they are read alike and pruned alike.
 * Every node of a cluster reads and writes the same folder and annotations, through James's mailbox
 * layer (memory, or Cassandra with every node), so the state survives restarts and is the same on
 * each.
 *
 * <p>Why annotations for facts: a message costs James's whole append path (MIME parsing for
 * attachments and properties, an {@code Added} event to every listener, the quota listener) for a
 * few lines nobody reads as mail; an annotation is one insert (docs/benchmarks.md, issue 18).
 * Claims stay messages: "the lowest UID wins" needs the folder's UIDs.
 *
 * <p>"Once per ticket and stage, cluster-wide": a node that finds a stage due appends a claim
 * naming it, then reads the claims back ({@link LowestUidClaims}: the lowest UID wins), so two
 * nodes claiming at once agree on one winner; the loser's claim stays as a harmless record of the
 * race.
 *
 * <p>What it costs: the folder and its annotations only grow, so each node keeps what it has read
 * (facts by ticket, claims) and reads only the messages above the last UID it saw (plus, for a
 * while, the few just below it not stored yet when it looked: a UID is taken before its message is
 * written) and the annotations of the minutes since its last read ({@link LedgerAnnotations}; all of
 * them once an hour). A check reads the entries written since the previous check, whatever the
 * ledger's size.
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
    /** One fact per header, several per message ({@link LedgerEntries}). */
    static final String ENTRY_HEADER = LedgerEntries.HEADER;
    /** UIDs missing just below the highest seen are read again for this long: their message may be on its way. */
    private static final Duration GAP_GRACE = Duration.ofMinutes(2);
    /** Only the last UIDs can still be on their way; older gaps are deletions (pruning, an operator). */
    private static final long GAP_WINDOW = 1_000;
    /** The longest subject javax.mail writes on one line: it folds past 76 characters, "Subject: " included. */
    private static final int UNFOLDED_SUBJECT = 76 - "Subject: ".length();
    private static final List<String> SINGLE_FACT_HEADERS = List.of(TICKET_HEADER, FACT_HEADER, AT_HEADER, ACTOR_HEADER, DETAIL_HEADER,
        CLAIM_HEADER, NODE_HEADER);

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
    private final MailboxSessionMapperFactory mappers;
    private final ConcurrentMap<String, LedgerView> views = new ConcurrentHashMap<>();

    @Inject
    public SlaLedger(MailboxManager mailboxManager, SharedAccounts accounts, MailboxSessionMapperFactory mappers) {
        this.mailboxManager = mailboxManager;
        this.accounts = accounts;
        this.mappers = mappers;
    }

    public static MailboxPath ledgerPath(MailboxSession session) {
        return MailboxPath.forUser(session.getUser(), LEDGER_FOLDER);
    }

    public void record(SharedMailbox sharedMailbox, TicketFact fact) throws MailboxException {
        record(sharedMailbox, List.of(fact));
    }

    /** Writes these facts as one annotation of the ledger folder, whatever their number. */
    public void record(SharedMailbox sharedMailbox, List<TicketFact> facts) throws MailboxException {
        if (facts.isEmpty()) {
            return;
        }
        withLedger(sharedMailbox, (ledger, session) -> {
            insert(session, ledger.getId(), LedgerAnnotations.annotation(System.currentTimeMillis(), facts));
            return null;
        });
    }

    private void insert(MailboxSession session, MailboxId ledger, MailboxAnnotation annotation) throws MailboxException {
        AnnotationMapper mapper = mappers.getAnnotationMapper(session);
        mapper.execute(Mapper.toTransaction(() -> mapper.insertAnnotation(ledger, annotation)));
    }

    public Snapshot snapshot(SharedMailbox sharedMailbox) throws MailboxException {
        LedgerView view = view(sharedMailbox);
        synchronized (view) {
            withLedger(sharedMailbox, (ledger, session) -> {
                view.refresh(ledger, session, mappers.getAnnotationMapper(session));
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
        long mine = append(sharedMailbox, "claim " + key, List.of(Map.entry(CLAIM_HEADER, key), Map.entry(NODE_HEADER, node)));
        LedgerView view = view(sharedMailbox);
        synchronized (view) {
            withLedger(sharedMailbox, (ledger, session) -> {
                view.refresh(ledger, session, mappers.getAnnotationMapper(session));
                return null;
            });
            return view.claims.won(key, mine);
        }
    }

    /**
     * Deletes the facts and claims of these tickets (resolved more than {@link #PRUNE_AFTER} ago: the
     * caller decides) and forgets them. Every node calls it for the same tickets at its own check;
     * deleting what another node already deleted does nothing. A message that also holds facts of
     * tickets still kept is written again with those facts only, then deleted: a node reading
     * between the two sees those facts twice, and keeps them once.
     *
     * @return how many entries this call deleted
     */
    public int prune(SharedMailbox sharedMailbox, Collection<String> tickets) throws MailboxException {
        if (tickets.isEmpty()) {
            return 0;
        }
        LedgerView view = view(sharedMailbox);
        synchronized (view) {
            Set<String> forgotten = Set.copyOf(tickets);
            List<MessageUid> uids = view.forget(forgotten);
            List<String> keys = view.forgetAnnotations(forgotten);
            if (uids.isEmpty() && keys.isEmpty()) {
                return 0;
            }
            return withLedger(sharedMailbox, (ledger, session) -> {
                AnnotationMapper mapper = mappers.getAnnotationMapper(session);
                MailboxId id = ledger.getId();
                List<TicketFact> kept = new ArrayList<>();
                for (MessageUid uid : uids) {
                    kept.addAll(keptFacts(ledger, session, uid, forgotten));
                }
                for (String key : keys) {
                    MailboxAnnotationKey annotationKey = new MailboxAnnotationKey(key);
                    for (MailboxAnnotation annotation : mapper.execute(() -> mapper.getAnnotationsByKeys(id, Set.of(annotationKey)))) {
                        LedgerAnnotations.facts(annotation).stream().filter(fact -> !forgotten.contains(fact.ticket())).forEach(kept::add);
                    }
                }
                if (!kept.isEmpty()) {
                    insert(session, id, LedgerAnnotations.annotation(System.currentTimeMillis(), kept));
                }
                for (String key : keys) {
                    MailboxAnnotationKey annotationKey = new MailboxAnnotationKey(key);
                    mapper.execute(Mapper.toTransaction(() -> mapper.deleteAnnotation(id, annotationKey)));
                }
                if (!uids.isEmpty()) {
                    ledger.delete(uids, session);
                }
                return uids.size() + keys.size();
            });
        }
    }

    /** The facts of other tickets than {@code forgotten} that the message {@code uid} holds (none once deleted). */
    private static List<TicketFact> keptFacts(MessageManager ledger, MailboxSession session, MessageUid uid, Set<String> forgotten)
        throws MailboxException {
        List<TicketFact> kept = new ArrayList<>();
        MessageResultIterator results = ledger.getMessages(MessageRange.one(uid), FetchGroup.HEADERS, session);
        while (results.hasNext()) {
            Entries entries = Entries.of(results.next());
            if (entries.claim().isEmpty()) {
                entries.facts().stream().filter(fact -> !forgotten.contains(fact.ticket())).forEach(kept::add);
            }
        }
        return kept;
    }

    private LedgerView view(SharedMailbox sharedMailbox) {
        return views.computeIfAbsent(sharedMailbox.address().asString(), address -> new LedgerView());
    }

    /** What one ledger message holds: a claim, or facts (several, or one in the headers written until 2026-12-06). */
    private record Entries(Optional<String> claim, List<TicketFact> facts) {
        static Entries of(MessageResult result) throws MailboxException {
            Map<String, String> singles = new HashMap<>();
            List<TicketFact> facts = new ArrayList<>();
            Iterator<Header> iterator = result.getHeaders().headers();
            while (iterator.hasNext()) {
                Header header = iterator.next();
                if (ENTRY_HEADER.equalsIgnoreCase(header.getName())) {
                    LedgerEntries.read(header.getValue()).ifPresent(facts::add);
                    continue;
                }
                for (String name : SINGLE_FACT_HEADERS) {
                    if (name.equalsIgnoreCase(header.getName())) {
                        singles.putIfAbsent(name, header.getValue().strip());
                    }
                }
            }
            Optional<String> claim = Optional.ofNullable(singles.get(CLAIM_HEADER));
            if (claim.isEmpty()) {
                singleFact(singles).ifPresent(facts::add);
            }
            return new Entries(claim, facts);
        }
    }

    /** What this node has read of one ledger folder. */
    private static final class LedgerView {
        private long uidValidity = -1;
        private long lastUid;
        private final Map<String, List<TicketFact>> facts = new HashMap<>();
        private final Map<String, List<MessageUid>> uidsByTicket = new HashMap<>();
        /** The tickets of each message that holds more than one: it is deleted when the last of them is forgotten. */
        private final Map<MessageUid, Set<String>> ticketsOfShared = new HashMap<>();
        private final LowestUidClaims claims = new LowestUidClaims();
        /** UIDs below {@link #lastUid} not seen yet, with when this node first missed them (System.nanoTime). */
        private final Map<Long, Long> gaps = new HashMap<>();
        /** The annotations taken, and those of each ticket (one may hold facts of several). */
        private final Set<String> annotationKeys = new HashSet<>();
        private final Map<String, Set<String>> annotationsByTicket = new HashMap<>();
        /** The minute (this node's clock) of the last read of annotations; -1: none yet. */
        private long lastMinute = -1;
        /** When the annotations were last read whole (System.nanoTime). */
        private long wholeReadAt;

        void refresh(MessageManager ledger, MailboxSession session, AnnotationMapper annotations) throws MailboxException {
            long validity = ledger.getMailboxEntity().getUidValidity().asLong();
            if (validity != uidValidity) {
                // A new folder (first read, or an operator recreated it): start again.
                uidValidity = validity;
                lastUid = 0;
                facts.clear();
                uidsByTicket.clear();
                ticketsOfShared.clear();
                claims.forget(key -> true);
                gaps.clear();
                annotationKeys.clear();
                annotationsByTicket.clear();
                lastMinute = -1;
            }
            readAnnotations(annotations, ledger.getId());
            long now = System.nanoTime();
            gaps.values().removeIf(since -> now - since > GAP_GRACE.toNanos());
            for (long gap : new TreeSet<>(gaps.keySet())) {
                read(ledger.getMessages(MessageRange.one(MessageUid.of(gap)), FetchGroup.HEADERS, session), now);
            }
            MessageRange newer = lastUid == 0 ? MessageRange.all() : MessageRange.from(MessageUid.of(lastUid + 1));
            read(ledger.getMessages(newer, FetchGroup.HEADERS, session), now);
        }

        /**
         * The annotations of the minutes since the last read (and {@link LedgerAnnotations#LATE_MINUTES}
         * before it: a write on its way, another node's clock behind), or all of them at the first
         * read, after a long pause, and every {@link LedgerAnnotations#WHOLE_READ_EVERY}.
         */
        private void readAnnotations(AnnotationMapper mapper, MailboxId ledger) throws MailboxException {
            long nowMillis = System.currentTimeMillis();
            long minute = LedgerAnnotations.minute(nowMillis);
            long now = System.nanoTime();
            Set<MailboxAnnotationKey> keys = lastMinute < 0 || minute - lastMinute > LedgerAnnotations.MAX_MINUTES_READ
                || now - wholeReadAt > LedgerAnnotations.WHOLE_READ_EVERY.toNanos()
                ? Set.of(LedgerAnnotations.ROOT)
                : LedgerAnnotations.minutes(lastMinute - LedgerAnnotations.LATE_MINUTES, minute + 1);
            List<MailboxAnnotation> read = mapper.execute(() -> mapper.getAnnotationsByKeysWithAllDepth(ledger, keys));
            // only once read: a read that failed is asked again, whole minutes and all, by the next one
            if (keys.contains(LedgerAnnotations.ROOT)) {
                wholeReadAt = now;
            }
            lastMinute = minute;
            for (MailboxAnnotation annotation : read) {
                String key = annotation.getKey().asString();
                if (annotationKeys.add(key)) {
                    for (TicketFact fact : LedgerAnnotations.facts(annotation)) {
                        add(fact);
                        annotationsByTicket.computeIfAbsent(fact.ticket(), any -> new HashSet<>()).add(key);
                    }
                }
            }
        }

        private void add(TicketFact fact) {
            List<TicketFact> known = facts.computeIfAbsent(fact.ticket(), ticket -> new ArrayList<>());
            // written again by a prune, on two nodes or before its original went: the same fact once
            if (!known.contains(fact)) {
                known.add(fact);
            }
        }

        /** Forgets the annotations of these tickets; those to delete (their other tickets' facts are written again first). */
        List<String> forgetAnnotations(Set<String> tickets) {
            Set<String> keys = new TreeSet<>();
            for (String ticket : tickets) {
                Set<String> ofTicket = annotationsByTicket.remove(ticket);
                if (ofTicket != null) {
                    keys.addAll(ofTicket);
                }
            }
            for (Set<String> ofOther : annotationsByTicket.values()) {
                ofOther.removeAll(keys);
            }
            annotationsByTicket.values().removeIf(Set::isEmpty);
            // deleted next, under this view's lock: no read of this node can meet them again
            annotationKeys.removeAll(keys);
            return List.copyOf(keys);
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
                take(result.getUid(), Entries.of(result));
            }
        }

        private void take(MessageUid uid, Entries entries) {
            Set<String> tickets = new HashSet<>();
            if (entries.claim().isPresent()) {
                claims.saw(entries.claim().get(), uid.asLong());
                tickets.add(ticketOfClaim(entries.claim().get()));
            } else {
                for (TicketFact fact : entries.facts()) {
                    add(fact);
                    tickets.add(fact.ticket());
                }
            }
            tickets.forEach(ticket -> uidsByTicket.computeIfAbsent(ticket, any -> new ArrayList<>()).add(uid));
            if (tickets.size() > 1) {
                ticketsOfShared.put(uid, tickets);
            }
        }

        /** Forgets these tickets; the messages that named only forgotten tickets, and those shared with others, to delete. */
        List<MessageUid> forget(Set<String> tickets) {
            Set<MessageUid> uids = new TreeSet<>();
            for (String ticket : tickets) {
                facts.remove(ticket);
                uids.addAll(uidsByTicket.getOrDefault(ticket, List.of()));
                uidsByTicket.remove(ticket);
            }
            for (MessageUid uid : uids) {
                Set<String> others = ticketsOfShared.remove(uid);
                if (others != null) {
                    // its other tickets' facts are written again in a new message, read at the next refresh
                    others.stream().filter(ticket -> !tickets.contains(ticket))
                        .forEach(ticket -> uidsByTicket.getOrDefault(ticket, new ArrayList<>()).remove(uid));
                }
            }
            claims.forget(key -> tickets.contains(ticketOfClaim(key)));
            return List.copyOf(uids);
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

    /** A fact as the ledger wrote it until 2026-12-06: one per message, a header per field. */
    private static Optional<TicketFact> singleFact(Map<String, String> headers) {
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

    private long append(SharedMailbox sharedMailbox, String subject, List<Map.Entry<String, String>> headers) throws MailboxException {
        byte[] entry = entry(sharedMailbox.address(), subject, headers);
        return withLedger(sharedMailbox, (ledger, session) -> ledger.appendMessage(appendCommand(entry), session)
            .getId().getUid().asLong());
    }

    private static MessageManager.AppendCommand appendCommand(byte[] entry) {
        return MessageManager.AppendCommand.builder().withFlags(new Flags(Flags.Flag.SEEN)).build(entry);
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

    /**
     * A ledger message's bytes. Its values are plain ASCII in practice (URL-encoded facts, the
     * shared address, a subject of words): those are written as the lines javax.mail writes for them
     * (same headers, same values, same body), without building a {@link MimeMessage} for each message,
     * which was about half of the listener thread's work per message (docs/benchmarks.md). Any other
     * value, and a subject it would fold, goes through javax.mail as before.
     */
    static byte[] entry(MailAddress address, String subject, List<Map.Entry<String, String>> headers) {
        String from = address.asString();
        String cleanSubject = singleLine(subject);
        boolean plain = isPrintableAscii(from) && isPrintableAscii(cleanSubject) && cleanSubject.length() <= UNFOLDED_SUBJECT;
        List<Map.Entry<String, String>> cleanHeaders = new ArrayList<>(headers.size());
        for (Map.Entry<String, String> header : headers) {
            String value = singleLine(header.getValue());
            plain = plain && isPrintableAscii(value);
            cleanHeaders.add(Map.entry(header.getKey(), value));
        }
        if (!plain) {
            return entryThroughJavaMail(address, subject, headers);
        }
        StringBuilder out = new StringBuilder(300 + 120 * cleanHeaders.size());
        out.append("Date: ").append(MessageHeaders.dateValue(Instant.now())).append("\r\n")
            .append("From: ").append(from).append("\r\n")
            .append("To: ").append(from).append("\r\n")
            .append("Message-ID: ").append(ledgerMessageId(address)).append("\r\n")
            .append("Subject: ").append(cleanSubject).append("\r\n")
            .append("MIME-Version: 1.0\r\n")
            .append("Content-Type: text/plain; charset=UTF-8\r\n")
            .append("Content-Transfer-Encoding: 7bit\r\n");
        for (Map.Entry<String, String> header : cleanHeaders) {
            out.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        out.append("\r\n").append(body(address));
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Characters from space to tilde: what a header line carries as it is, without encoding or folding. */
    private static boolean isPrintableAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }

    /** A ledger message built by javax.mail: for values that need encoding. */
    static byte[] entryThroughJavaMail(MailAddress address, String subject, List<Map.Entry<String, String>> headers) {
        try {
            MimeMessage entry = new LedgerEntryMessage(address);
            entry.setFrom(new InternetAddress(address.asString()));
            entry.setRecipients(Message.RecipientType.TO, address.asString());
            entry.setSubject(singleLine(subject), StandardCharsets.UTF_8.name());
            MessageHeaders.setDate(entry, Instant.now());
            for (Map.Entry<String, String> header : headers) {
                entry.addHeader(header.getKey(), singleLine(header.getValue()));
            }
            entry.setText(body(address), StandardCharsets.UTF_8.name());
            entry.saveChanges();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            entry.writeTo(bytes);
            return bytes.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("An SLA ledger entry is plain ASCII headers and always writes", e);
        }
    }

    private static String body(MailAddress address) {
        return "SLA ledger entry of " + address.asString() + " (docs/sla.md).\r\n";
    }

    /**
     * A random Message-ID of the shared address's domain, instead of javax.mail's, which asks the
     * machine's own address for each message (about a tenth of the SLA listener thread's samples).
     * Nothing reads a ledger message's Message-ID.
     */
    private static String ledgerMessageId(MailAddress address) {
        return "<" + UUID.randomUUID() + ".sla-ledger@" + address.getDomain().asString() + ">";
    }

    /**
     * {@link TicketSubjects#singleLine}, which compiles two patterns per call, only for a value it
     * would change: the facts' values are URL-encoded, the subjects and claim keys plain words.
     */
    static String singleLine(String value) {
        boolean plain = value.isEmpty() || (value.charAt(0) != ' ' && value.charAt(value.length() - 1) != ' ');
        for (int i = 0; plain && i < value.length(); i++) {
            char c = value.charAt(i);
            plain = c > ' ' && c < 0x7f || c == ' ' && value.charAt(i - 1) != ' ';
        }
        return plain ? value : TicketSubjects.singleLine(value);
    }

    /** A ledger message built by javax.mail, with {@link #ledgerMessageId}. */
    private static final class LedgerEntryMessage extends MimeMessage {
        private final MailAddress address;

        LedgerEntryMessage(MailAddress address) {
            super(MailSession.SHARED);
            this.address = address;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", ledgerMessageId(address));
        }
    }

    @FunctionalInterface
    private interface LedgerWork<T> {
        T run(MessageManager ledger, MailboxSession session) throws MailboxException;
    }
}
