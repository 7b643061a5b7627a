package com.teaminbox.james.mailets;

import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.transport.mailets.delivery.MailboxAppenderImpl;
import org.apache.james.user.api.UsersRepository;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

/**
 * James's {@code LocalDelivery}, except that a mail is never stored twice in a folder. James
 * retries a failed store three times; a store can fail after the message was written (James
 * 3.8.1's in-VM event bus, while an IMAP client selects the folder: {@link AppendOnce}), and the
 * retry wrote it again: the team saw the customer's mail twice. Here a retry first looks whether
 * the previous attempt left the message in the folder. Everything else is LocalDelivery's: the
 * folder, flags and keywords other mailets set ({@code StorageDirective}), INBOX by default, the
 * {@code localDeliveredMails} metric, and the error processor for a recipient still failing after
 * the retries. It runs on the spool thread, with plain calls where LocalDelivery's
 * {@code MailDispatcher} builds a Reactor chain per recipient ({@link SpoolDelivery}, issue 18).
 * <pre>{@code
 * <mailet match="All" class="AddDeliveredToHeader"/>
 * <mailet match="All" class="com.teaminbox.james.mailets.LocalDeliveryOnce"/>
 * }</pre>
 */
public class LocalDeliveryOnce extends GenericMailet {
    /** LocalDelivery's metric, so that dashboards count the shared mailboxes' deliveries with the others. */
    static final String DELIVERED_METRIC = "localDeliveredMails";

    private final UsersRepository usersRepository;
    private final MailboxManager mailboxManager;
    private final MetricFactory metricFactory;
    private SpoolDelivery delivery;

    @Inject
    public LocalDeliveryOnce(UsersRepository usersRepository, MailboxManager mailboxManager, MetricFactory metricFactory) {
        this.usersRepository = usersRepository;
        this.mailboxManager = mailboxManager;
        this.metricFactory = metricFactory;
    }

    @Override
    public void init() throws MessagingException {
        MailetParameters.of(this, Set.of());
        delivery = new SpoolDelivery(usersRepository,
            new AppendOnce(new MailboxAppenderImpl(mailboxManager), new MailboxFolderLookup(mailboxManager)),
            metricFactory.generate(DELIVERED_METRIC),
            getMailetContext(),
            // As LocalDelivery: the container's parameter also says where a recipient that keeps failing goes.
            getInitParameter("onMailetException", Mail.ERROR),
            SpoolDelivery.Pause.SLEEP);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        delivery.deliver(mail);
    }

    @Override
    public String getMailetInfo() {
        return "Local delivery that stores a mail once, whatever the retries";
    }
}
