package com.teaminbox.james.mailets;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.server.core.MimeMessageInputStreamSource;
import org.apache.james.server.core.MimeMessageWrapper;

import com.sun.management.ThreadMXBean;

/**
 * CPU and bytes allocated per message handed to James's append ({@link AppendedMessage#of}), against
 * the way it read the message until the fifteenth round ({@code alloc16}: James's
 * {@code getMessageInputStream}), alternated in one process: a mail of about 20 KB as the e2e benchmark
 * sends it, in James's in-memory source, its headers edited as the pipeline edits them by delivery.
 * Not a test: run by hand, under the benchmark lock, e.g.
 * {@code java -cp <test class path> com.teaminbox.james.mailets.AppendedMessageCostLoop 20000 7}.
 */
public final class AppendedMessageCostLoop {

    private AppendedMessageCostLoop() {
    }

    public static void main(String[] args) throws Exception {
        int perRound = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        MimeMessageWrapper spooled = spooled();
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<double[]> before = new ArrayList<>();
        List<double[]> after = new ArrayList<>();
        for (int round = 0; round <= rounds; round++) {
            // alternate which goes first, so that neither always runs on a heap the other left
            boolean previousFirst = round % 2 == 0;
            double[] first = measure(threads, spooled, perRound, previousFirst);
            double[] second = measure(threads, spooled, perRound, !previousFirst);
            double[] previous = previousFirst ? first : second;
            double[] now = previousFirst ? second : first;
            System.out.printf(Locale.ROOT, "%s round %d: before %.2f µs, %.1f KB; now %.2f µs, %.1f KB per message (%d each)%n",
                round == 0 ? "warm-up" : "measured", round, previous[0], previous[1], now[0], now[1], perRound);
            if (round > 0) {
                before.add(previous);
                after.add(now);
            }
        }
        System.out.printf(Locale.ROOT, "medians: before %.2f µs, %.1f KB; now %.2f µs, %.1f KB per message; now/before CPU %.2f, bytes %.2f%n",
            median(before, 0), median(before, 1), median(after, 0), median(after, 1),
            median(after, 0) / median(before, 0), median(after, 1) / median(before, 1));
    }

    private static double[] measure(ThreadMXBean threads, MimeMessageWrapper spooled, int count, boolean previous) throws MessagingException {
        long cpu = threads.getCurrentThreadCpuTime();
        long bytes = threads.getCurrentThreadAllocatedBytes();
        long sizes = 0;
        for (int index = 0; index < count; index++) {
            MimeMessage appended = previous ? previousOf(spooled, 1_000_000) : AppendedMessage.of(spooled, 1_000_000);
            sizes += appended.getSize();
        }
        double microseconds = (threads.getCurrentThreadCpuTime() - cpu) / 1000.0 / count;
        double kilobytes = (threads.getCurrentThreadAllocatedBytes() - bytes) / 1024.0 / count;
        if (sizes <= 0) {
            throw new IllegalStateException("nothing appended");
        }
        return new double[] {microseconds, kilobytes};
    }

    private static double median(List<double[]> rounds, int field) {
        double[] values = rounds.stream().mapToDouble(round -> round[field]).sorted().toArray();
        return values[values.length / 2];
    }

    /** A mail of about 20 KB in James's memory, edited as by delivery: Bcc removed, the ticket's subject and header, Delivered-To, Return-Path. */
    private static MimeMessageWrapper spooled() throws MessagingException {
        StringBuilder raw = new StringBuilder();
        for (int hop = 0; hop < 4; hop++) {
            raw.append("Received: from relay").append(hop).append(".customer.test (relay").append(hop)
                .append(".customer.test [192.0.2.").append(hop).append("])\r\n\tby mx.example.test with ESMTP id ").append(hop)
                .append("; Mon, 7 Dec 2026 10:00:0").append(hop).append(" +0000\r\n");
        }
        raw.append("From: Jane Customer <jane@customer.test>\r\nTo: support@example.test\r\nBcc: hidden@example.test\r\n")
            .append("Subject: Printer on fire, invoice 4711 attached\r\nDate: Mon, 7 Dec 2026 10:00:00 +0000\r\n")
            .append("Message-ID: <20261207100000.4711@customer.test>\r\nMIME-Version: 1.0\r\n")
            .append("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
        String line = "The printer on the third floor is on fire again; please send someone before the invoice burns.\r\n";
        while (raw.length() < 20_000) {
            raw.append(line);
        }
        MimeMessageWrapper message = new MimeMessageWrapper(MimeMessageInputStreamSource.create("cost",
            new ByteArrayInputStream(raw.toString().getBytes(StandardCharsets.UTF_8))));
        message.removeHeader("Bcc");
        message.setHeader("Subject", "[SUP-4711] Printer on fire, invoice 4711 attached");
        message.setHeader("X-Ticket", "SUP-4711");
        message.addHeader("Delivered-To", "support@example.test");
        message.setHeader("Return-Path", "<jane@customer.test>");
        return message;
    }

    /** {@link AppendedMessage#of} as it was before the fifteenth round: James's stream of the message, read into an array. */
    private static MimeMessage previousOf(MimeMessage message, long limit) throws MessagingException {
        if (!(message instanceof MimeMessageWrapper wrapper) || wrapper.isBodyModified()) {
            return message;
        }
        int bodySize = wrapper.getSize();
        if (bodySize < 0 || bodySize > limit) {
            return message;
        }
        return AppendedMessage.throughJamesStream(wrapper, bodySize);
    }
}
