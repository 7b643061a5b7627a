package com.teaminbox.it;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.inject.Inject;
import javax.mail.BodyPart;
import javax.mail.Flags;
import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.Username;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.MailboxMetaData;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.search.MailboxQuery;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.james.transport.mailets.AddDeliveredToHeader;
import org.apache.james.transport.mailets.LocalDelivery;
import org.apache.james.user.api.UsersRepository;
import org.apache.mailet.Mail;
import org.apache.mailet.Mailet;
import org.apache.mailet.MailetContext;
import org.apache.mailet.base.test.FakeMailetConfig;

import com.teaminbox.core.audit.AuditTrail;
import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.ticket.store.ConversationIndex;
import com.teaminbox.core.ticket.store.TicketRegistry;
import com.teaminbox.james.autoreply.AcknowledgementLedger;
import com.teaminbox.james.common.SharedAccounts;
import com.teaminbox.james.common.KnownFolders;
import com.teaminbox.james.mailets.Acknowledge;
import com.teaminbox.james.mailets.ApplyRules;
import com.teaminbox.james.mailets.AssignTicket;
import com.teaminbox.james.mailets.LocalDeliveryOnce;
import com.teaminbox.james.mailets.SplitPerSharedMailbox;
import com.teaminbox.james.rules.CompiledRules;
import com.teaminbox.james.rules.RuleNotifications;

import reactor.core.publisher.Flux;

/**
 * Built by {@link DeliveryCostProbe} with the server's own singletons: the e2e benchmark's mails
 * (the sample corpus, each text padded to about 20 KB, as {@code BenchmarkMails.fromSamples}), handed
 * over as the spooler does (a {@link MimeMessageWrapper} over the received bytes), through stock
 * James's {@code AddDeliveredToHeader} and {@code LocalDelivery}, or through the shared-mailbox
 * processor's mailets besides the rules (SplitPerSharedMailbox, AssignTicket, Acknowledge,
 * AddDeliveredToHeader, LocalDeliveryOnce), into the server's mailbox of support@. Many threads at
 * once, as the spooler runs; each mailet's CPU on the calling threads, and the whole JVM's.
 */
public class DeliveryCostMeter {
    /** CPU per mailet on the calling threads, and the whole process's, over {@code mails} mails. */
    public record Cost(String variant, int mails, Map<String, Long> nanosByMailet, long poolNanos, long processNanos) {
        public double microsPerMail(String mailet) {
            return nanosByMailet.getOrDefault(mailet, 0L) / 1_000.0 / mails;
        }

        public double callingThreadsMicrosPerMail() {
            return nanosByMailet.values().stream().mapToLong(Long::longValue).sum() / 1_000.0 / mails;
        }

        /** James's mailbox pools (the appends, the events): threads named boundedElastic, blocking-call-wrapper, parallel. */
        public double poolMicrosPerMail() {
            return poolNanos / 1_000.0 / mails;
        }

        public double processMicrosPerMail() {
            return processNanos / 1_000.0 / mails;
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    /** The ticket counter and the SLA ledger: left as they are. */
    private static final List<String> HIDDEN = List.of("Ticket Registry", "SLA Ledger");
    private static final String SENDER = "jane@customer.test";
    private static final String RECIPIENT = "support@example.test";
    private static final int TEXT_CHARS = 20_000;
    private static final List<String> KEPT_HEADERS = List.of("Subject", "In-Reply-To", "References", "Auto-Submitted",
        "Precedence", "List-Id", "List-Unsubscribe", "X-Spam-Flag", "Content-Language");

    private final ConfigurationInForce configuration;
    private final TicketRegistry registry;
    private final ConversationIndex conversations;
    private final SharedAccounts accounts;
    private final AuditTrail audit;
    private final AcknowledgementLedger ledger;
    private final Clock clock;
    private final MailetContext context;
    private final UsersRepository users;
    private final MailboxManager mailboxes;
    private final MetricFactory metrics;
    private final CompiledRules compiledRules;
    private final RuleNotifications notifications;
    private final KnownFolders knownFolders;
    private final AtomicInteger sequence = new AtomicInteger();
    /** Long-lived, as the spooler's threads: what each keeps per thread (a digest, a buffer) is made once. */
    private ExecutorService workers;

    @Inject
    public DeliveryCostMeter(ConfigurationInForce configuration, TicketRegistry registry, ConversationIndex conversations,
                             SharedAccounts accounts, AuditTrail audit, AcknowledgementLedger ledger, Clock clock,
                             MailetContext context, UsersRepository users, MailboxManager mailboxes, MetricFactory metrics,
                             CompiledRules compiledRules, RuleNotifications notifications, KnownFolders knownFolders) {
        this.configuration = configuration;
        this.registry = registry;
        this.conversations = conversations;
        this.accounts = accounts;
        this.audit = audit;
        this.ledger = ledger;
        this.clock = clock;
        this.context = context;
        this.users = users;
        this.mailboxes = mailboxes;
        this.metrics = metrics;
        this.compiledRules = compiledRules;
        this.notifications = notifications;
        this.knownFolders = knownFolders;
    }

    /** Stock James's two mailets: what (a) runs for a mail to support@. */
    public Map<String, Mailet> stock() throws MessagingException {
        Map<String, Mailet> mailets = new LinkedHashMap<>();
        mailets.put("AddDeliveredToHeader", new AddDeliveredToHeader());
        mailets.put("LocalDelivery", new LocalDelivery(users, mailboxes, metrics));
        return init(mailets);
    }

    /** The shared-mailbox processor, with or without ApplyRules. */
    public Map<String, Mailet> teamInbox(boolean withRules) throws MessagingException {
        Map<String, Mailet> mailets = new LinkedHashMap<>();
        mailets.put("SplitPerSharedMailbox", new SplitPerSharedMailbox(configuration));
        mailets.put("AssignTicket", new AssignTicket(configuration, registry, conversations, accounts, audit));
        if (withRules) {
            mailets.put("ApplyRules", new ApplyRules(configuration, compiledRules, notifications, accounts, clock, audit, knownFolders));
        }
        mailets.put("Acknowledge", new Acknowledge(configuration, ledger, clock, audit));
        mailets.put("AddDeliveredToHeader", new AddDeliveredToHeader());
        mailets.put("LocalDeliveryOnce", new LocalDeliveryOnce(users, mailboxes, metrics));
        return init(mailets);
    }

    private Map<String, Mailet> init(Map<String, Mailet> mailets) throws MessagingException {
        for (Map.Entry<String, Mailet> mailet : mailets.entrySet()) {
            mailet.getValue().init(FakeMailetConfig.builder().mailetName(mailet.getKey()).mailetContext(context).build());
        }
        return mailets;
    }

    /** {@code threads} threads at once, {@code mailsPerThread} mails each, through {@code mailets}. */
    public Cost run(String variant, Map<String, Mailet> mailets, List<byte[]> templates, int threads, int mailsPerThread)
        throws Exception {
        Map<String, Long> nanos = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Future<?>> works = new ArrayList<>();
        for (int thread = 0; thread < threads; thread++) {
            int offset = thread * 7;
            works.add(workers(threads).submit(() -> {
                try {
                    start.await();
                    Map<String, Long> own = new LinkedHashMap<>();
                    for (int index = 0; index < mailsPerThread; index++) {
                        Mail mail = mail(templates.get((offset + index) % templates.size()));
                        try {
                            for (Map.Entry<String, Mailet> mailet : mailets.entrySet()) {
                                if (Mail.GHOST.equals(mail.getState())) {
                                    break;
                                }
                                long begin = THREADS.getCurrentThreadCpuTime();
                                mailet.getValue().service(mail);
                                own.merge(mailet.getKey(), THREADS.getCurrentThreadCpuTime() - begin, Long::sum);
                            }
                        } finally {
                            LifecycleUtil.dispose(mail);
                        }
                    }
                    own.forEach((name, value) -> nanos.merge(name, value, Long::sum));
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        long processStart = PROCESS.getProcessCpuTime();
        long poolStart = poolCpu();
        start.countDown();
        for (Future<?> work : works) {
            work.get();
        }
        long poolNanos = poolCpu() - poolStart;
        long processNanos = PROCESS.getProcessCpuTime() - processStart;
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
        return new Cost(variant, threads * mailsPerThread, new LinkedHashMap<>(nanos), poolNanos, processNanos);
    }

    private synchronized ExecutorService workers(int threads) {
        if (workers == null) {
            AtomicInteger names = new AtomicInteger();
            workers = Executors.newFixedThreadPool(threads, task -> {
                Thread thread = new Thread(task, "delivery-cost-" + names.getAndIncrement());
                thread.setDaemon(true);
                return thread;
            });
        }
        return workers;
    }

    /** The CPU so far of the live threads of James's mailbox pools (a pool thread that ended since is not counted). */
    private static long poolCpu() {
        long total = 0;
        for (java.lang.management.ThreadInfo thread : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (thread != null && (thread.getThreadName().startsWith("boundedElastic") || thread.getThreadName().startsWith("blocking-call-wrapper")
                || thread.getThreadName().startsWith("parallel"))) {
                total += Math.max(0, THREADS.getThreadCpuTime(thread.getThreadId()));
            }
        }
        return total;
    }

    /**
     * Empties the folders of support@ (but its hidden ones) and of the customer, as the e2e benchmark's pollers do (they
     * delete and expunge what they find): James's memory search scans a whole folder, and a
     * customer's reply makes the trail's listeners search support@'s folders for its ticket.
     */
    public void emptyInboxes() throws Exception {
        for (String address : List.of(RECIPIENT, SENDER)) {
            Username owner = Username.of(address);
            MailboxSession session = mailboxes.createSystemSession(owner);
            try {
                List<MailboxPath> folders = Flux.from(mailboxes.search(MailboxQuery.privateMailboxesBuilder(session).matchesAllMailboxNames().build(),
                        MailboxManager.MailboxSearchFetchType.Minimal, session))
                    .map(MailboxMetaData::getPath)
                    .filter(path -> !HIDDEN.contains(path.getName()))
                    .collectList()
                    .block();
                for (MailboxPath path : folders) {
                    MessageManager folder = mailboxes.getMailbox(path, session);
                    folder.setFlags(new Flags(Flags.Flag.DELETED), MessageManager.FlagsUpdateMode.ADD, MessageRange.all(), session);
                    folder.expunge(MessageRange.all(), session);
                }
            } catch (MailboxNotFoundException e) {
                // no acknowledgement delivered yet
            } finally {
                mailboxes.endProcessingRequest(session);
            }
        }
    }

    private Mail mail(byte[] template) throws MessagingException {
        String id = "cost-" + sequence.incrementAndGet() + "-" + System.nanoTime() + "@bench.test";
        byte[] bytes = new String(template, StandardCharsets.UTF_8).replace("%ID%", id).getBytes(StandardCharsets.UTF_8);
        return MeteredMails.spooled(id, bytes, SENDER, RECIPIENT);
    }

    /**
     * The e2e benchmark's mails ({@code BenchmarkMails.fromSamples}, which the integration tests cannot
     * reach): each sample's steering headers and text, padded with prose to about 20 KB, CRLF; the
     * Message-ID is {@code %ID%}.
     */
    static List<byte[]> templates(Path samples) throws Exception {
        Session session = Session.getInstance(new Properties());
        List<Path> files;
        try (Stream<Path> listing = Files.list(samples)) {
            files = listing.filter(path -> path.toString().endsWith(".eml")).sorted().collect(Collectors.toList());
        }
        Random random = new Random(42);
        List<byte[]> templates = new ArrayList<>();
        for (Path file : files) {
            try (InputStream input = Files.newInputStream(file)) {
                MimeMessage message = new MimeMessage(session, input);
                StringBuilder headers = new StringBuilder();
                for (String name : KEPT_HEADERS) {
                    String[] values = message.getHeader(name);
                    if (values != null) {
                        headers.append(name).append(": ").append(values[0].replaceAll("\\r?\\n", "\r\n")).append("\r\n");
                    }
                }
                String sampleText = text(message.getContent());
                String text = sampleText + "\n" + prose(random, TEXT_CHARS - sampleText.length());
                String raw = "From: Jane Customer <" + SENDER + ">\r\nTo: " + RECIPIENT + "\r\n"
                    + "Date: Fri, 27 Nov 2026 10:00:00 +0100\r\nMessage-ID: <%ID%>\r\n" + headers
                    + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                    + text;
                String crlf = raw.replace("\r\n", "\n").replace("\n", "\r\n");
                templates.add((crlf.endsWith("\r\n") ? crlf : crlf + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return templates;
    }

    private static String text(Object content) throws Exception {
        if (content instanceof String) {
            return (String) content;
        }
        if (content instanceof Multipart) {
            Multipart multipart = (Multipart) content;
            for (int index = 0; index < multipart.getCount(); index++) {
                BodyPart part = multipart.getBodyPart(index);
                if (part.isMimeType("text/plain")) {
                    return (String) part.getContent();
                }
            }
        }
        return "";
    }

    private static String prose(Random random, int chars) {
        String[] words = ("the customer account order delivery payment schedule meeting report team project update "
            + "question answer request ticket support service contract renewal price quote discount server network "
            + "login password access printer office monday friday week month shipment warehouse").split(" ");
        StringBuilder text = new StringBuilder();
        while (text.length() < chars) {
            text.append(words[random.nextInt(words.length)]).append(random.nextInt(12) == 0 ? ".\n" : " ");
        }
        return text.toString();
    }
}
