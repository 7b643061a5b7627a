package com.teaminbox.james.sla;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import javax.inject.Inject;
import javax.mail.Flags;

import org.apache.james.core.MailAddress;
import org.apache.james.mailbox.MessageManager.FlagsUpdateMode;
import org.apache.james.mailbox.exception.MailboxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditTrail;
import com.teaminbox.core.mailbox.Member;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.rules.RuleAction;
import com.teaminbox.core.sla.DueStage;
import com.teaminbox.core.sla.NotifyAssignee;
import com.teaminbox.core.sla.SlaPlan;
import com.teaminbox.core.sla.SlaSettings;
import com.teaminbox.core.sla.TicketFact;
import com.teaminbox.core.sla.TicketLifecycle;

/**
 * One pass over a shared mailbox's tickets: each stage that is due and not yet claimed is
 * claimed ({@link SlaLedger#claim}), recorded ({@code sla-warning} / {@code sla-breached}) and,
 * while its target is still open, escalated with the policy's actions. Notifications of one pass
 * are gathered per recipient into one digest ({@link SlaDigests}): a server that was stopped over
 * a weekend sends each member one mail listing what it missed, not one per ticket and stage.
 * Tickets resolved more than {@link SlaLedger#PRUNE_AFTER} ago, and not reopened, leave the ledger
 * at the end of a pass.
 */
public class SlaEscalations {
    private static final Logger LOGGER = LoggerFactory.getLogger(SlaEscalations.class);
    private static final String ASSIGNED_PREFIX = "$Assigned-";

    private final SlaLedger ledger;
    private final TicketMessages messages;
    private final AuditTrail trail;
    private final SlaDigests digests;

    @Inject
    public SlaEscalations(SlaLedger ledger, TicketMessages messages, AuditTrail trail, SlaDigests digests) {
        this.ledger = ledger;
        this.messages = messages;
        this.trail = trail;
        this.digests = digests;
    }

    /**
     * A ticket whose due stages are all claimed, folded from {@code facts} facts: nothing more can
     * come due until a new fact (a reply, a reopening, a customer mail) changes their number, if it
     * is resolved, or before {@code nextDue} ({@link SlaPlan#nextDue}; never when empty), if not; so
     * later checks skip its fold until then. Each check used to fold every open ticket.
     */
    private record Settled(int facts, Optional<Instant> resolved, Optional<Instant> nextDue) {
        boolean quietAt(int factsNow, Instant now) {
            return facts == factsNow && (resolved.isPresent() || nextDue.filter(due -> !now.isBefore(due)).isEmpty());
        }
    }

    /** Per shared mailbox, for the SLA settings they were settled under (a reload that changes them starts again). */
    private final Map<String, Map.Entry<SlaSettings, Map<String, Settled>>> settledTickets = new ConcurrentHashMap<>();

    private Map<String, Settled> settled(SharedMailbox sharedMailbox) {
        return settledTickets.compute(sharedMailbox.address().asString(), (address, known) ->
            known != null && known.getKey().equals(sharedMailbox.sla()) ? known
                : Map.entry(sharedMailbox.sla(), new ConcurrentHashMap<>())).getValue();
    }

    /** @return how many stages this node fired */
    public int escalate(SharedMailbox sharedMailbox, Instant now, String node) throws MailboxException {
        SlaLedger.Snapshot snapshot = ledger.snapshot(sharedMailbox);
        Map<String, List<TicketFact>> byTicket = new TreeMap<>(snapshot.factsByTicket());
        SlaPlan plan = new SlaPlan(sharedMailbox.sla());
        SlaDigests.Digest digest = digests.start(sharedMailbox);
        Instant pruneBefore = now.minus(SlaLedger.PRUNE_AFTER);
        List<String> prunable = new ArrayList<>();
        int fired = 0;
        Map<String, Settled> settled = settled(sharedMailbox);
        for (Map.Entry<String, List<TicketFact>> ticket : byTicket.entrySet()) {
            Settled quiet = settled.get(ticket.getKey());
            if (quiet != null && quiet.quietAt(ticket.getValue().size(), now)) {
                if (quiet.resolved().filter(resolved -> resolved.isBefore(pruneBefore)).isPresent()) {
                    prunable.add(ticket.getKey());
                }
                continue;
            }
            TicketLifecycle lifecycle = TicketLifecycle.fold(ticket.getKey(), ticket.getValue());
            if (lifecycle.resolved().filter(resolved -> resolved.isBefore(pruneBefore)).isPresent()) {
                prunable.add(ticket.getKey());
            }
            SlaPlan.Outlook outlook = plan.outlook(lifecycle, now);
            for (DueStage stage : outlook.due()) {
                if (snapshot.claimedKeys().contains(stage.key()) || !ledger.claim(sharedMailbox, stage.key(), node)) {
                    continue;
                }
                fired++;
                record(sharedMailbox, stage);
                if (stage.isLive()) {
                    apply(sharedMailbox, stage, digest);
                }
            }
            settled.put(ticket.getKey(), new Settled(ticket.getValue().size(), lifecycle.resolved(),
                lifecycle.resolved().isPresent() ? Optional.empty() : outlook.nextDue()));
        }
        prunable.forEach(settled::remove);
        digest.send();
        // After the stages of this pass: a stage that came due before a long-past resolution is recorded first.
        int pruned = ledger.prune(sharedMailbox, prunable);
        if (pruned > 0) {
            LOGGER.debug("SLA ledger of {}: {} entries of tickets resolved before {} pruned", sharedMailbox.address().asString(), pruned,
                pruneBefore);
        }
        return fired;
    }

    private void record(SharedMailbox sharedMailbox, DueStage stage) {
        AuditEvent.Builder event = AuditEvent.of(stage.stage().auditType(), AuditActor.system())
            .sharedMailbox(sharedMailbox.address().asString())
            .ticket(stage.ticket())
            .decision(stage.isLive() ? "escalated" : "recorded")
            .detail("target", stage.target().wireName())
            .detail("policy", stage.policy().name())
            .detail("due", stage.targetDue().toString())
            .detail("stageDue", stage.stageDue().toString());
        stage.met().ifPresent(met -> event.reason("target met or ticket resolved at " + met + ", after the stage was due"));
        trail.record(event.build());
    }

    private void apply(SharedMailbox sharedMailbox, DueStage stage, SlaDigests.Digest digest) throws MailboxException {
        String line = stage.ticket() + ": " + stage.target().wireName() + " " + (stage.stage().wireName().equals("breach") ? "missed" : "due")
            + " at " + stage.targetDue() + " (policy " + stage.policy().name() + ")";
        for (RuleAction action : stage.policy().actions(stage.stage())) {
            if (action instanceof RuleAction.SetFlag flag) {
                messages.change(sharedMailbox, stage.ticket(), new Flags(flag.flag() == RuleAction.SetFlag.Flag.SEEN ? Flags.Flag.SEEN
                    : Flags.Flag.FLAGGED), FlagsUpdateMode.ADD);
            } else if (action instanceof RuleAction.AddKeyword keyword) {
                messages.change(sharedMailbox, stage.ticket(), new Flags(keyword.keyword()), FlagsUpdateMode.ADD);
            } else if (action instanceof RuleAction.Assign assign) {
                reassign(sharedMailbox, stage.ticket(), assign);
                if (assign.notifyMember()) {
                    digest.add(assign.member(), line + "; assigned to you");
                }
            } else if (action instanceof RuleAction.Notify notify) {
                digest.add(notify.address(), line);
            } else if (action instanceof NotifyAssignee) {
                for (MailAddress assignee : assignees(sharedMailbox, stage.ticket())) {
                    digest.add(assignee, line + "; assigned to you");
                }
            }
        }
    }

    /** The ticket goes to one member: other {@code $Assigned-…} keywords go. */
    private void reassign(SharedMailbox sharedMailbox, String ticket, RuleAction.Assign assign) throws MailboxException {
        Flags others = new Flags();
        messages.keywords(sharedMailbox, ticket).stream()
            .filter(keyword -> keyword.startsWith(ASSIGNED_PREFIX) && !keyword.equalsIgnoreCase(assign.keyword()))
            .forEach(others::add);
        if (others.getUserFlags().length > 0) {
            messages.change(sharedMailbox, ticket, others, FlagsUpdateMode.REMOVE);
        }
        messages.change(sharedMailbox, ticket, new Flags(assign.keyword()), FlagsUpdateMode.ADD);
    }

    /** Members whose {@code $Assigned-…} keyword a message of the ticket carries. */
    private List<MailAddress> assignees(SharedMailbox sharedMailbox, String ticket) throws MailboxException {
        Set<String> keywords = messages.keywords(sharedMailbox, ticket);
        List<MailAddress> assignees = new ArrayList<>();
        for (Member member : sharedMailbox.members()) {
            String keyword = new RuleAction.Assign(member.address(), false).keyword();
            if (keywords.stream().anyMatch(keyword::equalsIgnoreCase)) {
                assignees.add(member.address());
            }
        }
        if (assignees.isEmpty()) {
            LOGGER.debug("Ticket {} of {} is assigned to nobody: no assignee to notify", ticket, sharedMailbox.address().asString());
        }
        return assignees;
    }
}
