package com.teaminbox.james.mailets;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;

import com.sun.management.ThreadMXBean;
import com.teaminbox.core.ticket.ForgedTagPolicy;
import com.teaminbox.core.ticket.SubjectConventions;
import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.core.ticket.TicketPrefix;
import com.teaminbox.core.ticket.TicketThreading;
import com.teaminbox.core.ticket.VagueSubjects;
import com.teaminbox.james.common.MessageHeaders;

/**
 * CPU per mail of AssignTicket's own subject work, without its storage calls: the subject decoded
 * through the mail's view, the decision (the registry and the index answered by stubs), the ticket's
 * subject, its writing, the vague check, and the rules' read of the subject after it; the code of the
 * fifteenth round ({@code ticket16}) against the code before it ({@link SubjectWorkBefore}), alternated
 * in one process, on the sample corpus's mails ({@code samples/*.eml}, as the e2e benchmark sends them),
 * one after another. A third run resets each mail's subject and makes its view only, what both others
 * include, so that it can be set aside. Not a test: run by hand, under the benchmark lock, e.g.
 * {@code java -cp <test class path> com.teaminbox.james.mailets.AssignTicketSubjectCostLoop samples 20000 9}.
 */
public final class AssignTicketSubjectCostLoop {
    private static final TicketPrefix SUP = TicketPrefix.of("SUP");
    private static final TicketId NEW_TICKET = TicketId.of(SUP, 1042);
    private static final TicketId REFERENCED = TicketId.of(SUP, 12);
    private static final SubjectConventions CONVENTIONS = SubjectConventions.DEFAULT;
    private static final SubjectWorkBefore.Tags TAGS_BEFORE = new SubjectWorkBefore.Tags(CONVENTIONS.tagFormat());
    private static final SubjectWorkBefore.Vague VAGUE_BEFORE = new SubjectWorkBefore.Vague(VagueSubjects.DEFAULT_SUBJECTS);

    private AssignTicketSubjectCostLoop() {
    }

    public static void main(String[] args) throws Exception {
        Path samples = Paths.get(args.length > 0 ? args[0] : "samples");
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 9;
        List<Mail> mails = mails(samples);
        List<String> subjects = new ArrayList<>();
        for (Mail mail : mails) {
            subjects.add(mail.getMessage().getHeader("Subject", null));
        }
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<double[]> before = new ArrayList<>();
        List<double[]> after = new ArrayList<>();
        List<double[]> reset = new ArrayList<>();
        for (int round = 0; round <= rounds; round++) {
            // alternate which goes first, so that neither always runs on a heap the other left
            boolean beforeFirst = round % 2 == 0;
            double[] first = measure(threads, mails, subjects, perRound, beforeFirst ? Work.BEFORE : Work.AFTER);
            double[] second = measure(threads, mails, subjects, perRound, beforeFirst ? Work.AFTER : Work.BEFORE);
            double[] resetOnly = measure(threads, mails, subjects, perRound, Work.RESET_ONLY);
            double[] previous = beforeFirst ? first : second;
            double[] now = beforeFirst ? second : first;
            System.out.printf(Locale.ROOT, "%s round %d: before %.3f µs, %.2f KB; now %.3f µs, %.2f KB; reset only %.3f µs, %.2f KB per mail%n",
                round == 0 ? "warm-up" : "measured", round, previous[0], previous[1], now[0], now[1], resetOnly[0], resetOnly[1]);
            if (round > 0) {
                before.add(previous);
                after.add(now);
                reset.add(resetOnly);
            }
        }
        double cpuBefore = median(before, 0);
        double cpuAfter = median(after, 0);
        double cpuReset = median(reset, 0);
        System.out.printf(Locale.ROOT, "medians per mail: before %.3f µs, %.2f KB; now %.3f µs, %.2f KB; reset only %.3f µs, %.2f KB%n",
            cpuBefore, median(before, 1), cpuAfter, median(after, 1), cpuReset, median(reset, 1));
        System.out.printf(Locale.ROOT, "now/before CPU %.2f (the reset set aside: %.2f), bytes %.2f (%.2f)%n",
            cpuAfter / cpuBefore, (cpuAfter - cpuReset) / (cpuBefore - cpuReset), median(after, 1) / median(before, 1),
            (median(after, 1) - median(reset, 1)) / (median(before, 1) - median(reset, 1)));
    }

    private enum Work {
        BEFORE, AFTER, RESET_ONLY
    }

    private static double[] measure(ThreadMXBean threads, List<Mail> mails, List<String> subjects, int count, Work work)
            throws MessagingException {
        long cpu = threads.getCurrentThreadCpuTime();
        long bytes = threads.getCurrentThreadAllocatedBytes();
        int vague = 0;
        for (int index = 0; index < count; index++) {
            int which = index % mails.size();
            Mail mail = mails.get(which);
            mail.getMessage().setHeader("Subject", subjects.get(which));
            MailView view = MailView.of(mail);
            if (work != Work.RESET_ONLY) {
                vague += (work == Work.BEFORE ? serveBefore(view) : serveAfter(view)) ? 1 : 0;
            }
        }
        double microseconds = (threads.getCurrentThreadCpuTime() - cpu) / 1000.0 / count;
        double kilobytes = (threads.getCurrentThreadAllocatedBytes() - bytes) / 1024.0 / count;
        if (work != Work.RESET_ONLY && vague == 0) {
            throw new IllegalStateException("no vague subject among the samples");
        }
        return new double[] {microseconds, kilobytes};
    }

    /** Named apart so that a profile of this loop tells the two runs apart. */
    private static boolean serveBefore(MailView view) throws MessagingException {
        return serve(view, true);
    }

    private static boolean serveAfter(MailView view) throws MessagingException {
        return serve(view, false);
    }

    /** AssignTicket.serve's subject work on one mail, the storage answered by stubs; then the rules' read of the subject. */
    private static boolean serve(MailView view, boolean before) throws MessagingException {
        TicketThreading threading = CONVENTIONS.threading(SUP);
        MimeMessage message = view.message();
        String subject = view.subject();
        String ticketSubject;
        if (before) {
            SubjectWorkBefore.Decision decision = SubjectWorkBefore.decide(TAGS_BEFORE, ForgedTagPolicy.KEEP, SUP, subject,
                ticket -> ticket.number() <= 100, () -> referenced(view));
            ticketSubject = SubjectWorkBefore.subjectFor(decision, CONVENTIONS.tagFormat(),
                decision.ticket().isPresent() ? decision.ticket().get() : NEW_TICKET);
        } else {
            TicketThreading.Decision decision = threading.decide(subject, ticket -> ticket.number() <= 100, () -> referenced(view));
            ticketSubject = threading.subjectFor(decision, decision.ticket().isPresent() ? decision.ticket().get() : NEW_TICKET);
        }
        if (!ticketSubject.equals(subject)) {
            MessageHeaders.setSubject(message, ticketSubject);
            if (before) {
                view.headerChanged("Subject");
            } else {
                view.subjectWritten(ticketSubject);
            }
        }
        boolean vague = before
            ? VAGUE_BEFORE.isVague(ticketSubject, TAGS_BEFORE, SUP)
            : CONVENTIONS.vagueSubjects().isVague(ticketSubject, CONVENTIONS.tagFormat(), SUP);
        String readByTheRules = view.subject();
        if (readByTheRules.isEmpty()) {
            throw new IllegalStateException("no subject read back");
        }
        return vague;
    }

    private static Optional<TicketId> referenced(MailView view) {
        try {
            return view.header("In-Reply-To").isPresent() || view.header("References").isPresent() ? Optional.of(REFERENCED) : Optional.empty();
        } catch (MessagingException e) {
            return Optional.empty();
        }
    }

    private static double median(List<double[]> rounds, int field) {
        double[] values = rounds.stream().mapToDouble(round -> round[field]).sorted().toArray();
        return values[values.length / 2];
    }

    private static List<Mail> mails(Path samples) throws Exception {
        Session session = Session.getInstance(new Properties());
        List<Path> files;
        try (Stream<Path> listing = Files.list(samples)) {
            files = listing.filter(path -> path.toString().endsWith(".eml")).sorted().collect(Collectors.toList());
        }
        List<Mail> mails = new ArrayList<>();
        for (Path file : files) {
            try (InputStream input = Files.newInputStream(file)) {
                mails.add(FakeMail.builder().name(file.getFileName().toString()).mimeMessage(new MimeMessage(session, input)).build());
            }
        }
        return mails;
    }
}
