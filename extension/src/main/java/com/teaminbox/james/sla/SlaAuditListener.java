package com.teaminbox.james.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.inject.Provider;
import javax.mail.Flags;
import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.apache.james.mailbox.MessageManager.FlagsUpdateMode;
import org.apache.james.mailbox.exception.MailboxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.audit.AuditListener;
import com.teaminbox.core.audit.AuditTrail;
import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.core.sending.SharedAddresses;
import com.teaminbox.core.sla.TicketFact;
import com.teaminbox.core.sla.facts.LifecycleKeywordChange;
import com.teaminbox.core.sla.facts.TicketFacts;

/**
 * Keeps each ticket's lifecycle from what the audit trail records (docs/sla.md):
 * <ul>
 *   <li>a fact per lifecycle record in the {@link SlaLedger} of a mailbox with {@code <sla>};</li>
 *   <li>a member's {@code $Resolved} / {@code $Pending} (a {@code flags-changed} record) becomes
 *       {@code ticket-resolved}, {@code ticket-reopened} or {@code ticket-pending} per ticket;</li>
 *   <li>a customer's mail on a ticket marked {@code $Resolved} reopens it, on one marked
 *       {@code $Pending} resumes it: the keyword is removed from the ticket's messages, so that
 *       every client shows the ticket open again, and the change is recorded.</li>
 * </ul>
 * The work runs on one thread of its own, off the thread of the recorded action, which only queues
 * the record. The records heard within {@link #LINGER} of the first one not handled yet, up to
 * {@link #MAX_FACTS_PER_ENTRY}, are handled together and their facts written as one ledger
 * message (a group commit): under load a mail's facts share their append with other mails', which
 * is most of what the ledger costs the mailbox layer, and the thread wakes once per batch, not
 * once per record.
 */
public class SlaAuditListener implements AuditListener {
    private static final Logger LOGGER = LoggerFactory.getLogger(SlaAuditListener.class);
    private static final Set<AuditEventType> HEARD = Set.of(AuditEventType.TICKET_CREATED, AuditEventType.TICKET_THREADED,
        AuditEventType.SEND_ACCEPTED, AuditEventType.RULE_MATCHED, AuditEventType.RULE_AUDITED, AuditEventType.TICKET_RESOLVED,
        AuditEventType.TICKET_REOPENED, AuditEventType.TICKET_PENDING, AuditEventType.FLAGS_CHANGED);
    /**
     * Records whose handling reads the mailbox as it is now: which tickets a STORE touched (by folder
     * and UID) and which keywords a ticket carries when its customer writes. They are handled at
     * once, as the action is recorded, not after {@link #LINGER}: by then a client may have moved
     * the resolved message ("resolve and archive") or a rule may have set {@code $Resolved} on the
     * customer's own reply, and the answer would be about a later state.
     */
    private static final Set<AuditEventType> READ_THE_MAILBOX = Set.of(AuditEventType.FLAGS_CHANGED, AuditEventType.TICKET_THREADED);
    /**
     * How long a fact may wait for others before its message is written. The SLA reads the ledger
     * once a minute ({@link SlaSchedule#TICK}); the wait only widens, by this much, what a crash
     * loses of the facts still queued for this thread.
     */
    static final Duration LINGER = Duration.ofMillis(50);
    /** A message holds at most this many facts (headers of about 100 bytes each). */
    static final int MAX_FACTS_PER_ENTRY = 100;
    /** The detail of a {@code flags-changed} record naming the STORE's change, e.g. {@code +$Resolved}. */
    private static final String FLAGS = "flags";

    private final ConfigurationInForce configurationStore;
    private final SlaLedger ledger;
    private final TicketMessages messages;
    /** A provider: the trail is built with its listeners, this one among them. */
    private final Provider<AuditTrail> trail;
    private final Duration linger;
    private final int maxFactsPerEntry;
    private final ScheduledThreadPoolExecutor executor = executor();
    /** The facts not written yet, by shared address; touched on the executor's thread only. */
    private final Map<String, PendingFacts> pending = new HashMap<>();

    /** The records heard and not handled yet, in the order heard. */
    private final Queue<Heard> heard = new ConcurrentLinkedQueue<>();
    /** How many records {@link #heard} holds, without walking it. */
    private final AtomicInteger waiting = new AtomicInteger();
    /** Whether a drain after {@link #linger} is scheduled. */
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    /** Whether a drain without waiting is queued (enough records wait for a full message). */
    private final AtomicBoolean drainNow = new AtomicBoolean();
    /** How many times this listener's thread handled the records heard (tests); this thread's only. */
    private volatile int drains;
    /** Whether the drain under way writes what is pending when it ends ({@link #drainAndWrite}); this thread's only. */
    private boolean writeAfterDrain;
    /** The shared mailboxes of the configuration last used, by address as the records spell it; this thread's only. */
    private SharedAddresses sharedAddresses;

    /** A record as heard, with its instant. */
    private record Heard(AuditEvent event, Instant at) {
    }

    /** Facts of one shared mailbox waiting for their message. */
    private record PendingFacts(SharedMailbox sharedMailbox, List<TicketFact> facts) {
    }

    @Inject
    public SlaAuditListener(ConfigurationInForce configurationStore, SlaLedger ledger, TicketMessages messages,
                            Provider<AuditTrail> trail) {
        this(configurationStore, ledger, messages, trail, LINGER, MAX_FACTS_PER_ENTRY);
    }

    SlaAuditListener(ConfigurationInForce configurationStore, SlaLedger ledger, TicketMessages messages, Provider<AuditTrail> trail,
                     Duration linger, int maxFactsPerEntry) {
        this.configurationStore = configurationStore;
        this.ledger = ledger;
        this.messages = messages;
        this.trail = trail;
        this.linger = linger;
        this.maxFactsPerEntry = maxFactsPerEntry;
    }

    @Override
    public Set<AuditEventType> heard() {
        return HEARD;
    }

    /**
     * Queues the record for this listener's thread, woken once per {@link #LINGER} (or as soon as
     * {@code maxFactsPerEntry} records wait) rather than once per record: under load a mail's two
     * or three records cost the recording thread a queue insert, not a wake-up of this thread each
     * (a futex call on both sides: most of this thread's CPU per mail was waking up, issue 18).
     */
    @Override
    public void recorded(AuditEvent event, Instant at) {
        if (!HEARD.contains(event.type()) || event.sharedMailbox().isEmpty() || changesNoLifecycleKeyword(event)) {
            return;
        }
        heard.add(new Heard(event, at));
        boolean now = waiting.incrementAndGet() >= maxFactsPerEntry || READ_THE_MAILBOX.contains(event.type());
        if (now ? drainNow.compareAndSet(false, true) : drainScheduled.compareAndSet(false, true)) {
            try {
                if (now) {
                    executor.execute(this::drain);
                } else {
                    // These records waited their linger already: their facts are written with them.
                    executor.schedule(this::drainAndWrite, linger.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (RejectedExecutionException e) {
                LOGGER.debug("Stopping: the lifecycle of {} is not kept", event.type());
            }
        }
    }

    /**
     * A member's STORE that leaves {@code $Resolved} and {@code $Pending} alone (a client's
     * {@code \Seen}, {@code \Deleted} before EXPUNGE: most of them) is no fact of any ticket:
     * dropped here, on the recording thread, rather than handed to this listener's thread, which it
     * woke at once since a keyword change reads the mailbox (issue 18).
     */
    private static boolean changesNoLifecycleKeyword(AuditEvent event) {
        return event.type() == AuditEventType.FLAGS_CHANGED
            && LifecycleKeywordChange.of(event.details().getOrDefault(FLAGS, "")).none();
    }

    /**
     * Handles every record heard so far, in the order heard. Their facts are written by the wait
     * each batch started ({@link #pend}), so that a drain run at once for one record does not
     * cut short the group commit of the facts around it.
     */
    private void drain() {
        drains++;
        // Cleared before the queue is read: a record queued after this point schedules the next drain.
        drainScheduled.set(false);
        drainNow.set(false);
        Heard next;
        while ((next = heard.poll()) != null) {
            waiting.decrementAndGet();
            handle(next.event(), next.at());
        }
    }

    private void drainAndWrite() {
        writeAfterDrain = true;
        try {
            drain();
        } finally {
            writeAfterDrain = false;
        }
        writeAll();
    }

    /** One thread; at shutdown, the records already heard are handled, the waits cut short and what is pending written. */
    private static ScheduledThreadPoolExecutor executor() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "teaminbox-sla-lifecycle");
            thread.setDaemon(true);
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return executor;
    }

    /** How many times this listener's thread woke up to handle the records heard (tests). */
    int drains() {
        return drains;
    }

    /** How many tasks this listener's thread was given, run or waiting: each is a wake-up (tests). */
    long wakeUpsScheduled() {
        return executor.getTaskCount();
    }

    /** Handles the records heard, writes what is pending, then stops. */
    @PreDestroy
    public void stop() {
        try {
            executor.execute(this::drainAndWrite);
        } catch (RejectedExecutionException e) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void handle(AuditEvent event, Instant at) {
        Optional<SharedMailbox> sharedMailbox = sharedMailbox(event.sharedMailbox().get());
        if (sharedMailbox.isEmpty()) {
            return;
        }
        try {
            if (event.type() == AuditEventType.FLAGS_CHANGED) {
                // The log context for what the mailbox layer and the trail log beneath; a fact only kept in
                // memory logs nothing and goes without (logback copies its context map at each put and remove).
                try (MDC.MDCCloseable mailbox = MDC.putCloseable("sharedMailbox", sharedMailbox.get().address().asString());
                     MDC.MDCCloseable ticket = MDC.putCloseable("ticket", event.ticket().orElse(""))) {
                    keywordsChanged(sharedMailbox.get(), event);
                }
                return;
            }
            Optional<TicketFact> fact = TicketFacts.of(event, at, sharedMailbox.get());
            if (fact.isEmpty()) {
                return;
            }
            if (!sharedMailbox.get().sla().isEmpty()) {
                pend(sharedMailbox.get(), fact.get());
            }
            if (fact.get().kind() == TicketFact.Kind.CUSTOMER_MESSAGE) {
                try (MDC.MDCCloseable mailbox = MDC.putCloseable("sharedMailbox", sharedMailbox.get().address().asString());
                     MDC.MDCCloseable ticket = MDC.putCloseable("ticket", fact.get().ticket())) {
                    customerWrote(sharedMailbox.get(), fact.get());
                }
            }
        } catch (MailboxException | RuntimeException e) {
            LOGGER.error("Could not keep the lifecycle fact of {}; the SLA clock of ticket {} may be off", event.type(),
                event.ticket().orElse("?"), e);
        }
    }

    /**
     * The batch is written when full, else once {@link #linger} has passed since its first fact: by
     * the drain under way when it ends ({@link #drainAndWrite}, whose records waited their linger
     * already), else by the one scheduled to run within a linger, else by a write of its own. Only
     * the last gives the thread a wake-up of its own: under load nearly every batch starts in a
     * {@link #drainAndWrite} and was given one for nothing, found written (issue 18).
     */
    private void pend(SharedMailbox sharedMailbox, TicketFact fact) {
        String address = sharedMailbox.address().asString();
        PendingFacts batch = pending.get(address);
        boolean first = batch == null;
        if (first) {
            batch = new PendingFacts(sharedMailbox, new ArrayList<>());
            pending.put(address, batch);
        }
        batch.facts().add(fact);
        if (batch.facts().size() >= maxFactsPerEntry) {
            write(batch);
        } else if (first && !writeAfterDrain && !drainScheduled.get()) {
            PendingFacts scheduled = batch;
            try {
                executor.schedule(() -> write(scheduled), linger.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                // stop() writes everything pending after the records it handles
            }
        }
    }

    private void writeAll() {
        if (pending.isEmpty()) {
            return;
        }
        for (PendingFacts batch : List.copyOf(pending.values())) {
            write(batch);
        }
    }

    /** Writes this batch, unless it was written already (full before its wait ended). */
    private void write(PendingFacts batch) {
        String address = batch.sharedMailbox().address().asString();
        if (pending.get(address) != batch) {
            return;
        }
        pending.remove(address);
        try (MDC.MDCCloseable mailbox = MDC.putCloseable("sharedMailbox", address)) {
            ledger.record(batch.sharedMailbox(), batch.facts());
        } catch (MailboxException | RuntimeException e) {
            LOGGER.error("Could not keep {} lifecycle fact(s) of tickets {}; their SLA clocks may be off", batch.facts().size(),
                batch.facts().stream().map(TicketFact::ticket).distinct().toList(), e);
        }
    }

    /**
     * As {@code configuration.find(new MailAddress(address))}, without parsing the address each
     * time: records name the shared mailbox as its configured address spells it (a hash look-up,
     * {@link SharedAddresses}); any other spelling is parsed and asked of the configuration.
     */
    private Optional<SharedMailbox> sharedMailbox(String address) {
        SharedMailboxesConfiguration configuration = configurationStore.current();
        if (sharedAddresses == null || !sharedAddresses.isOf(configuration)) {
            sharedAddresses = SharedAddresses.of(configuration);
        }
        Optional<SharedMailbox> known = sharedAddresses.findSpelling(address.toLowerCase(Locale.ROOT));
        if (known.isPresent()) {
            return known;
        }
        try {
            return configuration.find(new MailAddress(address));
        } catch (AddressException e) {
            return Optional.empty();
        }
    }

    /** A customer's mail reopens a resolved ticket and resumes a pending one. */
    private void customerWrote(SharedMailbox sharedMailbox, TicketFact fact) throws MailboxException {
        Set<String> keywords = lowerCase(messages.keywordsAmong(sharedMailbox, fact.ticket(),
            Set.of(TicketFacts.RESOLVED_KEYWORD, TicketFacts.PENDING_KEYWORD)));
        AuditActor customer = AuditActor.externalSender(fact.actor());
        if (keywords.contains(TicketFacts.RESOLVED_KEYWORD.toLowerCase(Locale.ROOT))) {
            messages.change(sharedMailbox, fact.ticket(), new Flags(TicketFacts.RESOLVED_KEYWORD), FlagsUpdateMode.REMOVE);
            record(sharedMailbox, AuditEventType.TICKET_REOPENED, customer, fact.ticket(), "reopened", "the customer wrote");
        }
        if (keywords.contains(TicketFacts.PENDING_KEYWORD.toLowerCase(Locale.ROOT))) {
            messages.change(sharedMailbox, fact.ticket(), new Flags(TicketFacts.PENDING_KEYWORD), FlagsUpdateMode.REMOVE);
            record(sharedMailbox, AuditEventType.TICKET_PENDING, customer, fact.ticket(), TicketFacts.RESUMED, "the customer wrote");
        }
    }

    /** {@code flags} is written {@code +names}, {@code -names} or {@code =names} (space separated) by the STORE audit. */
    private void keywordsChanged(SharedMailbox sharedMailbox, AuditEvent event) throws MailboxException {
        String folder = event.details().get("folder");
        String uids = event.details().get("uids");
        LifecycleKeywordChange change = LifecycleKeywordChange.of(event.details().getOrDefault(FLAGS, ""));
        if (change.none() || folder == null || uids == null || !event.decision().equals("accepted")) {
            return;
        }
        Optional<Boolean> resolved = change.resolved();
        Optional<Boolean> pending = change.pending();
        AuditActor member = event.actor();
        for (String ticket : messages.ticketsOf(sharedMailbox, folder, uids)) {
            resolved.ifPresent(set -> record(sharedMailbox, set ? AuditEventType.TICKET_RESOLVED : AuditEventType.TICKET_REOPENED, member,
                ticket, set ? "resolved" : "reopened", "keyword " + TicketFacts.RESOLVED_KEYWORD + (set ? " set" : " removed")));
            pending.ifPresent(set -> record(sharedMailbox, AuditEventType.TICKET_PENDING, member, ticket,
                set ? TicketFacts.PENDING : TicketFacts.RESUMED, "keyword " + TicketFacts.PENDING_KEYWORD + (set ? " set" : " removed")));
        }
    }

    private void record(SharedMailbox sharedMailbox, AuditEventType type, AuditActor actor, String ticket, String decision, String reason) {
        trail.get().record(AuditEvent.of(type, actor)
            .sharedMailbox(sharedMailbox.address().asString())
            .ticket(ticket)
            .decision(decision)
            .reason(reason)
            .build());
    }

    private static Set<String> lowerCase(Collection<String> names) {
        return names.stream().map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }
}
