package com.teaminbox.benchmarks;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import com.teaminbox.core.config.xml.SourceLocation;
import com.teaminbox.core.rules.MailDocument;
import com.teaminbox.core.rules.MimeMailReader;
import com.teaminbox.core.rules.Rule;
import com.teaminbox.core.rules.RuleAction;
import com.teaminbox.core.rules.RuleLanguage;
import com.teaminbox.core.rules.RuleOutcome;
import com.teaminbox.core.rules.RuleQueries;
import com.teaminbox.core.rules.RuleSet;
import com.teaminbox.core.rules.Rules;

/**
 * Mails per second through the rules engine for 10, 1,000 and 10,000 rules, on the sample
 * corpus padded to about 20 KB of text per mail, single-threaded; in the same run the naive
 * baseline (every rule's query run on its own) on the same mails and rules.
 * <pre>
 * ./benchmark rules [seconds-per-measure]
 * </pre>
 */
public final class RulesBenchmark {
    private static final int TARGET_MAIL_CHARS = 20_000;
    private static final int[] RULE_COUNTS = {10, 1_000, 10_000};
    private static final ZonedDateTime RECEIVED = ZonedDateTime.of(2026, 11, 27, 10, 0, 0, 0, ZoneOffset.UTC);

    private RulesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3.0;
        Path samples = Path.of(args.length > 1 ? args[1] : "samples");
        List<MailDocument> mails = corpus(samples);
        System.out.printf(Locale.ROOT, "Rules benchmark: %d mails of ~%d KB text, %s s of CPU per measure, 1 thread, Java %s%n",
            mails.size(), TARGET_MAIL_CHARS / 1000, seconds, Runtime.version());
        System.out.printf(Locale.ROOT, "%8s  %14s  %12s  %14s  %12s  %8s%n",
            "rules", "engine mail/s", "engine us", "naive mail/s", "naive us", "naive/eng");
        try (RuleSet warmup = RuleSet.compile(new Rules(RuleLanguage.ENGLISH, Rules.DEFAULT_BODY_PREFIX_CHARS, rules(1_000)))) {
            // The JIT compiles analysis and matching once, before any figure is taken.
            measure(mails, warmup::evaluate, seconds);
            measure(mails, warmup::evaluateNaively, seconds);
        }
        double tenRulesMicros = 0;
        double thousandRulesRate = 0;
        double tenThousandMicros = 0;
        for (int count : RULE_COUNTS) {
            try (RuleSet ruleSet = RuleSet.compile(new Rules(RuleLanguage.ENGLISH, Rules.DEFAULT_BODY_PREFIX_CHARS, rules(count)))) {
                checkSameDecisions(ruleSet, mails);
                double engineRate = measure(mails, ruleSet::evaluate, seconds);
                double naiveRate = measure(mails, ruleSet::evaluateNaively, seconds);
                System.out.printf(Locale.ROOT, "%8d  %14.0f  %12.1f  %14.0f  %12.1f  %8.1f%n",
                    count, engineRate, 1e6 / engineRate, naiveRate, 1e6 / naiveRate, engineRate / naiveRate);
                if (count == 10) {
                    tenRulesMicros = 1e6 / engineRate;
                } else if (count == 1_000) {
                    thousandRulesRate = engineRate;
                } else {
                    tenThousandMicros = 1e6 / engineRate;
                }
            }
        }
        System.out.printf(Locale.ROOT, "per-mail time, 10,000 rules vs 10 rules: %.2fx (target <= 1.5x)%n", tenThousandMicros / tenRulesMicros);
        System.out.printf(Locale.ROOT, "1,000 rules: %.0f mails/s on one core (target >= 5,000)%n", thousandRulesRate);
    }

    private static void checkSameDecisions(RuleSet ruleSet, List<MailDocument> mails) {
        for (MailDocument mail : mails) {
            if (!ruleSet.evaluate(mail).toString().equals(ruleSet.evaluateNaively(mail).toString())) {
                throw new IllegalStateException("engine and naive evaluation disagree on a mail: " + mail.subject());
            }
        }
    }

    /**
     * Mails per second of this thread's CPU time, not of the wall clock: on a shared machine the
     * thread waits for a core, and that wait is not the engine's cost. Each mail is timed once.
     */
    private static double measure(List<MailDocument> mails, Function<MailDocument, RuleOutcome> evaluate, double seconds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long warmupEnd = threads.getCurrentThreadCpuTime() + (long) (seconds * 0.3e9);
        int index = 0;
        while (threads.getCurrentThreadCpuTime() < warmupEnd) {
            evaluate.apply(mails.get(index++ % mails.size()));
        }
        long start = threads.getCurrentThreadCpuTime();
        long end = start + (long) (seconds * 1e9);
        long done = 0;
        long now = start;
        while (now < end) {
            evaluate.apply(mails.get((int) (done % mails.size())));
            done++;
            now = threads.getCurrentThreadCpuTime();
        }
        return done / ((now - start) / 1e9);
    }

    /** The sample corpus, each mail's text padded with plain business prose to about 20 KB. */
    private static List<MailDocument> corpus(Path samples) throws Exception {
        Session session = Session.getInstance(new Properties());
        List<Path> files;
        try (Stream<Path> listing = Files.list(samples)) {
            files = listing.filter(path -> path.toString().endsWith(".eml")).sorted().collect(Collectors.toList());
        }
        Random random = new Random(42);
        List<MailDocument> mails = new ArrayList<>();
        for (Path file : files) {
            try (InputStream input = Files.newInputStream(file)) {
                MimeMessage message = new MimeMessage(session, input);
                MailDocument read = new MimeMailReader(Rules.DEFAULT_BODY_PREFIX_CHARS).read(message, Files.size(file), RECEIVED);
                MailDocument.Builder padded = MailDocument.builder(RECEIVED)
                    .from(String.join(",", message.getHeader("From") == null ? new String[] {"x@y.test"} : message.getHeader("From")))
                    .to("support@example.test")
                    .subject(read.subject())
                    .body(read.body() + prose(random, TARGET_MAIL_CHARS - read.body().length()))
                    .size(TARGET_MAIL_CHARS);
                mails.add(padded.build());
            }
        }
        return mails;
    }

    private static String prose(Random random, int chars) {
        String[] words = ("the customer account order delivery payment schedule meeting report team project update "
            + "question answer request ticket support service contract renewal price quote discount server network "
            + "login password access printer office monday friday week month invoice shipment warehouse").split(" ");
        StringBuilder text = new StringBuilder();
        while (text.length() < chars) {
            text.append(words[random.nextInt(words.length)]).append(random.nextInt(12) == 0 ? ".\n" : " ");
        }
        return text.toString();
    }

    /** The demo's three rules, then rules on rare words and domains, like a large team's filters. */
    static List<Rule> rules(int count) {
        SourceLocation location = SourceLocation.of("benchmark", 0, "rule");
        List<Rule> rules = new ArrayList<>();
        List<String> demo = List.of("subject:(viagra casino lottery) OR header.x-spam-flag:yes",
            "subject:(urgent urgence asap) OR body:(urgent urgence asap)",
            "subject:(invoice facture billing) OR body:(invoice facture)");
        Random random = new Random(7);
        for (int index = 0; index < count; index++) {
            String condition = index < demo.size() ? demo.get(index)
                : "subject:(project" + index + " OR code" + random.nextInt(1_000_000) + ") OR from:client" + index + ".test"
                + " OR body:\"reference " + index + "\"";
            rules.add(new Rule("rule-" + index, condition, RuleQueries.parse(condition, RuleLanguage.ENGLISH),
                List.of(new RuleAction.AddKeyword("$R" + index)), Rule.Mode.ACTIVE, location));
        }
        return rules;
    }
}
