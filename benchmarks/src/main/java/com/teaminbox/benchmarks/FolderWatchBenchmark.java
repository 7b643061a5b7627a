package com.teaminbox.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import javax.mail.Flags;

import org.apache.james.core.Username;
import org.apache.james.events.Event;
import org.apache.james.events.EventBus;
import org.apache.james.events.EventListener;
import org.apache.james.events.InVMEventBus;
import org.apache.james.events.MemoryEventDeadLetters;
import org.apache.james.events.RetryBackoffConfiguration;
import org.apache.james.events.delivery.InVmEventDelivery;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.events.MailboxEvents;
import org.apache.james.mailbox.events.MailboxIdRegistrationKey;
import org.apache.james.mailbox.inmemory.InMemoryId;
import org.apache.james.mailbox.inmemory.InMemoryMessageId;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageMetaData;
import org.apache.james.mailbox.model.ThreadId;
import org.apache.james.mailbox.model.UpdatedFlags;
import org.apache.james.metrics.tests.RecordingMetricFactory;

import com.teaminbox.core.mailbox.FolderName;
import com.teaminbox.james.common.KnownFolders;
import com.teaminbox.james.sla.KeywordCarriers;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What a watched folder's mail traffic costs James's in-VM event bus: per mail, a delivery
 * ({@code Added}, no keyword), a poller's {@code \Deleted} ({@code FlagsUpdated}) and its expunge,
 * dispatched to a folder watched by {@link KnownFolders} and {@link KeywordCarriers} (their real
 * listeners, registered by asking them), against a folder watched by two listeners of the shape
 * both had until 2026-12-07: plain {@link EventListener}s, which James wraps into a hop to its
 * blocking-call pool for every event. CPU of the dispatching thread and of the whole JVM per mail,
 * the two alternated in one run. Run at C2, and at C1 with {@code -XX:TieredStopAtLevel=3}:
 * <pre>
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" com.teaminbox.benchmarks.FolderWatchBenchmark
 * </pre>
 */
public final class FolderWatchBenchmark {
    private static final Username SUPPORT = Username.of("support@example.test");
    private static final int MAILS = 20_000;
    private static final int ROUNDS = 7;

    private FolderWatchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        EventBus bus = new InVMEventBus(new InVmEventDelivery(new RecordingMetricFactory()), RetryBackoffConfiguration.DEFAULT,
            new MemoryEventDeadLetters());
        MailboxId ours = InMemoryId.of(1);
        MailboxId former = InMemoryId.of(2);
        MailboxSession session = MailboxSessionUtil.create(SUPPORT);
        new KnownFolders(mailboxManager(ours), bus).exists(SUPPORT, FolderName.of("Billing"));
        new KeywordCarriers(bus).candidates(folder(ours), session);
        Mono.from(bus.register(new FormerWatch(), new MailboxIdRegistrationKey(former))).block();
        Mono.from(bus.register(new FormerWatch(), new MailboxIdRegistrationKey(former))).block();

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<double[]> oursCost = new ArrayList<>();
        List<double[]> formerCost = new ArrayList<>();
        long uid = 1;
        for (int round = 0; round < ROUNDS + 1; round++) {
            for (int which = 0; which < 2; which++) {
                MailboxId id = which == 0 ? former : ours;
                long thread = threads.getCurrentThreadCpuTime();
                long process = os.getProcessCpuTime();
                for (int mail = 0; mail < MAILS; mail++, uid++) {
                    dispatch(bus, added(id, uid));
                    dispatch(bus, deleted(id, uid));
                    dispatch(bus, expunged(id, uid));
                }
                double[] cost = {(threads.getCurrentThreadCpuTime() - thread) / 1_000.0 / MAILS, (os.getProcessCpuTime() - process) / 1_000.0 / MAILS};
                if (round > 0) {
                    (which == 0 ? formerCost : oursCost).add(cost);
                }
            }
        }
        System.out.printf("µs per mail (3 events), median of %d rounds of %d mails%n", ROUNDS, MAILS);
        System.out.printf("former plain listeners: dispatching thread %.1f, whole JVM %.1f%n", median(formerCost, 0), median(formerCost, 1));
        System.out.printf("reactive, declining:    dispatching thread %.1f, whole JVM %.1f%n", median(oursCost, 0), median(oursCost, 1));
    }

    private static void dispatch(EventBus bus, MailboxEvents.MailboxEvent event) {
        bus.dispatch(event, new MailboxIdRegistrationKey(event.getMailboxId())).block();
    }

    private static double median(List<double[]> costs, int index) {
        List<Double> values = new ArrayList<>();
        costs.forEach(cost -> values.add(cost[index]));
        Collections.sort(values);
        return values.get(values.size() / 2);
    }

    private static MailboxEvents.Added added(MailboxId id, long uid) {
        SortedMap<MessageUid, MessageMetaData> added = new TreeMap<>();
        added.put(MessageUid.of(uid), metaData(uid, new Flags(Flags.Flag.RECENT)));
        return new MailboxEvents.Added(MailboxSession.SessionId.of(1), SUPPORT, MailboxPath.inbox(SUPPORT), id, added, Event.EventId.random(), true);
    }

    private static MailboxEvents.FlagsUpdated deleted(MailboxId id, long uid) {
        return new MailboxEvents.FlagsUpdated(MailboxSession.SessionId.of(1), SUPPORT, MailboxPath.inbox(SUPPORT), id,
            List.of(UpdatedFlags.builder().uid(MessageUid.of(uid)).modSeq(ModSeq.of(uid + 1)).oldFlags(new Flags())
                .newFlags(new Flags(Flags.Flag.DELETED)).build()), Event.EventId.random());
    }

    private static MailboxEvents.Expunged expunged(MailboxId id, long uid) {
        return new MailboxEvents.Expunged(MailboxSession.SessionId.of(1), SUPPORT, MailboxPath.inbox(SUPPORT), id,
            new TreeMap<>(Map.of(MessageUid.of(uid), metaData(uid, new Flags(Flags.Flag.DELETED)))), Event.EventId.random());
    }

    private static MessageMetaData metaData(long uid, Flags flags) {
        InMemoryMessageId messageId = InMemoryMessageId.of(uid);
        return new MessageMetaData(MessageUid.of(uid), ModSeq.of(uid), flags, 20_000, new Date(), Optional.empty(), messageId,
            ThreadId.fromBaseMessageId(messageId));
    }

    /** A folder that exists, with this id, in which no message carries a keyword. */
    private static MessageManager folder(MailboxId id) {
        return (MessageManager) Proxy.newProxyInstance(FolderWatchBenchmark.class.getClassLoader(), new Class<?>[] {MessageManager.class},
            (proxy, method, methodArgs) -> switch (method.getName()) {
                case "getId" -> id;
                case "search" -> Flux.empty();
                default -> throw new UnsupportedOperationException(method.getName());
            });
    }

    private static MailboxManager mailboxManager(MailboxId id) {
        return (MailboxManager) Proxy.newProxyInstance(FolderWatchBenchmark.class.getClassLoader(), new Class<?>[] {MailboxManager.class},
            (proxy, method, methodArgs) -> switch (method.getName()) {
                case "createSystemSession" -> MailboxSessionUtil.create((Username) methodArgs[0]);
                case "getMailbox" -> folder(id);
                case "mailboxExists" -> Mono.just(true);
                case "endProcessingRequest" -> null;
                default -> throw new UnsupportedOperationException(method.getName());
            });
    }

    /** The shape of both watches until 2026-12-07: a plain listener, its work a map update. */
    private static final class FormerWatch implements EventListener {
        private final Map<MessageUid, Boolean> carriers = new ConcurrentHashMap<>();

        @Override
        public void event(Event event) {
            if (event instanceof MailboxEvents.Added added) {
                for (Map.Entry<MessageUid, MessageMetaData> message : added.getAdded().entrySet()) {
                    if (message.getValue().getFlags().contains("$Resolved")) {
                        carriers.put(message.getKey(), Boolean.TRUE);
                    }
                }
            } else if (event instanceof MailboxEvents.FlagsUpdated updated) {
                for (UpdatedFlags flags : updated.getUpdatedFlags()) {
                    carriers.remove(flags.getUid());
                }
            } else if (event instanceof MailboxEvents.Expunged expunged) {
                expunged.getUids().forEach(carriers::remove);
            }
        }

        @Override
        public ExecutionMode getExecutionMode() {
            return ExecutionMode.SYNCHRONOUS;
        }
    }

    /** A system session of the account, as James's MailboxSessionUtil builds one. */
    private static final class MailboxSessionUtil {
        static MailboxSession create(Username user) {
            return new MailboxSession(MailboxSession.SessionId.of(1), user, Optional.of(user), List.of(), '.', MailboxSession.SessionType.System);
        }
    }
}
