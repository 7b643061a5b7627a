package com.teaminbox.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.ComposedMessageId;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.metrics.api.Metric;
import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.MimeMessageInputStream;
import org.apache.james.transport.mailets.delivery.MailDispatcher;
import org.apache.james.transport.mailets.delivery.MailboxAppender;
import org.apache.james.transport.mailets.delivery.SimpleMailStore;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.apache.mailet.PerRecipientHeaders.Header;
import org.apache.mailet.StorageDirective;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;

/**
 * SpoolDelivery is James 3.8.1's MailDispatcher (as LocalDelivery builds it) on the calling thread.
 * Each case delivers the same mail through both, with the same appender recording what it is given,
 * and compares: every store (account, folder, flags, the message's bytes as stored), the mail
 * afterwards (headers, state), the mails sent to the error processor and the metric.
 */
class SpoolDeliveryTest {
    private static final String SUPPORT = "support@example.test";
    private static final String SALES = "sales@example.test";
    private static final String RAW = "Return-Path: <old@customer.test>\r\n"
        + "Delivered-To: earlier@example.test\r\n"
        + "From: Jane <jane@customer.test>\r\n"
        + "To: support@example.test, sales@example.test\r\n"
        + "Subject: [SUP-1] Printer on fire\r\n"
        + "Date: Mon, 7 Dec 2026 09:00:00 +0000\r\n"
        + "MIME-Version: 1.0\r\n"
        + "Message-ID: <a@customer.test>\r\n"
        + "\r\n"
        + "Hello.\r\n";

    @Test
    void storesShouldBeJamesOwnForEachRecipientWithItsHeadersFolderAndFlags() throws Exception {
        Outcome james = deliverWithJames(Failures.none(), Mail.ERROR, this::twoRecipients);
        Outcome ours = deliverWithSpoolDelivery(Failures.none(), Mail.ERROR, this::twoRecipients);

        assertThat(ours).isEqualTo(james);
        assertThat(ours.stores()).hasSize(2);
        assertThat(ours.stores().get(0)).contains("account=support@example.test", "folder=Billing", "Return-Path: <jane@customer.test>",
            "Delivered-To: earlier@example.test\r\nDelivered-To: support@example.test\r\n");
        assertThat(ours.mailAfter()).contains("Return-Path: <jane@customer.test>").doesNotContain("Delivered-To: support");
    }

    @Test
    void aMailWithoutSenderShouldBeStoredWithAnEmptyReturnPathAsJamesDoes() throws Exception {
        Outcome james = deliverWithJames(Failures.none(), Mail.ERROR, this::withoutSender);
        Outcome ours = deliverWithSpoolDelivery(Failures.none(), Mail.ERROR, this::withoutSender);

        assertThat(ours).isEqualTo(james);
        assertThat(ours.stores().get(0)).contains("Return-Path: <>");
    }

    @Test
    void aStoreFailingOnceShouldBeRetriedAndStoredOnce() throws Exception {
        Outcome james = deliverWithJames(Failures.first(SUPPORT, 1), Mail.ERROR, this::twoRecipients);
        Outcome ours = deliverWithSpoolDelivery(Failures.first(SUPPORT, 1), Mail.ERROR, this::twoRecipients);

        assertThat(ours).isEqualTo(james);
        assertThat(ours.stores()).hasSize(2);
        assertThat(ours.delivered()).isEqualTo(2);
        assertThat(ours.sent()).isEmpty();
    }

    @Test
    void aRecipientStillFailingAfterTheRetriesShouldGoToTheErrorProcessorWithTheOthersDelivered() throws Exception {
        Outcome james = deliverWithJames(Failures.always(SUPPORT), Mail.ERROR, this::twoRecipients);
        Outcome ours = deliverWithSpoolDelivery(Failures.always(SUPPORT), Mail.ERROR, this::twoRecipients);

        assertThat(ours).isEqualTo(james);
        assertThat(ours.attempts()).as("the first attempt and three retries").isEqualTo(Map.of(SUPPORT, 4, SALES, 1));
        assertThat(ours.stores()).singleElement().asString().contains("account=sales@example.test");
        assertThat(ours.sent()).singleElement().asString()
            .contains("name=error-mail1", "sender=jane@customer.test", "recipients=[support@example.test]", "state=error");
        assertThat(ours.state()).isEqualTo(Mail.GHOST);
    }

    @Test
    void theProcessorNamedByOnMailetExceptionShouldGetTheFailingRecipients() throws Exception {
        Outcome james = deliverWithJames(Failures.always(SALES), "parked", this::twoRecipients);
        Outcome ours = deliverWithSpoolDelivery(Failures.always(SALES), "parked", this::twoRecipients);

        assertThat(ours).isEqualTo(james);
        assertThat(ours.sent()).singleElement().asString().contains("recipients=[sales@example.test]", "state=parked");
    }

    @Test
    void underIgnoreAFailingRecipientShouldBeDroppedAsJamesDoes() throws Exception {
        Outcome james = deliverWithJames(Failures.always(SUPPORT), "ignore", this::twoRecipients);
        Outcome ours = deliverWithSpoolDelivery(Failures.always(SUPPORT), "ignore", this::twoRecipients);

        assertThat(ours).isEqualTo(james);
        assertThat(ours.sent()).isEmpty();
        assertThat(ours.state()).isEqualTo(Mail.GHOST);
    }

    @Test
    void underPropagateTheFirstFailureShouldLeaveAsJamesThrowsItAndTheLaterRecipientsWaitForTheErrorProcessor() throws Exception {
        assertThatThrownBy(() -> deliverWithJames(Failures.always(SUPPORT), "propagate", this::twoRecipients))
            .isInstanceOf(IllegalStateException.class).hasMessage("Retries exhausted: 3/3");
        RecordingAppender appender = new RecordingAppender(Failures.always(SUPPORT));
        SentMails context = new SentMails();
        SpoolDelivery delivery = new SpoolDelivery(users(), new AppendOnce(appender, nothingStored()), new CountingMetric(), context.context,
            "propagate", delay -> {
            });
        assertThatThrownBy(() -> delivery.deliver(twoRecipients()))
            .isInstanceOf(IllegalStateException.class).hasMessage("Retries exhausted: 3/3")
            .hasCauseInstanceOf(ConcurrentModificationException.class);

        // The later recipient was neither stored nor sent on: the error processor gets the whole mail.
        assertThat(appender.attempts()).isEqualTo(Map.of(SUPPORT, 4));
        assertThat(appender.stores).isEmpty();
        assertThat(context.sent).isEmpty();
    }

    @Test
    void aRecipientTheUsersRepositoryCannotNameShouldBeStoredUnderItsAddressAsJamesDoes() throws Exception {
        Outcome james = deliverWithJames(Failures.none(), Mail.ERROR, this::twoRecipients, failingUsers());
        Outcome ours = deliverWithSpoolDelivery(Failures.none(), Mail.ERROR, this::twoRecipients, failingUsers());

        assertThat(ours).isEqualTo(james);
        assertThat(ours.stores().get(0)).contains("account=support@example.test");
    }

    @Test
    void retriesShouldRunOnTheCallingThreadWhereJamesRetriedOnReactorsParallelScheduler() throws Exception {
        Outcome james = deliverWithJames(Failures.first(SUPPORT, 2), Mail.ERROR, this::twoRecipients);
        Outcome ours = deliverWithSpoolDelivery(Failures.first(SUPPORT, 2), Mail.ERROR, this::twoRecipients);

        assertThat(james.threads()).anyMatch(name -> name.startsWith("parallel-"));
        assertThat(ours.threads()).containsOnly(Thread.currentThread().getName());
    }

    @Test
    void theWaitsBeforeRetriesShouldBeJamesBackOff() throws Exception {
        List<Duration> waits = new CopyOnWriteArrayList<>();

        deliverWithSpoolDelivery(Failures.always(SUPPORT), Mail.ERROR, this::twoRecipients, users(), waits::add);

        assertThat(waits).hasSize(3);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(200), Duration.ofMillis(300));
        assertThat(waits.get(1)).isBetween(Duration.ofMillis(200), Duration.ofMillis(600));
        assertThat(waits.get(2)).isBetween(Duration.ofMillis(400), Duration.ofMillis(1000));
    }

    @Test
    void backOffShouldStayWithinReactorsBoundsForEveryRetry() {
        // Reactor's Retry.backoff(3, 200 ms).maxBackoff(1 s), jitter 0.5: [next - jitter, next + jitter) within [200 ms, 1 s].
        long[][] bounds = {{200, 300}, {200, 600}, {400, 1000}, {500, 1000}, {500, 1000}};
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int retry = 0; retry < bounds.length; retry++) {
            for (int draw = 0; draw < 2_000; draw++) {
                assertThat(SpoolDelivery.backoff(retry, random).toMillis()).as("retry " + retry)
                    .isBetween(bounds[retry][0], bounds[retry][1]);
            }
        }
    }

    @Test
    void anInterruptedWaitShouldLeaveTheDeliveryKeepingTheInterruption() throws Exception {
        SpoolDelivery.Pause interrupted = delay -> {
            throw new InterruptedException("spooler stopping");
        };

        try {
            assertThatThrownBy(() -> deliverWithSpoolDelivery(Failures.always(SUPPORT), Mail.ERROR, this::twoRecipients, users(), interrupted))
                .hasCauseInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void theStorageDirectiveShouldBeReadAsJamesReadsItWhateverTheAttributesHold() throws Exception {
        Username support = Username.of(SUPPORT);
        List<List<Attribute>> cases = List.of(
            List.of(),
            List.of(attribute("DeliveryPath_" + SUPPORT, AttributeValue.of("Billing"))),
            List.of(attribute("DeliveryPath_" + SUPPORT, AttributeValue.of(3))),
            List.of(attribute("DeliveryPath_" + SALES, AttributeValue.of("Billing"))),
            List.of(attribute("Seen_" + SUPPORT, AttributeValue.of(true))),
            List.of(attribute("Seen_" + SUPPORT, AttributeValue.of(false)), attribute("Important_" + SUPPORT, AttributeValue.of(true))),
            List.of(attribute("Important_" + SUPPORT, AttributeValue.of("true"))),
            List.of(attribute("Keywords_" + SUPPORT, AttributeValue.of(List.of(AttributeValue.of("$b"), AttributeValue.of("$a"), AttributeValue.of("$b"))))),
            List.of(attribute("Keywords_" + SUPPORT, AttributeValue.of(List.of(AttributeValue.of(1), AttributeValue.of("$x"))))),
            List.of(attribute("Keywords_" + SUPPORT, AttributeValue.of(List.<AttributeValue<?>>of()))),
            List.of(attribute("Keywords_" + SUPPORT, AttributeValue.of(List.of(AttributeValue.of(1))))),
            List.of(attribute("Keywords_" + SUPPORT, AttributeValue.of("$notACollection"))),
            List.of(attribute("DeliveryPath_" + SUPPORT, AttributeValue.of("Junk")), attribute("Seen_" + SUPPORT, AttributeValue.of(true)),
                attribute("Important_" + SUPPORT, AttributeValue.of(false)),
                attribute("Keywords_" + SUPPORT, AttributeValue.of(List.of(AttributeValue.of("$Junk"), AttributeValue.of("$Tagged"))))));
        for (List<Attribute> attributes : cases) {
            Mail mail = withoutSender();
            attributes.forEach(mail::setAttribute);

            StorageDirective james = StorageDirective.fromMail(support, mail).withDefaultFolder("INBOX");
            StorageDirective ours = SpoolDelivery.directive(support, mail);

            assertThat(ours.encodeAsAttributes(support).toList()).as(attributes.toString()).isEqualTo(james.encodeAsAttributes(support).toList());
            assertThat(ours.getFlags()).as(attributes.toString()).isEqualTo(james.getFlags());
        }
    }

    private static Attribute attribute(String name, AttributeValue<?> value) {
        return new Attribute(AttributeName.of(name), value);
    }

    /** What one delivery did, as text that compares byte for byte. */
    record Outcome(List<String> stores, String mailAfter, String state, List<String> sent, long delivered, Map<String, Integer> attempts,
                   Set<String> threads) {
        @Override
        public boolean equals(Object other) {
            // Where each attempt ran is the one difference meant: not compared.
            return other instanceof Outcome outcome && stores.equals(outcome.stores) && mailAfter.equals(outcome.mailAfter)
                && state.equals(outcome.state) && sent.equals(outcome.sent) && delivered == outcome.delivered
                && attempts.equals(outcome.attempts);
        }

        @Override
        public int hashCode() {
            return stores.hashCode();
        }
    }

    /** Which recipients' stores fail, and how many times (before storing anything). */
    record Failures(Map<String, Integer> times) {
        static Failures none() {
            return new Failures(Map.of());
        }

        static Failures first(String account, int count) {
            return new Failures(Map.of(account, count));
        }

        static Failures always(String account) {
            return new Failures(Map.of(account, Integer.MAX_VALUE));
        }
    }

    /** Records every store as the mailbox would get it; fails as {@link Failures} says. */
    private static final class RecordingAppender implements MailboxAppender {
        private final Failures failures;
        private final List<String> stores = new CopyOnWriteArrayList<>();
        private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        private final Set<String> threads = ConcurrentHashMap.newKeySet();

        RecordingAppender(Failures failures) {
            this.failures = failures;
        }

        @Override
        public Mono<ComposedMessageId> append(MimeMessage message, Username owner, StorageDirective directive) {
            return Mono.fromCallable(() -> {
                threads.add(Thread.currentThread().getName());
                int attempt = attempts.computeIfAbsent(owner.asString(), any -> new AtomicInteger()).incrementAndGet();
                if (attempt <= failures.times().getOrDefault(owner.asString(), 0)) {
                    throw new ConcurrentModificationException("injected: before storing");
                }
                stores.add("account=" + owner.asString() + " folder=" + directive.getTargetFolder().orElse("?") + " flags="
                    + directive.getFlags().map(flags -> List.of(flags.getSystemFlags()).size() + " " + List.of(flags.getUserFlags())).orElse("none")
                    + "\n" + storedBytes(message));
                return new ComposedMessageId(mock(MailboxId.class), mock(MessageId.class), MessageUid.of(stores.size()));
            });
        }

        Map<String, Integer> attempts() {
            Map<String, Integer> counts = new ConcurrentHashMap<>();
            attempts.forEach((account, count) -> counts.put(account, count.get()));
            return Map.copyOf(counts);
        }
    }

    private interface MailFactory {
        Mail create() throws Exception;
    }

    private Outcome deliverWithJames(Failures failures, String onMailetException, MailFactory mails) throws Exception {
        return deliverWithJames(failures, onMailetException, mails, users());
    }

    private Outcome deliverWithJames(Failures failures, String onMailetException, MailFactory mails, UsersRepository users) throws Exception {
        RecordingAppender appender = new RecordingAppender(failures);
        CountingMetric metric = new CountingMetric();
        SentMails context = new SentMails();
        MailDispatcher dispatcher = MailDispatcher.builder()
            .mailStore(SimpleMailStore.builder().mailboxAppender(appender).usersRepository(users).folder("INBOX").metric(metric).build())
            .consume(true)
            .onMailetException(onMailetException)
            .retries(MailDispatcher.RETRIES)
            .mailetContext(context.context)
            .build();
        Mail mail = mails.create();
        dispatcher.dispatch(mail);
        return outcome(appender, metric, context, mail);
    }

    private Outcome deliverWithSpoolDelivery(Failures failures, String onMailetException, MailFactory mails) throws Exception {
        return deliverWithSpoolDelivery(failures, onMailetException, mails, users());
    }

    private Outcome deliverWithSpoolDelivery(Failures failures, String onMailetException, MailFactory mails, UsersRepository users) throws Exception {
        return deliverWithSpoolDelivery(failures, onMailetException, mails, users, delay -> {
        });
    }

    private Outcome deliverWithSpoolDelivery(Failures failures, String onMailetException, MailFactory mails, UsersRepository users,
                                             SpoolDelivery.Pause pause) throws Exception {
        RecordingAppender appender = new RecordingAppender(failures);
        CountingMetric metric = new CountingMetric();
        SentMails context = new SentMails();
        SpoolDelivery delivery = new SpoolDelivery(users, new AppendOnce(appender, nothingStored()), metric, context.context, onMailetException,
            pause);
        Mail mail = mails.create();
        delivery.deliver(mail);
        return outcome(appender, metric, context, mail);
    }

    private static Outcome outcome(RecordingAppender appender, CountingMetric metric, SentMails context, Mail mail) throws Exception {
        return new Outcome(List.copyOf(appender.stores), bytes(mail.getMessage()), mail.getState(), List.copyOf(context.sent), metric.count.get(),
            appender.attempts(), Set.copyOf(appender.threads));
    }

    /** A mailet context recording each mail sent as it is when sent (the delivery disposes of it afterwards). */
    private static final class SentMails {
        private final List<String> sent = new CopyOnWriteArrayList<>();
        private final MailetContext context = mock(MailetContext.class);

        SentMails() throws MessagingException {
            doAnswer(invocation -> {
                Mail mail = invocation.getArgument(0);
                sent.add("name=" + mail.getName() + " sender=" + mail.getMaybeSender().asString() + " recipients=" + mail.getRecipients()
                    + " state=" + mail.getState() + " error=" + mail.getErrorMessage() + " message=" + bytes(mail.getMessage()));
                return null;
            }).when(context).sendMail(any(Mail.class));
        }
    }

    /** support@ and sales@, each with its own Delivered-To; support@'s into Billing, seen, with a keyword. */
    private Mail twoRecipients() throws Exception {
        MailImpl mail = MailImpl.builder()
            .name("mail1")
            .sender("jane@customer.test")
            .addRecipients(SUPPORT, SALES)
            .mimeMessage(message())
            .state("shared-mailbox")
            .build();
        for (String recipient : List.of(SUPPORT, SALES)) {
            mail.addSpecificHeaderForRecipient(Header.builder().name("Delivered-To").value(recipient).build(), new MailAddress(recipient));
        }
        StorageDirective.builder().targetFolder("Billing").seen(Optional.of(true)).keywords(Optional.of(List.of("$Billing")))
            .build().encodeAsAttributes(Username.of(SUPPORT)).forEach(mail::setAttribute);
        return mail;
    }

    private Mail withoutSender() throws Exception {
        return MailImpl.builder().name("mail2").addRecipients(SUPPORT).mimeMessage(message()).state("shared-mailbox").build();
    }

    private static MimeMessage message() throws MessagingException {
        return new MimeMessage(Session.getDefaultInstance(new Properties()), new ByteArrayInputStream(RAW.getBytes(StandardCharsets.US_ASCII)));
    }

    private static UsersRepository users() throws UsersRepositoryException {
        UsersRepository users = mock(UsersRepository.class);
        when(users.getUsername(any(MailAddress.class))).thenAnswer(invocation -> Username.of(invocation.<MailAddress>getArgument(0).asString()));
        return users;
    }

    private static UsersRepository failingUsers() throws UsersRepositoryException {
        UsersRepository users = mock(UsersRepository.class);
        when(users.getUsername(any(MailAddress.class))).thenThrow(new UsersRepositoryException("injected: directory down"));
        return users;
    }

    private static FolderLookup nothingStored() {
        return new FolderLookup() {
            @Override
            public Optional<MessageUid> nextUid(Username owner, String folder) {
                return Optional.of(MessageUid.MIN_VALUE);
            }

            @Override
            public Optional<ComposedMessageId> find(Username owner, String folder, StoredSince since, String messageId) {
                return Optional.empty();
            }
        };
    }

    /**
     * The bytes James's {@code MailboxAppenderImpl} hands the mailbox for a message ({@code MimeMessageInputStream}): no
     * {@code saveChanges()}, which {@code writeTo} would do first on a changed message that is not saved.
     */
    private static String storedBytes(MimeMessage message) {
        try (InputStream in = new MimeMessageInputStream(message)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String bytes(MimeMessage message) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toString(StandardCharsets.US_ASCII);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class CountingMetric implements Metric {
        private final AtomicLong count = new AtomicLong();

        @Override
        public void increment() {
            count.incrementAndGet();
        }

        @Override
        public void decrement() {
            count.decrementAndGet();
        }

        @Override
        public void add(int value) {
            count.addAndGet(value);
        }

        @Override
        public void remove(int value) {
            count.addAndGet(-value);
        }

        @Override
        public long getCount() {
            return count.get();
        }
    }
}
