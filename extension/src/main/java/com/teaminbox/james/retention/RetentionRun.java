package com.teaminbox.james.retention;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageIdManager;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.DeleteResult;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.mailbox.model.MessageResultIterator;
import org.apache.james.mailbox.model.SearchQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.teaminbox.core.audit.AuditUnavailableException;
import com.teaminbox.core.mailbox.FolderName;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.retention.RetentionDecision;
import com.teaminbox.core.retention.RetentionPolicy;
import com.teaminbox.core.retention.RetentionRules;
import com.teaminbox.james.access.MemberAcl;
import com.teaminbox.james.common.SharedAccounts;
import com.teaminbox.james.common.SharedFolders;
import com.teaminbox.james.common.SystemFlags;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One run over one shared mailbox: per policy, the mailbox search selects candidates, they are
 * read in batches of {@link RetentionService#BATCH_SIZE} with headers only, decided by
 * {@link RetentionRules}, and what is due is deleted or moved in blocks of consecutive UIDs.
 *
 * <p>Each block is one mailbox operation, atomic per message, so a cancelled or crashed run leaves
 * every message untouched or done. A message counts (and gets its receipt) only when the mailbox
 * layer answers that this run deleted or moved it: one another node removed first is a no-op.
 */
final class RetentionRun {
    private static final Logger LOGGER = LoggerFactory.getLogger(RetentionRun.class);

    private final MailboxManager mailboxManager;
    private final MessageIdManager messageIdManager;
    private final SharedAccounts accounts;
    private final SharedMailbox sharedMailbox;
    private final boolean dryRun;
    private final RetentionProgress progress;
    private final RetentionReceipts receipts;
    private final Instant now;
    private final RetentionRules rules;
    private final MailboxSession session;
    private final Set<FolderName> existingTargets = new HashSet<>();

    RetentionRun(MailboxManager mailboxManager, MessageIdManager messageIdManager, SharedAccounts accounts, SharedMailbox sharedMailbox,
                 boolean dryRun, RetentionProgress progress, RetentionReceipts receipts, Instant now) {
        this.mailboxManager = mailboxManager;
        this.messageIdManager = messageIdManager;
        this.accounts = accounts;
        this.sharedMailbox = sharedMailbox;
        this.dryRun = dryRun;
        this.progress = progress;
        this.receipts = receipts;
        this.now = now;
        this.rules = new RetentionRules(sharedMailbox.retention(), sharedMailbox.subjectConventions().tagFormat(),
            sharedMailbox.ticketPrefix());
        this.session = mailboxManager.createSystemSession(accounts.username(sharedMailbox.address()));
    }

    void execute() throws InterruptedException, MailboxException {
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
            .buffer(RetentionService.BATCH_SIZE)
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
        policy.whenFlag().map(RetentionRun::flagCriterion).ifPresent(criteria::add);
        return SearchQuery.builder().andCriteria(criteria).build();
    }

    private static SearchQuery.Criterion flagCriterion(String flag) {
        return SystemFlags.systemFlag(flag).map(SearchQuery::flagIsSet).orElseGet(() -> SearchQuery.flagIsSet(flag));
    }

    private void applyToBatch(RetentionPolicy policy, MessageManager folder, MailboxPath path, List<MessageUid> batch)
        throws InterruptedException, MailboxException {
        List<DueMessage> toDelete = new ArrayList<>();
        Map<FolderName, List<DueMessage>> toMove = new LinkedHashMap<>();
        for (RetentionCandidate candidate : read(policy, folder, batch)) {
            progress.examined();
            RetentionDecision decision = rules.decide(candidate.facts(), now);
            switch (decision.outcome()) {
                case DELETE:
                    toDelete.add(new DueMessage(candidate, decision));
                    break;
                case MOVE:
                    toMove.computeIfAbsent(decision.target().orElseThrow(), target -> new ArrayList<>()).add(new DueMessage(candidate, decision));
                    break;
                default:
                    if (decision.keepReason().filter(RetentionDecision.KeepReason.HELD::equals).isPresent()) {
                        progress.held();
                    }
                    LOGGER.debug("Retention keeps UID {} of {}: {}", candidate.uid().asLong(), policy.folder(), decision);
            }
        }
        for (List<DueMessage> run : UidRuns.consecutive(toDelete)) {
            checkInterrupted();
            attempt(policy, run, () -> delete(folder, run), () -> goneAfterCancel(folder, run, this::deleted));
        }
        for (Map.Entry<FolderName, List<DueMessage>> target : toMove.entrySet()) {
            for (List<DueMessage> run : UidRuns.consecutive(target.getValue())) {
                checkInterrupted();
                attempt(policy, run, () -> move(path, run, target.getKey()), () -> goneAfterCancel(folder, run, this::moved));
            }
        }
    }

    private List<RetentionCandidate> read(RetentionPolicy policy, MessageManager folder, List<MessageUid> batch) throws MailboxException {
        Set<MessageUid> wanted = new HashSet<>(batch);
        List<RetentionCandidate> candidates = new ArrayList<>(batch.size());
        MessageResultIterator results = folder.getMessages(UidRuns.covering(batch), FetchGroup.HEADERS, session);
        while (results.hasNext()) {
            MessageResult result = results.next();
            if (wanted.remove(result.getUid())) {
                candidates.add(RetentionCandidate.of(policy.folder(), result));
            }
        }
        return candidates;
    }

    /**
     * A storage error fails the block it hit, not the whole run; an unwritable audit trail stops
     * everything. A cancel that interrupts the mailbox call leaves each message done or not:
     * {@code reconcile} gives receipts to those found gone, then the run stops.
     */
    private void attempt(RetentionPolicy policy, List<DueMessage> run, MailboxAction action, MailboxAction reconcile)
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
            run.forEach(due -> progress.failed());
            LOGGER.warn("Retention of {} could not handle UIDs {} to {} of {}: {}", sharedMailbox.address().asString(),
                run.get(0).uid().asLong(), run.get(run.size() - 1).uid().asLong(), policy.folder(), e.toString());
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

    /** Receipts for the block's messages no longer in the folder after an interrupted step. */
    private void goneAfterCancel(MessageManager folder, List<DueMessage> run, Consumer<DueMessage> receipt) throws MailboxException {
        Set<MessageUid> present = new HashSet<>();
        MessageResultIterator results = folder.getMessages(UidRuns.rangeOf(run), FetchGroup.MINIMAL, session);
        while (results.hasNext()) {
            present.add(results.next().getUid());
        }
        run.stream().filter(due -> !present.contains(due.uid())).forEach(receipt);
    }

    /**
     * Deletes the block's messages from this folder with the mailbox layer's delete, as James's own
     * expiry does: no {@code \Deleted} mark is set, so nothing is left for a member's EXPUNGE to
     * remove without a receipt, and no undo can clear a {@code \Deleted} a member set herself. The
     * answer names what this call destroyed: only those get receipts.
     */
    private void delete(MessageManager folder, List<DueMessage> run) throws MailboxException {
        if (dryRun) {
            run.forEach(this::deleted);
            return;
        }
        receipts.announce("deleting", run, Optional.empty());
        List<MessageId> ids = run.stream().map(due -> due.message().storedId()).toList();
        DeleteResult result = Mono.from(messageIdManager.deleteReactive(ids, List.of(folder.getId()), session)).block();
        Set<MessageId> destroyed = result == null ? Set.of() : result.getDestroyed();
        run.stream().filter(due -> destroyed.contains(due.message().storedId())).forEach(this::deleted);
    }

    private void deleted(DueMessage due) {
        progress.deleted();
        receipts.deleted(due);
    }

    /**
     * Moves the block (one target). The mailbox layer answers the UIDs the messages got in the
     * target: when fewer than asked (another node moved some first), the receipts go to the
     * messages found there, matched by the store's id.
     */
    private void move(MailboxPath from, List<DueMessage> run, FolderName target) throws MailboxException {
        if (dryRun) {
            run.forEach(this::moved);
            return;
        }
        MailboxPath to = ensureTarget(target);
        receipts.announce("moving", run, Optional.of(target));
        List<MessageRange> arrived = mailboxManager.moveMessages(UidRuns.rangeOf(run), from, to, session);
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
        run.stream().filter(due -> movedIds.contains(due.message().storedId())).forEach(this::moved);
    }

    private void moved(DueMessage due) {
        progress.moved();
        receipts.moved(due);
    }

    /** Archive folders are created on demand, each level with the members' ACL so that they see what was filed. */
    private MailboxPath ensureTarget(FolderName target) throws MailboxException {
        MailboxPath path = SharedAccounts.path(session, target);
        if (existingTargets.contains(target)) {
            return path;
        }
        List<String> levels = target.levels();
        for (int depth = 1; depth <= levels.size(); depth++) {
            MailboxPath levelPath = SharedAccounts.path(session, FolderName.of(String.join("/", levels.subList(0, depth))));
            if (SharedFolders.ensureExists(mailboxManager, session, levelPath)) {
                mailboxManager.setRights(levelPath, MemberAcl.of(sharedMailbox, levelPath, accounts), session);
            }
        }
        existingTargets.add(target);
        return path;
    }

    @FunctionalInterface
    private interface MailboxAction {
        void apply() throws MailboxException;
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
}
