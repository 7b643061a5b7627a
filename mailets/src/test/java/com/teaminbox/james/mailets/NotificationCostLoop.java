package com.teaminbox.james.mailets;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Optional;

import org.apache.james.core.MailAddress;

import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.rules.RuleNotification;
import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.james.ConfigurationFixture;
import com.teaminbox.james.rules.RuleNotifications;

/**
 * CPU per rule notification, built and handed to James's mailet context over James's memory spool
 * (the spool's copy of the mail included, as in the server). Not a test: run by hand, under the
 * benchmark lock, e.g. {@code java -cp <test class path> com.teaminbox.james.mailets.NotificationCostLoop 200000 5}.
 */
public final class NotificationCostLoop {
    private NotificationCostLoop() {
    }

    public static void main(String[] args) throws Exception {
        int perRound = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        SharedMailbox support = ConfigurationFixture.configuration(ConfigurationFixture.support("", "")).current().sharedMailboxes().get(0);
        RuleNotification notification = new RuleNotification(new MailAddress("alice@example.test"), RuleNotification.Kind.MATCHED, "urgent");
        Optional<TicketId> ticket = TicketId.parse("SUP-1234", support.ticketPrefix());
        SpoolForTests james = new SpoolForTests();
        RuleNotifications notifications = new RuleNotifications();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = 0; round <= rounds; round++) {
            long cpu = threads.getCurrentThreadCpuTime();
            for (int index = 0; index < perRound; index++) {
                notifications.send(james.context, support, notification, ticket, "Facture impayée n° " + index + " — relance");
                if (index % 1000 == 999) {
                    james.spool.clear();
                }
            }
            double microseconds = (threads.getCurrentThreadCpuTime() - cpu) / 1000.0 / perRound;
            System.out.printf("%s round %d: %.2f µs of CPU per notification (%d notifications)%n",
                round == 0 ? "warm-up" : "measured", round, microseconds, perRound);
        }
    }
}
