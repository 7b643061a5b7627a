package com.teaminbox.james.retention;

import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import javax.inject.Inject;
import javax.mail.Flags;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeUtility;

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
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.mailbox.model.MessageResultIterator;
import org.apache.james.mailbox.model.SearchQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.audit.AuditTrail;
import com.teaminbox.core.audit.AuditUnavailableException;
import com.teaminbox.core.config.FolderName;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.retention.MessageFacts;
import com.teaminbox.core.retention.RetentionDecision;
import com.teaminbox.core.retention.RetentionPolicy;
import com.teaminbox.core.retention.RetentionRules;
import com.teaminbox.james.HeaderAddresses;
import com.teaminbox.james.SharedAccounts;
import com.teaminbox.james.access.MemberAcl;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs retention on one shared mailbox: per folder policy, selects candidates with the mailbox
 * search (internal date before the policy's cut-off, its flag), reads them in batches of
 * {@link #BATCH_SIZE} with headers only, asks {@link RetentionRules} and deletes or moves, in runs
 * of consecutive UIDs (mail arrives in UID order, so what is due is mostly one block).
 *
 * <p>Each run is deleted or moved as one mailbox operation, atomic per message, so a cancelled or
 * crashed run leaves every message either untouched or done, and the next run picks up what is
 * left. A message another node removed first is a no-op here: a deletion counts (and gets a
 * receipt) only when this run's expunge reports the UID, a move only when the mailbox layer
 * reports it moved.
 */
public class RetentionService {
    /** Candidates read and acted on at a time: bounds memory whatever the folder's size. */
    public static final int BATCH_SIZE = 500;
    private static final Logger LOGGER = LoggerFactory.getLogger(RetentionService.class);
    private static final String DELETED_FLAG = "\\Deleted";

    private final MailboxManager mailboxManager;
    private final SharedAccounts accounts;
    private final AuditTrail auditTrail;
    private final Clock clock;

    @Inject
    public RetentionService(MailboxManager mailboxManager, SharedAccounts accounts, AuditTrail auditTrail, Clock clock) {
        this.mailboxManager = mailboxManager;
        this.accounts = accounts;
        this.auditTrail = auditTrail;
        this.clock = clock;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * One run. The RETENTION_RUN record is written whatever the outcome.
     *
     * @throws InterruptedException when the task is cancelled; what is done stays done
     */
    public void run(SharedMailbox sharedMailbox, boolean dryRun, AuditActor actor, RetentionProgress progress)
        throws InterruptedException, MailboxException {
        String outcome = "failed";
        Instant now = clock.instant();
        MDC.put("sharedMailbox", sharedMailbox.address().asString());
        try {
            LOGGER.info("Retention {}run of {} by {} at {}", dryRun ? "dry " : "", sharedMailbox.address().asString(), actor, now);
            new Run(sharedMailbox, dryRun, actor, progress, now).execute();
            outcome = "completed";
        } catch (InterruptedException e) {
            outcome = "cancelled";
            throw e;
        } finally {
            LOGGER.info("Retention {}run of {} {}: {}", dryRun ? "dry " : "", sharedMailbox.address().asString(), outcome, progress);
            auditTrail.record(AuditEvent.of(AuditEventType.RETENTION_RUN, actor)
                .sharedMailbox(sharedMailbox.address().asString())
                .decision(outcome)
                .detail("dryRun", Boolean.toString(dryRun))
                .detail("examined", progress.examinedCount())
                .detail("deleted", progress.deletedCount())
                .detail("moved", progress.movedCount())
                .detail("held", progress.heldCount())
                .detail("failed", progress.failedCount())
                .detail("now", now.toString())
                .build());
            MDC.remove("sharedMailbox");
        }
    }

    /** One run's state: the session, the folders it created, its counters. */
    private final class Run {
        private final SharedMailbox sharedMailbox;
        private final boolean dryRun;
        private final AuditActor actor;
        private final RetentionProgress progress;
        private final Instant now;
        private final RetentionRules rules;
        private final MailboxSession session;
        private final Set<FolderName> existingTargets = new HashSet<>();

        private Run(SharedMailbox sharedMailbox, boolean dryRun, AuditActor actor, RetentionProgress progress, Instant now) {
            this.sharedMailbox = sharedMailbox;
            this.dryRun = dryRun;
            this.actor = actor;
            this.progress = progress;
            this.now = now;
            this.rules = new RetentionRules(sharedMailbox.retention(), sharedMailbox.subjectConventions().tagFormat(),
                sharedMailbox.ticketPrefix());
            Username owner = accounts.username(sharedMailbox.address());
            this.session = mailboxManager.createSystemSession(owner);
        }

        private void execute() throws InterruptedException, MailboxException {
            mailboxManager.startProcessingRequest(session);
            try {
                for (RetentionPolicy policy : sharedMailbox.retention().policies()) {
                    applyPolicy(policy);
                }
            } finally {
                mailboxManager.endProcessingRequest(session);
            }
        }

        private void applyPolicy(RetentionPolicy policy) throws InterruptedException, MailboxException {
            MailboxPath path = SharedAccounts.path(session, policy.folder());
            MessageManager folder;
            try {
                folder = mailboxManager.getMailbox(path, session);
            } catch (MailboxNotFoundException e) {
                LOGGER.info("Retention of {}: folder {} does not exist, nothing to do", sharedMailbox.address().asString(), policy.folder());
                return;
            }
            Iterator<List<MessageUid>> batches = Flux.from(folder.search(candidates(policy), session))
                .buffer(BATCH_SIZE)
                .toIterable(1)
                .iterator();
            while (batches.hasNext()) {
                checkInterrupted();
                applyToBatch(policy, folder, path, batches.next());
            }
        }

        /** Internal date before the cut-off (the search is a pre-filter; {@link RetentionRules} decides), and the policy's flag. */
        private SearchQuery candidates(RetentionPolicy policy) {
            Date before = Date.from(rules.cutoff(policy, now).plusSeconds(1));
            List<SearchQuery.Criterion> criteria = new ArrayList<>();
            criteria.add(SearchQuery.internalDateBefore(before, SearchQuery.DateResolution.Second));
            policy.whenFlag().map(RetentionService::flagCriterion).ifPresent(criteria::add);
            return SearchQuery.builder().andCriteria(criteria).build();
        }

        private void applyToBatch(RetentionPolicy policy, MessageManager folder, MailboxPath path, List<MessageUid> batch)
            throws InterruptedException, MailboxException {
            Set<MessageUid> wanted = new HashSet<>(batch);
            List<Candidate> candidates = new ArrayList<>(batch.size());
            MessageResultIterator results = folder.getMessages(rangeCovering(batch), FetchGroup.HEADERS, session);
            while (results.hasNext()) {
                MessageResult result = results.next();
                if (wanted.remove(result.getUid())) {
                    candidates.add(Candidate.of(policy.folder(), result));
                }
            }
            List<Candidate> toDelete = new ArrayList<>();
            Map<FolderName, List<Candidate>> toMove = new LinkedHashMap<>();
            for (Candidate candidate : candidates) {
                progress.examined();
                candidate.decision = rules.decide(candidate.facts, now);
                switch (candidate.decision.outcome()) {
                    case DELETE:
                        toDelete.add(candidate);
                        break;
                    case MOVE:
                        toMove.computeIfAbsent(candidate.decision.target().orElseThrow(), target -> new ArrayList<>()).add(candidate);
                        break;
                    default:
                        if (candidate.decision.keepReason().filter(RetentionDecision.KeepReason.HELD::equals).isPresent()) {
                            progress.held();
                        }
                        LOGGER.debug("Retention keeps UID {} of {}: {}", candidate.uid.asLong(), policy.folder(), candidate.decision);
                }
            }
            for (List<Candidate> run : consecutiveRuns(toDelete)) {
                checkInterrupted();
                attempt(policy, run, () -> delete(folder, run), () -> goneAfterCancel(folder, run, this::deleted));
            }
            for (Map.Entry<FolderName, List<Candidate>> target : toMove.entrySet()) {
                for (List<Candidate> run : consecutiveRuns(target.getValue())) {
                    checkInterrupted();
                    attempt(policy, run, () -> move(path, run, target.getKey()), () -> goneAfterCancel(folder, run, this::moved));
                }
            }
        }

        /**
         * A storage error fails the run of messages it hit, not the whole run; an unwritable audit
         * trail stops everything. A cancel that interrupts the mailbox call leaves each message
         * done or not: {@code reconcile} gives receipts to those found gone, then the run stops.
         */
        private void attempt(RetentionPolicy policy, List<Candidate> run, MailboxAction action, MailboxAction reconcile)
            throws InterruptedException {
            try {
                action.apply();
            } catch (AuditUnavailableException e) {
                // No deletion without its receipt: stop here; the next run resumes.
                throw e;
            } catch (MailboxException | RuntimeException e) {
                if (interruption(e)) {
                    reconcileThenStop(reconcile);
                }
                run.forEach(candidate -> progress.failed());
                LOGGER.warn("Retention of {} could not handle UIDs {} to {} of {}: {}", sharedMailbox.address().asString(),
                    run.get(0).uid.asLong(), run.get(run.size() - 1).uid.asLong(), policy.folder(), e.toString());
            }
        }

        private void reconcileThenStop(MailboxAction reconcile) throws InterruptedException {
            // Reactor's block() cleared the interrupt when it threw: look with the flag down, then stop.
            Thread.interrupted();
            try {
                reconcile.apply();
            } catch (MailboxException | RuntimeException e) {
                LOGGER.warn("Retention of {} cancelled; could not check the messages of the interrupted step: {}",
                    sharedMailbox.address().asString(), e.toString());
            }
            throw new InterruptedException("retention run cancelled");
        }

        /** Receipts for the run's messages no longer in the folder after an interrupted step. */
        private void goneAfterCancel(MessageManager folder, List<Candidate> run, Consumer<Candidate> receipt) throws MailboxException {
            Set<MessageUid> present = new HashSet<>();
            MessageResultIterator results = folder.getMessages(MessageRange.range(run.get(0).uid, run.get(run.size() - 1).uid),
                FetchGroup.MINIMAL, session);
            while (results.hasNext()) {
                present.add(results.next().getUid());
            }
            run.stream().filter(candidate -> !present.contains(candidate.uid)).forEach(receipt);
        }

        /**
         * Marks the run's messages \Deleted, then expunges exactly their UID range. A run holds
         * consecutive UIDs only, so no other message (one a member marked \Deleted by hand) is
         * swept along; the expunge answers what it removed, so a message another node removed in
         * between is neither counted nor given a receipt.
         */
        private void delete(MessageManager folder, List<Candidate> run) throws MailboxException {
            if (dryRun) {
                run.forEach(candidate -> deleted(candidate));
                return;
            }
            MessageRange range = MessageRange.range(run.get(0).uid, run.get(run.size() - 1).uid);
            announce("deleting", run, Optional.empty());
            folder.setFlags(new Flags(Flags.Flag.DELETED), MessageManager.FlagsUpdateMode.ADD, range, session);
            Set<MessageUid> expunged = new HashSet<>();
            try {
                folder.expunge(range, session).forEachRemaining(expunged::add);
            } catch (MailboxException | RuntimeException e) {
                // Left marked, a member's EXPUNGE would remove them later, held or not and without receipt.
                unmark(folder, range);
                throw e;
            }
            run.stream().filter(candidate -> expunged.contains(candidate.uid)).forEach(this::deleted);
        }

        private void deleted(Candidate candidate) {
            progress.deleted();
            receipt(AuditEventType.RETENTION_DELETED, candidate);
        }

        /**
         * Moves the run (consecutive UIDs, one target). The mailbox layer answers the UIDs the
         * messages got in the target: when fewer than asked (another node moved some first), the
         * receipts go to the messages found there, matched by message id.
         */
        private void move(MailboxPath from, List<Candidate> run, FolderName target) throws MailboxException {
            if (dryRun) {
                run.forEach(this::moved);
                return;
            }
            MailboxPath to = ensureTarget(target);
            announce("moving", run, Optional.of(target));
            List<MessageRange> arrived = mailboxManager.moveMessages(MessageRange.range(run.get(0).uid, run.get(run.size() - 1).uid),
                from, to, session);
            long count = arrived.stream().mapToLong(range -> range.getUidTo().asLong() - range.getUidFrom().asLong() + 1).sum();
            if (count == run.size()) {
                run.forEach(this::moved);
                return;
            }
            Set<MessageId> movedIds = new HashSet<>();
            MessageManager targetFolder = mailboxManager.getMailbox(to, session);
            for (MessageRange range : arrived) {
                MessageResultIterator results = targetFolder.getMessages(range, FetchGroup.MINIMAL, session);
                while (results.hasNext()) {
                    movedIds.add(results.next().getMessageId());
                }
            }
            run.stream().filter(candidate -> movedIds.contains(candidate.jamesMessageId)).forEach(this::moved);
        }

        private void moved(Candidate candidate) {
            progress.moved();
            receipt(AuditEventType.RETENTION_MOVED, candidate);
        }

        /** Archive folders are created on demand, each level with the members' ACL so that they see what was filed. */
        private MailboxPath ensureTarget(FolderName target) throws MailboxException {
            MailboxPath path = SharedAccounts.path(session, target);
            if (existingTargets.contains(target)) {
                return path;
            }
            List<String> levels = target.levels();
            for (int depth = 1; depth <= levels.size(); depth++) {
                FolderName level = FolderName.of(String.join("/", levels.subList(0, depth)));
                MailboxPath levelPath = SharedAccounts.path(session, level);
                if (Boolean.TRUE.equals(Mono.from(mailboxManager.mailboxExists(levelPath, session)).block())) {
                    continue;
                }
                try {
                    mailboxManager.createMailbox(levelPath, session);
                    mailboxManager.setRights(levelPath, MemberAcl.of(sharedMailbox, levelPath, accounts), session);
                    LOGGER.info("Retention created folder {} of {}", level, sharedMailbox.address().asString());
                } catch (MailboxExistsException e) {
                    LOGGER.debug("Folder {} was created concurrently", level);
                }
            }
            existingTargets.add(target);
            return path;
        }

        /**
         * One record before a block is removed or moved: should the trail fail between the
         * mailbox change and the per-message receipts, the trail still names what went.
         */
        private void announce(String action, List<Candidate> run, Optional<FolderName> target) {
            AuditEvent.Builder event = AuditEvent.of(AuditEventType.RETENTION_RUN, actor)
                .sharedMailbox(sharedMailbox.address().asString())
                .decision(action)
                .detail("folder", run.get(0).facts.folder().path())
                .detail("uids", run.get(0).uid.asLong() + ":" + run.get(run.size() - 1).uid.asLong())
                .detail("count", run.size());
            target.ifPresent(folder -> event.detail("target", folder.path()));
            auditTrail.record(event.build());
        }

        private void unmark(MessageManager folder, MessageRange range) {
            try {
                folder.setFlags(new Flags(Flags.Flag.DELETED), MessageManager.FlagsUpdateMode.REMOVE, range, session);
            } catch (MailboxException | RuntimeException e) {
                LOGGER.error("Retention of {} could not clear \\Deleted on UIDs {} after a failed expunge; a member's EXPUNGE"
                    + " would remove them", sharedMailbox.address().asString(), range, e);
            }
        }

        private void receipt(AuditEventType type, Candidate candidate) {
            RetentionDecision decision = candidate.decision;
            AuditEvent.Builder event = AuditEvent.of(type, actor)
                .sharedMailbox(sharedMailbox.address().asString())
                .messageId(candidate.messageId)
                .decision((dryRun ? "would-" : "") + (type == AuditEventType.RETENTION_DELETED ? "delete" : "move"))
                .detail("folder", candidate.facts.folder().path())
                .detail("uid", candidate.uid.asLong())
                .detail("internalDate", candidate.facts.internalDate().toString())
                .detail("size", candidate.size)
                .detail("policy", decision.policy().map(RetentionPolicy::describe).orElse(""))
                .detail("dryRun", Boolean.toString(dryRun));
            decision.target().ifPresent(target -> event.detail("target", target.path()));
            auditTrail.record(event.build());
        }
    }

    /** Splits UID-ordered candidates where a UID is skipped: each run is one {@link MessageRange} with nothing else in it. */
    private static List<List<Candidate>> consecutiveRuns(List<Candidate> candidates) {
        List<List<Candidate>> runs = new ArrayList<>();
        List<Candidate> sorted = new ArrayList<>(candidates);
        sorted.sort((one, other) -> one.uid.compareTo(other.uid));
        for (Candidate candidate : sorted) {
            List<Candidate> last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && last.get(last.size() - 1).uid.next().equals(candidate.uid)) {
                last.add(candidate);
            } else {
                List<Candidate> run = new ArrayList<>();
                run.add(candidate);
                runs.add(run);
            }
        }
        return runs;
    }

    @FunctionalInterface
    private interface MailboxAction {
        void apply() throws MailboxException;
    }

    /** The smallest range holding the batch: UIDs in between that are not candidates are read and skipped. */
    private static MessageRange rangeCovering(List<MessageUid> batch) {
        MessageUid lowest = batch.get(0);
        MessageUid highest = batch.get(0);
        for (MessageUid uid : batch) {
            lowest = uid.compareTo(lowest) < 0 ? uid : lowest;
            highest = uid.compareTo(highest) > 0 ? uid : highest;
        }
        return MessageRange.range(lowest, highest);
    }

    private static SearchQuery.Criterion flagCriterion(String flag) {
        switch (flag.toLowerCase(Locale.ROOT)) {
            case "\\answered":
                return SearchQuery.flagIsSet(Flags.Flag.ANSWERED);
            case "\\seen":
                return SearchQuery.flagIsSet(Flags.Flag.SEEN);
            case "\\flagged":
                return SearchQuery.flagIsSet(Flags.Flag.FLAGGED);
            case "\\draft":
                return SearchQuery.flagIsSet(Flags.Flag.DRAFT);
            default:
                return SearchQuery.flagIsSet(flag);
        }
    }

    private static boolean interruption(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    private static void checkInterrupted() throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("retention run cancelled");
        }
    }

    /** One message as retention sees it: headers-only facts, plus what receipts name. */
    private static final class Candidate {
        private final MessageUid uid;
        private final MessageFacts facts;
        private final String messageId;
        private final MessageId jamesMessageId;
        private final long size;
        private RetentionDecision decision;

        private Candidate(MessageUid uid, MessageFacts facts, String messageId, MessageId jamesMessageId, long size) {
            this.uid = uid;
            this.facts = facts;
            this.messageId = messageId;
            this.jamesMessageId = jamesMessageId;
            this.size = size;
        }

        static Candidate of(FolderName folder, MessageResult result) throws MailboxException {
            Optional<String> from = Optional.empty();
            Optional<String> subject = Optional.empty();
            Optional<String> messageId = Optional.empty();
            Iterator<Header> headers = result.getHeaders().headers();
            while (headers.hasNext()) {
                Header header = headers.next();
                String name = header.getName().toLowerCase(Locale.ROOT);
                if (name.equals("from") && from.isEmpty()) {
                    from = Optional.of(header.getValue());
                } else if (name.equals("subject") && subject.isEmpty()) {
                    subject = Optional.of(decoded(header.getValue()));
                } else if (name.equals("message-id") && messageId.isEmpty()) {
                    messageId = Optional.of(header.getValue().strip());
                }
            }
            MessageFacts facts = new MessageFacts(folder, result.getInternalDate().toInstant(), flags(result.getFlags()),
                from.flatMap(Candidate::sender), subject);
            return new Candidate(result.getUid(), facts,
                messageId.orElseGet(() -> "james:" + result.getMessageId().serialize()), result.getMessageId(), result.getSize());
        }

        private static Optional<MailAddress> sender(String fromHeader) {
            try {
                InternetAddress[] parsed = InternetAddress.parseHeader(fromHeader, false);
                return parsed.length == 0 ? Optional.empty() : HeaderAddresses.mailAddress(parsed[0].getAddress());
            } catch (AddressException e) {
                return Optional.empty();
            }
        }

        private static String decoded(String value) {
            try {
                return MimeUtility.decodeText(value.replaceAll("\\r?\\n", ""));
            } catch (UnsupportedEncodingException e) {
                return value;
            }
        }

        private static Set<String> flags(Flags flags) {
            Set<String> names = new HashSet<>();
            for (Flags.Flag flag : flags.getSystemFlags()) {
                if (flag == Flags.Flag.ANSWERED) {
                    names.add("\\Answered");
                } else if (flag == Flags.Flag.SEEN) {
                    names.add("\\Seen");
                } else if (flag == Flags.Flag.FLAGGED) {
                    names.add("\\Flagged");
                } else if (flag == Flags.Flag.DRAFT) {
                    names.add("\\Draft");
                } else if (flag == Flags.Flag.DELETED) {
                    names.add(DELETED_FLAG);
                }
            }
            names.addAll(List.of(flags.getUserFlags()));
            return names;
        }
    }
}
