package com.teaminbox.benchmarks.e2e;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import javax.inject.Inject;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.server.core.MimeMessageInputStreamSource;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.james.transport.mailets.delivery.MailboxAppenderImpl;
import org.apache.james.utils.GuiceProbe;
import org.apache.mailet.StorageDirective;

import com.teaminbox.benchmarks.InProcessDemo;
import com.teaminbox.demo.DemoServer;
import com.teaminbox.james.common.MessageHeaders;
import com.teaminbox.james.common.SpooledMessages;
import com.teaminbox.james.mailets.AppendedMessage;

import reactor.core.publisher.Mono;

/**
 * What James's append costs for the message each delivery hands it (issue 18, docs/benchmarks.md,
 * twelfth round {@code append13}). The demo's James in-process (memory storage, its listeners), the
 * e2e's 20 KB mails received as James's spool holds them (a {@link MimeMessageWrapper} over a
 * {@link MimeMessageInputStreamSource}), each appended through James's own {@link MailboxAppenderImpl}
 * in one of three forms, alternated, batch after batch:
 * <ul>
 *   <li>{@code stock}: as stock {@code LocalDelivery} hands it: {@code Bcc} removed (James's
 *       {@code RemoveMimeHeader}), {@code Return-Path} set, {@code Delivered-To} added; INBOX, no flags;</li>
 *   <li>{@code ours-as-is}: as our delivery handed it before this round: besides, the ticket's
 *       subject and {@code X-Ticket}, the wrapper marked saved, two keywords;</li>
 *   <li>{@code ours}: the same, through {@link AppendedMessage} (the time to write it out counted).</li>
 * </ul>
 * CPU of every Java thread of the process per append (the caller's, James's {@code boundedElastic}
 * and {@code blocking-call-wrapper}, the listeners'), median over the rounds after the warm-up.
 * <pre>
 * java -Xmx2g -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
 *     com.teaminbox.benchmarks.e2e.AppendBenchmark [rounds, default 12] [mails per batch, default 500] [samples dir, default samples]
 * </pre>
 */
public final class AppendBenchmark {
    private static final Username ACCOUNT = Username.of("support@example.test");
    private static final int WARMUP_ROUNDS = 4;
    private static final List<String> FORMS = List.of("stock", "ours-as-is", "ours");

    private AppendBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        if (rounds <= WARMUP_ROUNDS || batch < 1) {
            throw new IllegalArgumentException("./benchmark append ROUNDS MAILS: ROUNDS must be more than the " + WARMUP_ROUNDS
                + " warm-up rounds and MAILS at least 1, not " + rounds + " and " + batch);
        }
        List<byte[]> mails = receivedMails(args.length > 2 ? Path.of(args[2]) : Path.of("samples"), batch);
        DemoServer server = InProcessDemo.start("append", Appender.class);
        try {
            Appender appender = server.james().getProbe(Appender.class);
            double[][] micros = new double[FORMS.size()][rounds];
            for (int round = 0; round < rounds; round++) {
                StringBuilder line = new StringBuilder(String.format("round %2d%s:", round + 1, round < WARMUP_ROUNDS ? " (warm-up)" : ""));
                for (int turn = 0; turn < FORMS.size(); turn++) {
                    // Each round starts with another form: none always runs first.
                    int form = (turn + round) % FORMS.size();
                    micros[form][round] = appender.run(form, mails);
                }
                for (int form = 0; form < FORMS.size(); form++) {
                    line.append(String.format("  %s %.1f", FORMS.get(form), micros[form][round]));
                }
                System.out.println(line.append(" µs of CPU per append"));
            }
            System.out.printf("median of rounds %d to %d, µs of CPU per append (all Java threads), %,d mails of %,d bytes on average:%n",
                WARMUP_ROUNDS + 1, rounds, batch, mails.stream().mapToInt(bytes -> bytes.length).sum() / mails.size());
            double stock = median(micros[0], WARMUP_ROUNDS);
            for (int form = 0; form < FORMS.size(); form++) {
                double median = median(micros[form], WARMUP_ROUNDS);
                System.out.printf("  %-11s %6.1f  (%.2fx stock)%n", FORMS.get(form), median, median / stock);
            }
        } finally {
            server.close();
        }
        // James leaves a non-daemon mail queue thread behind after stop.
        System.exit(0);
    }

    /** The e2e's mails as James receives them over SMTP: dot-stuffing undone, a {@code Received} line and a Bcc added. */
    private static List<byte[]> receivedMails(Path samples, int count) throws Exception {
        List<byte[]> mails = new ArrayList<>(count);
        for (BenchmarkMails.Mail sent : BenchmarkMails.fromSamples(samples, count, "append")) {
            String text = new String(sent.bytes, StandardCharsets.UTF_8).replace("\r\n..", "\r\n.");
            mails.add(("Received: from customer.test ([127.0.0.1]) by example.test (JAMES SMTP Server) with ESMTP ID 1a2b3c4d"
                + " for <support@example.test>; Fri, 27 Nov 2026 10:00:01 +0100 (CET)\r\n" + text).getBytes(StandardCharsets.UTF_8));
        }
        return mails;
    }

    private static double median(double[] values, int from) {
        double[] kept = Arrays.copyOfRange(values, from, values.length);
        Arrays.sort(kept);
        return kept.length % 2 == 1 ? kept[kept.length / 2] : (kept[kept.length / 2 - 1] + kept[kept.length / 2]) / 2;
    }

    /** Appends through James's MailboxAppenderImpl, as the deliveries do. */
    public static class Appender implements GuiceProbe {
        private final MailboxAppenderImpl appender;
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final Random random = new Random(18);
        private int sequence;

        @Inject
        public Appender(MailboxManager mailboxManager) {
            this.appender = new MailboxAppenderImpl(mailboxManager);
        }

        /** µs of CPU of all threads per append of {@code mails} in form {@code form}. */
        double run(int form, List<byte[]> mails) throws Exception {
            // The messages are made as the spool makes them, outside the measure.
            List<MimeMessage> messages = new ArrayList<>(mails.size());
            for (byte[] mail : mails) {
                messages.add(spooled(mail, form));
            }
            System.gc();
            long before = cpu();
            for (MimeMessage message : messages) {
                MimeMessage handed = form == 2 ? AppendedMessage.of(message, SpooledMessages.IN_HEAP_LIMIT_BYTES) : message;
                Mono.from(appender.append(handed, ACCOUNT, directive(form))).block();
            }
            long spent = cpu() - before;
            return spent / 1_000.0 / mails.size();
        }

        private MimeMessage spooled(byte[] mail, int form) throws Exception {
            MimeMessageInputStreamSource source = MimeMessageInputStreamSource.create("append-" + sequence++, new ByteArrayInputStream(mail));
            MimeMessageWrapper message = new MimeMessageWrapper(source);
            message.removeHeader("bcc");
            if (form > 0) {
                String subject = MessageHeaders.subject(message);
                MessageHeaders.setSubject(message, "[SUP-" + (1000 + random.nextInt(9000)) + "] " + subject);
                message.setHeader("X-Ticket", "SUP-" + sequence);
                MessageHeaders.saveHeaderChanges(message, "append-" + sequence);
            }
            message.setHeader("Return-Path", "<jane@customer.test>");
            message.addHeader("Delivered-To", ACCOUNT.asString());
            return message;
        }

        private static StorageDirective directive(int form) {
            StorageDirective.Builder builder = StorageDirective.builder().targetFolder("INBOX");
            if (form > 0) {
                builder.keywords(Optional.of(List.of("$ticket-open", "$customer")));
            }
            return builder.build();
        }

        private long cpu() {
            long total = 0;
            for (long id : threads.getAllThreadIds()) {
                long time = threads.getThreadCpuTime(id);
                if (time > 0) {
                    total += time;
                }
            }
            return total;
        }
    }
}
