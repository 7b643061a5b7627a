package com.teaminbox.it;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.server.core.MimeMessageWrapper;
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
import com.teaminbox.james.mailets.Acknowledge;
import com.teaminbox.james.mailets.AssignTicket;
import com.teaminbox.james.mailets.SplitPerSharedMailbox;

/**
 * Built by {@link MailetCostProbe} with the server's own singletons: runs the shared-mailbox
 * processor's mailets of this part (SplitPerSharedMailbox, AssignTicket, Acknowledge) over mails
 * as the spooler hands them over (a {@link MimeMessageWrapper} over the received bytes) and counts
 * each mailet's CPU on this thread, with the server's audit trail or without any (a trail that
 * keeps nothing), to tell the mailet's own work from its records.
 */
public class MailetCostMeter {
    /** CPU of each mailet over {@code mails} mails, this thread, in nanoseconds. */
    public record Cost(String variant, int mails, Map<String, Long> nanosByMailet) {
        public double microsPerMail(String mailet) {
            return nanosByMailet.getOrDefault(mailet, 0L) / 1_000.0 / mails;
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final AuditTrail KEEPS_NOTHING = event -> { };

    private final ConfigurationInForce configuration;
    private final TicketRegistry registry;
    private final ConversationIndex conversations;
    private final SharedAccounts accounts;
    private final AuditTrail audit;
    private final AcknowledgementLedger ledger;
    private final Clock clock;
    private final MailetContext context;
    private int sequence;

    @Inject
    public MailetCostMeter(ConfigurationInForce configuration, TicketRegistry registry, ConversationIndex conversations,
                           SharedAccounts accounts, AuditTrail audit, AcknowledgementLedger ledger, Clock clock, MailetContext context) {
        this.configuration = configuration;
        this.registry = registry;
        this.conversations = conversations;
        this.accounts = accounts;
        this.audit = audit;
        this.ledger = ledger;
        this.clock = clock;
        this.context = context;
    }

    /** Runs {@code templates} (raw messages with a {@code %ID%} Message-ID) round robin, {@code mails} in all. */
    public Cost run(boolean withAudit, List<String> templates, int mails) throws Exception {
        AuditTrail trail = withAudit ? audit : KEEPS_NOTHING;
        Map<String, Mailet> mailets = new LinkedHashMap<>();
        mailets.put("SplitPerSharedMailbox", new SplitPerSharedMailbox(configuration));
        mailets.put("AssignTicket", new AssignTicket(configuration, registry, conversations, accounts, trail));
        mailets.put("Acknowledge", new Acknowledge(configuration, ledger, clock, trail));
        for (Map.Entry<String, Mailet> mailet : mailets.entrySet()) {
            mailet.getValue().init(FakeMailetConfig.builder().mailetName(mailet.getKey()).mailetContext(context).build());
        }
        Map<String, Long> nanos = new LinkedHashMap<>();
        for (int index = 0; index < mails; index++) {
            Mail mail = mail(templates.get(index % templates.size()));
            try {
                for (Map.Entry<String, Mailet> mailet : mailets.entrySet()) {
                    long start = THREADS.getCurrentThreadCpuTime();
                    mailet.getValue().service(mail);
                    nanos.merge(mailet.getKey(), THREADS.getCurrentThreadCpuTime() - start, Long::sum);
                }
            } finally {
                LifecycleUtil.dispose(mail);
            }
        }
        return new Cost(withAudit ? "with audit records" : "without audit records", mails, nanos);
    }

    private Mail mail(String template) throws MessagingException {
        String id = "meter-" + System.nanoTime() + "-" + (sequence++) + "@bench.test";
        byte[] bytes = template.replace("%ID%", id).getBytes(StandardCharsets.UTF_8);
        return MeteredMails.spooled(id, bytes, "jane@customer.test", "support@example.test");
    }

    static List<String> templates() {
        List<String> templates = new ArrayList<>();
        String head = "From: Jane Customer <jane@customer.test>\r\nTo: support@example.test\r\n"
            + "Date: Fri, 27 Nov 2026 10:00:00 +0100\r\nMessage-ID: <%ID%>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n";
        String body = "\r\n" + "The printer on floor 2 prints blank pages since this morning.\r\n".repeat(300);
        templates.add(head + "Subject: URGENT: printer on floor 2 is down\r\n" + body);
        templates.add(head + "Subject: Question about invoice 2026-11\r\nContent-Language: fr\r\n" + body);
        templates.add(head + "Subject: Re: [SUP-1] Printer on floor 2\r\nIn-Reply-To: <earlier@customer.test>\r\n" + body);
        templates.add(head + "Subject: hi\r\n" + body);
        templates.add(head + "Subject: Re: Printer on floor 2\r\nIn-Reply-To: <unknown@customer.test>\r\n"
            + "References: <first@customer.test> <unknown@customer.test>\r\n" + body);
        templates.add(head + "Subject: Weekly news\r\nList-Id: <news.customer.test>\r\nPrecedence: bulk\r\n" + body);
        return templates;
    }
}
