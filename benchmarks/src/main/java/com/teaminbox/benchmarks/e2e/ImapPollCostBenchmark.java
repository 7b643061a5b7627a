package com.teaminbox.benchmarks.e2e;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a member's IMAP poll costs the server against the owner's own (issue 18, twelfth round,
 * {@code imap13}). One (b) server (the demo pipeline with 1,000 rules, as {@code ./benchmark e2e}
 * runs it) gets {@code --mails} mails for support@; then two sets of three sessions, one per folder
 * the e2e benchmark watches (INBOX, Billing, Junk): the owner's (LOGIN support@ with a password set
 * over WebAdmin, as the e2e's (a) logs in) and alice's as a member (AUTHENTICATE PLAIN,
 * authzid support@, as the e2e's (b) logs in), and a third set, the owner's on three folders
 * nothing is filed into (what the e2e's (a) polls in Billing and Junk: stock James files all mail
 * in INBOX). Each run has every session of one set send {@code UID FETCH last+1:* (UID)} (the e2e
 * pollers' probe, no new mail: one FETCH line answered, none in an empty folder) {@code --polls}
 * times in all, three client threads at once; the sets take turns, each first in turn, and the
 * server's CPU per poll is read from /proc (the whole process outside the JIT and GC, the IMAP
 * threads, James's mailbox pools), medians of the runs.
 * <pre>
 * ./benchmark imap-poll [--mails 300] [--polls 15000] [--runs 8] [--warmup-runs 3] [--heap 1g]
 * </pre>
 */
public final class ImapPollCostBenchmark {
    private static final String PASSWORD = "demo";
    private static final String OWNER_PASSWORD = "owner-poll-cost";
    private static final String MEMBER = "alice@example.test";
    private static final List<String> FOLDERS = List.of("INBOX", "Billing", "Junk");
    /** Created by the owner, never filed into: what the e2e's (a) polls in Billing and Junk, where stock James files nothing. */
    private static final List<String> EMPTY_FOLDERS = List.of("PollEmpty1", "PollEmpty2", "PollEmpty3");
    /** Thread names without their numbers, as the kernel keeps them (15 characters: {@code blocking-call-wrapper-3} is cut). */
    private static final List<String> GROUPS = List.of("imapserver-io-", "blocking-call-w", "boundedElastic-");

    private ImapPollCostBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int mails = intOption(args, "--mails", 300);
        int polls = intOption(args, "--polls", 15000);
        int runs = intOption(args, "--runs", 8);
        int warmupRuns = intOption(args, "--warmup-runs", 3);
        String heap = stringOption(args, "--heap", "1g");
        Path root = Path.of("").toAbsolutePath();
        Path appTarget = root.resolve("app/target");
        Path work = Files.createTempDirectory("teaminbox-imap-poll");
        System.out.printf(Locale.ROOT, "IMAP poll cost: %d mails, %d polls a run, %d runs after %d warm-up runs, load average %s, home %s%n",
            mails, polls, runs, warmupRuns, EndToEndBenchmark.loadAverage(), work);
        List<String> launcher = new ArrayList<>(Pipelines.teamInbox(appTarget.resolve("classes/demo/conf"), appTarget, work));
        launcher.add("--naive-thread-ids");
        try (JamesProcess james = JamesProcess.start(appTarget, work.resolve("b"), heap, launcher)) {
            setOwnerPassword(james);
            sendMails(james, root.resolve("samples"), mails);
            List<PollSession> owner = new ArrayList<>();
            List<PollSession> member = new ArrayList<>();
            List<PollSession> ownerEmpty = new ArrayList<>();
            for (int index = 0; index < FOLDERS.size(); index++) {
                owner.add(PollSession.owner(james.imap, FOLDERS.get(index)));
                member.add(PollSession.member(james.imap, FOLDERS.get(index)));
                ownerEmpty.add(PollSession.ownerCreating(james.imap, EMPTY_FOLDERS.get(index)));
            }
            List<String> names = List.of("owner", "member", "owner, empty folders");
            List<List<PollSession>> sets = List.of(owner, member, ownerEmpty);
            ExecutorService clients = Executors.newFixedThreadPool(FOLDERS.size());
            for (int run = 0; run < warmupRuns; run++) {
                for (List<PollSession> set : sets) {
                    pollAll(clients, set, polls);
                }
            }
            List<List<double[]>> costs = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (int run = 0; run < runs; run++) {
                for (int turn = 0; turn < sets.size(); turn++) {
                    // each set first, second and last in turn: a drift of the machine weighs on all alike
                    int set = (turn + run) % sets.size();
                    double[] cost = measure(james, clients, sets.get(set), polls);
                    costs.get(set).add(cost);
                    System.out.printf(Locale.ROOT, "run %d %-20s %s%n", run + 1, names.get(set), describe(cost));
                }
            }
            clients.shutdownNow();
            List<double[]> median = costs.stream().map(ImapPollCostBenchmark::medians).toList();
            for (int set = 0; set < sets.size(); set++) {
                System.out.printf(Locale.ROOT, "median %-20s %s%n", names.get(set), describe(median.get(set)));
            }
            System.out.printf(Locale.ROOT, "member / owner: server %.2f, IMAP threads %.2f; owner, empty folders / owner: server %.2f (load average %s)%n",
                median.get(1)[0] / median.get(0)[0], median.get(1)[1] / median.get(0)[1], median.get(2)[0] / median.get(0)[0],
                EndToEndBenchmark.loadAverage());
            for (List<PollSession> set : sets) {
                for (PollSession session : set) {
                    session.close();
                }
            }
        }
        System.exit(0);
    }

    /** Server CPU per poll, µs: the process outside JIT and GC, then each of {@link #GROUPS}. */
    private static double[] measure(JamesProcess james, ExecutorService clients, List<PollSession> sessions, int polls) throws Exception {
        ServerCpu before = ServerCpu.of(james.pid()).orElseThrow();
        pollAll(clients, sessions, polls);
        ServerCpu used = ServerCpu.of(james.pid()).orElseThrow().minus(before);
        double[] cost = new double[1 + GROUPS.size()];
        cost[0] = (used.totalSeconds() - used.jitSeconds() - used.gcSeconds()) * 1e6 / polls;
        Map<String, Double> groups = used.secondsByGroup();
        for (int index = 0; index < GROUPS.size(); index++) {
            cost[index + 1] = groups.getOrDefault(GROUPS.get(index), 0.0) * 1e6 / polls;
        }
        return cost;
    }

    private static String describe(double[] cost) {
        return String.format(Locale.ROOT, "µs per poll: server %6.1f, IMAP %6.1f, blocking-call-wrapper %5.1f, boundedElastic %5.1f",
            cost[0], cost[1], cost[2], cost[3]);
    }

    private static double[] medians(List<double[]> runs) {
        double[] medians = new double[runs.get(0).length];
        for (int index = 0; index < medians.length; index++) {
            int column = index;
            double[] values = runs.stream().mapToDouble(run -> run[column]).sorted().toArray();
            medians[index] = values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
        }
        return medians;
    }

    /** Each session polls its share of {@code polls} on its own client thread, all at once, as the e2e's pollers do. */
    private static void pollAll(ExecutorService clients, List<PollSession> sessions, int polls) throws Exception {
        List<Future<?>> running = new ArrayList<>();
        for (PollSession session : sessions) {
            running.add(clients.submit(() -> {
                for (int poll = 0; poll < polls / sessions.size(); poll++) {
                    session.probe();
                }
                return null;
            }));
        }
        for (Future<?> future : running) {
            future.get();
        }
    }

    /** Provisioning gave the shared account a random secret: the owner's login gets a known one, as an administrator would set it. */
    private static void setOwnerPassword(JamesProcess james) throws Exception {
        HttpResponse<String> set = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + james.webAdmin + "/users/" + BenchmarkMails.RECIPIENT + "?force"))
            .PUT(HttpRequest.BodyPublishers.ofString("{\"password\":\"" + OWNER_PASSWORD + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (set.statusCode() / 100 != 2) {
            throw new IllegalStateException("Cannot set the password of " + BenchmarkMails.RECIPIENT + ": " + set.statusCode() + " " + set.body());
        }
    }

    /** The e2e's mails, so that the folders hold what the rules file there; waits until the folders' count stops changing. */
    private static void sendMails(JamesProcess james, Path samples, int mails) throws Exception {
        try (SmtpSender smtp = new SmtpSender(james.smtp)) {
            for (BenchmarkMails.Mail mail : BenchmarkMails.fromSamples(samples, mails, "poll")) {
                smtp.send(BenchmarkMails.SENDER, BenchmarkMails.RECIPIENT, mail.bytes);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        long previous = -1;
        while (System.nanoTime() < deadline) {
            long count = 0;
            for (String folder : FOLDERS) {
                try (PollSession session = PollSession.owner(james.imap, folder)) {
                    count += session.messages;
                }
            }
            if (count >= mails && count == previous) {
                System.out.printf(Locale.ROOT, "%d messages in %s%n", count, FOLDERS);
                return;
            }
            previous = count;
            Thread.sleep(1_000);
        }
        throw new IllegalStateException("The mails were not all delivered within 120 s");
    }

    private static int intOption(String[] args, String name, int otherwise) {
        return Integer.parseInt(stringOption(args, name, Integer.toString(otherwise)));
    }

    private static String stringOption(String[] args, String name, String otherwise) {
        int index = Arrays.asList(args).indexOf(name);
        if (index < 0) {
            return otherwise;
        }
        if (index + 1 >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[index + 1];
    }

    /** One logged-in session with a folder selected, asking for the UIDs above the newest as the e2e's pollers do. */
    private static final class PollSession implements AutoCloseable {
        private static final Pattern EXISTS = Pattern.compile("^\\* (\\d+) EXISTS");
        private static final Pattern UID = Pattern.compile("UID (\\d+)");

        private final Socket socket;
        private final InputStream input;
        private final OutputStream output;
        private int tag;
        private long messages;
        private long lastUid;

        private PollSession(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(60_000);
            input = new BufferedInputStream(socket.getInputStream());
            output = socket.getOutputStream();
            readLine();
        }

        static PollSession owner(int port, String folder) throws IOException {
            PollSession session = new PollSession(port);
            session.expectOk("LOGIN \"" + BenchmarkMails.RECIPIENT + "\" \"" + OWNER_PASSWORD + "\"");
            return session.select(folder);
        }

        /** The owner on a folder she creates first, if it does not exist yet. */
        static PollSession ownerCreating(int port, String folder) throws IOException {
            PollSession session = new PollSession(port);
            session.expectOk("LOGIN \"" + BenchmarkMails.RECIPIENT + "\" \"" + OWNER_PASSWORD + "\"");
            session.command("CREATE \"" + folder + "\"");
            return session.select(folder);
        }

        static PollSession member(int port, String folder) throws IOException {
            PollSession session = new PollSession(port);
            session.expectOk("AUTHENTICATE PLAIN " + Base64.getEncoder().encodeToString(
                (BenchmarkMails.RECIPIENT + "\0" + MEMBER + "\0" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
            return session.select(folder);
        }

        private PollSession select(String folder) throws IOException {
            for (String line : expectOk("SELECT \"" + folder + "\"")) {
                Matcher exists = EXISTS.matcher(line);
                if (exists.find()) {
                    messages = Long.parseLong(exists.group(1));
                }
            }
            // an empty folder may answer the range with BAD (no message for *): the probes then find none
            for (String line : command("UID FETCH 1:* (UID)")) {
                Matcher uid = UID.matcher(line);
                if (uid.find()) {
                    lastUid = Math.max(lastUid, Long.parseLong(uid.group(1)));
                }
            }
            return this;
        }

        /** As the e2e's pollers: whatever the answer, OK or (in an empty folder) not. */
        void probe() throws IOException {
            command("UID FETCH " + (lastUid + 1) + ":* (UID)");
        }

        /** The untagged lines answered to {@code command}, whatever its outcome. */
        private List<String> command(String command) throws IOException {
            return exchange(command).lines();
        }

        /** The untagged lines answered to {@code command}; an {@link IOException} unless it ended OK. */
        private List<String> expectOk(String command) throws IOException {
            Answer answer = exchange(command);
            if (!answer.ended().startsWith(answer.tag() + " OK")) {
                throw new IOException(command.split(" ")[0] + " refused: " + answer.ended());
            }
            return answer.lines();
        }

        private record Answer(String tag, List<String> lines, String ended) {
        }

        private Answer exchange(String command) throws IOException {
            String currentTag = "c" + (++tag);
            output.write((currentTag + " " + command + "\r\n").getBytes(StandardCharsets.UTF_8));
            output.flush();
            List<String> lines = new ArrayList<>();
            while (true) {
                String line = readLine();
                if (line.startsWith(currentTag + " ")) {
                    return new Answer(currentTag, lines, line);
                }
                lines.add(line);
            }
        }

        private String readLine() throws IOException {
            return ServerLines.readLine(input, "IMAP");
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
