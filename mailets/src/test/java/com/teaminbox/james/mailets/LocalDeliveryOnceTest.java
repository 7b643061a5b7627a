package com.teaminbox.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageManager.AppendResult;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.ComposedMessageId;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.ThreadId;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.user.api.UsersRepository;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;

/** The mailet's contract; what it adds to LocalDelivery is {@link AppendOnceTest}'s and DeliveredOnceIntegrationTest's. */
class LocalDeliveryOnceTest {
    private LocalDeliveryOnce mailet;

    @BeforeEach
    void setUp() {
        MetricFactory metrics = mock(MetricFactory.class);
        when(metrics.generate(anyString())).thenReturn(mock(Metric.class));
        mailet = new LocalDeliveryOnce(mock(UsersRepository.class), mock(MailboxManager.class), metrics);
    }

    @Test
    void anyParameterShouldBeRefusedNamingTheMailetTheParameterAndItsValue() {
        assertThatThrownBy(() -> mailet.init(config().setProperty("folder", "Support").build()))
            .isInstanceOf(MessagingException.class)
            .hasMessage("Mailet delivery (com.teaminbox.james.mailets.LocalDeliveryOnce): parameter <folder> = 'Support': "
                + "unknown parameter; accepted: none");
    }

    @Test
    void jamesOwnErrorHandlingParameterShouldBeAcceptedAsLocalDeliveryAcceptsIt() throws Exception {
        mailet.init(config().setProperty("onMailetException", "propagate").build());

        assertThat(mailet.getMailetInfo()).contains("once");
    }

    @Test
    void aRetriedStoreShouldRunOnTheSpoolThreadThatCalledTheMailet() throws Exception {
        // James's MailDispatcher retried on Reactor's parallel scheduler and AppendOnce looked on boundedElastic (issue 18).
        List<String> threads = new CopyOnWriteArrayList<>();
        AtomicInteger appends = new AtomicInteger();
        MailboxManager mailboxes = mock(MailboxManager.class);
        MailboxSession session = mock(MailboxSession.class);
        when(session.getPathDelimiter()).thenReturn('.');
        when(session.getUser()).thenReturn(Username.of("support@example.test"));
        when(mailboxes.createSystemSession(any())).thenReturn(session);
        when(mailboxes.getMailbox(any(MailboxPath.class), any())).thenAnswer(invocation -> {
            threads.add("look " + Thread.currentThread().getName());
            throw new MailboxNotFoundException("INBOX");
        });
        MessageManager inbox = mock(MessageManager.class);
        when(mailboxes.getMailboxReactive(any(MailboxPath.class), any())).thenReturn(Mono.just(inbox));
        when(inbox.appendMessageReactive(any(), any())).thenReturn(Mono.fromCallable(() -> {
            threads.add("append " + Thread.currentThread().getName());
            if (appends.incrementAndGet() == 1) {
                throw new ConcurrentModificationException("injected: before storing");
            }
            return new AppendResult(new ComposedMessageId(mock(MailboxId.class), mock(MessageId.class), MessageUid.of(1)), 10L,
                Optional.empty(), mock(ThreadId.class));
        }));
        UsersRepository users = mock(UsersRepository.class);
        when(users.getUsername(any(MailAddress.class))).thenReturn(Username.of("support@example.test"));
        MetricFactory metrics = mock(MetricFactory.class);
        when(metrics.generate(anyString())).thenReturn(mock(Metric.class));
        LocalDeliveryOnce delivery = new LocalDeliveryOnce(users, mailboxes, metrics);
        delivery.init(config().build());
        Mail mail = FakeMail.builder().name("mail1").sender("jane@customer.test").recipient("support@example.test")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().addHeader("Message-ID", "<a@customer.test>").setSubject("Printer").setText("Hello"))
            .state("shared-mailbox").build();

        delivery.service(mail);

        String spool = Thread.currentThread().getName();
        assertThat(threads).containsExactly("look " + spool, "append " + spool, "look " + spool, "append " + spool);
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
    }

    private static FakeMailetConfig.Builder config() {
        return FakeMailetConfig.builder().mailetName("delivery").mailetContext(FakeMailContext.defaultContext());
    }
}
