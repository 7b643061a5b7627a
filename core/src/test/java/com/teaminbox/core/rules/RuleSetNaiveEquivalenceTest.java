package com.teaminbox.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import com.teaminbox.core.config.xml.SourceLocation;

/**
 * The engine ({@link RuleSet#evaluate}: the mail reduced to the rules' vocabulary, only candidate
 * rules run) decides exactly what running every rule on the whole mail decides
 * ({@link RuleSet#evaluateNaively}), for every kind of condition: terms, phrases with and without
 * slop, wildcards, prefixes, fuzzy terms, regular expressions, term and number ranges, {@code NOT},
 * field-specific and header conditions; on {@code samples/} and on a generated corpus whose mails
 * and rules draw on one small vocabulary, so that most rules match some mails and phrases are met
 * both in order and apart.
 */
class RuleSetNaiveEquivalenceTest {
    private static final ZonedDateTime MONDAY_10H = ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0, ZoneOffset.UTC);
    private static final SourceLocation HERE = SourceLocation.of("test.xml", 1, "rule");
    private static final String[] WORDS = ("invoice invoices invoiced urgent urgence printer printers broken refund order "
        + "orders delivery late payment paid account password reset casino lottery facture l'urgence état meeting "
        + "monday report reports x-ray e-mail 2026 42 v1.2 ticket tickets eyed eying ays oys stays toys").split(" ");
    /** Words no rule names: what the reduction leaves out, between the words it keeps. */
    private static final String[] FILLERS = "the a is please we our your with from about can".split(" ");
    /** The kinds of {@link #clause} that search with a pattern, keeping their field whole. */
    private static final Set<Integer> PATTERN_KINDS = Set.of(2, 3, 4, 5, 9, 13);
    /** The kinds of {@link #clause} only Lucene decides (patterns, phrases that may be sloppy, numbers): not {@link RuleCondition}. */
    private static final Set<Integer> INDEX_KINDS = Set.of(1, 2, 3, 4, 5, 9, 10, 11, 13);
    private static final String[] DOMAINS = {"customer.test", "vendor.test", "example.test", "bigcorp.test"};
    private static final String[] HEADERS = {"x-spam-flag", "x-priority", "list-id", "x-mailer", "auto-submitted"};

    @Test
    void engineShouldDecideAsTheNaiveEvaluationOnGeneratedMailsAndRules() {
        Random random = new Random(20261206);
        List<MailDocument> mails = new ArrayList<>();
        for (int index = 0; index < 80; index++) {
            mails.add(generatedMail(random));
        }
        for (RuleLanguage language : RuleLanguage.values()) {
            for (boolean patterns : new boolean[] {true, false}) {
                // Without patterns no field is kept whole: every field is reduced to the rules' terms.
                List<Rule> rules = new ArrayList<>();
                for (int index = 0; index < 120; index++) {
                    rules.add(rule("generated-" + index, generatedCondition(random, patterns), language));
                }
                assertSameDecisions(language, rules, mails);
            }
        }
    }

    /**
     * Rule sets whose every condition is made of terms, exact phrases and boolean operators are decided
     * on where the rules' words occur ({@link RuleCondition}), with no index built for any mail.
     */
    @Test
    void engineShouldDecideAsTheNaiveEvaluationWithoutAnIndexWhenNoRuleNeedsOne() {
        Random random = new Random(20261207);
        List<MailDocument> mails = new ArrayList<>();
        for (int index = 0; index < 80; index++) {
            mails.add(generatedMail(random));
        }
        for (RuleLanguage language : RuleLanguage.values()) {
            List<Rule> rules = new ArrayList<>();
            for (int index = 0; index < 120; index++) {
                rules.add(rule("direct-" + index, generatedCondition(random, INDEX_KINDS), language));
            }
            assertSameDecisions(language, rules, mails);
            try (RuleSet ruleSet = RuleSet.compile(new Rules(language, Rules.DEFAULT_BODY_PREFIX_CHARS, rules))) {
                TextWords words = ruleSet.newWords();
                for (MailDocument mail : mails) {
                    ReducedMail reduced = ruleSet.reduce(mail, words);
                    assertThat(ruleSet.outcome(reduced).toString()).isEqualTo(ruleSet.evaluateNaively(mail).toString());
                    assertThat(reduced.indexed()).isFalse();
                }
            }
        }
    }

    /**
     * The engine cuts plain ASCII text itself ({@link AsciiWordTokenizer}) and the naive evaluation with
     * StandardTokenizer: words glued by every kind of punctuation, URLs, addresses, numbers and
     * non-ASCII characters must give the same words, hence the same decisions.
     */
    @Test
    void engineShouldDecideAsTheNaiveEvaluationOnTextGluedByPunctuation() {
        Random random = new Random(18);
        String[] glue = {" ", " ", " ", ".", ". ", ",", ";", ":", "'", "_", "-", "/", "@", "\"", "#", "*", "\n", "\u00A0",
            "\u2019", "é", "\u0301 ", "\u05D0\"", " 3,000.50 ", " http://www.example.test/invoice?id=42 ", " jane@customer.test ",
            " #\uFE0F\u20E3 ", " 中文 "};
        List<MailDocument> mails = new ArrayList<>();
        for (int index = 0; index < 80; index++) {
            StringBuilder body = new StringBuilder();
            StringBuilder subject = new StringBuilder();
            for (int word = 0; word < 1 + random.nextInt(300); word++) {
                body.append(pick(random, WORDS)).append(pick(random, glue));
            }
            for (int word = 0; word < 1 + random.nextInt(6); word++) {
                subject.append(pick(random, WORDS)).append(pick(random, glue));
            }
            mails.add(MailDocument.builder(MONDAY_10H).from(address(random)).subject(subject.toString()).body(body.toString()).build());
        }
        for (boolean patterns : new boolean[] {true, false}) {
            List<Rule> rules = new ArrayList<>();
            for (int index = 0; index < 120; index++) {
                rules.add(rule("glued-" + index, generatedCondition(random, patterns), RuleLanguage.FRENCH));
            }
            assertSameDecisions(RuleLanguage.FRENCH, rules, mails);
        }
    }

    @Test
    void engineShouldDecideAsTheNaiveEvaluationOnTheSamples() throws Exception {
        List<MailDocument> mails = samples(name -> true);
        Random random = new Random(7);
        List<Rule> rules = new ArrayList<>();
        List.of("subject:(viagra casino lottery) OR header.x-spam-flag:yes",
                "subject:(urgent urgence asap) OR body:(urgent urgence asap)",
                "subject:(invoice facture billing) OR body:(invoice facture)",
                "header.list-id:*", "header.auto-submitted:auto*", "from:customer.test AND NOT subject:re",
                "body:\"printer is broken\"~3", "body:printer~1", "subject:/fact.*/", "\"out of office\"")
            .forEach(condition -> rules.add(rule("sample-" + rules.size(), condition, RuleLanguage.ENGLISH)));
        for (int index = 0; index < 200; index++) {
            rules.add(rule("generated-" + index, generatedCondition(random, true), RuleLanguage.ENGLISH));
        }

        assertSameDecisions(RuleLanguage.ENGLISH, rules, mails);
    }

    @Test
    void headersNoRuleReadsShouldBeLeftOutWithoutChangingAnyDecision() throws Exception {
        Rules rules = new Rules(RuleLanguage.ENGLISH, Rules.DEFAULT_BODY_PREFIX_CHARS, List.of(
            rule("spam", "header.x-spam-flag:yes OR header.list-id:*", RuleLanguage.ENGLISH),
            rule("words", "subject:(invoice urgent) OR body:printer", RuleLanguage.ENGLISH)));
        try (RuleSet ruleSet = RuleSet.compile(rules)) {
            List<MailDocument> everyHeader = samples(name -> true);
            List<MailDocument> readHeaders = samples(ruleSet::readsHeader);

            for (int index = 0; index < everyHeader.size(); index++) {
                assertThat(ruleSet.evaluate(readHeaders.get(index)).toString())
                    .isEqualTo(ruleSet.evaluateNaively(everyHeader.get(index)).toString());
            }
            assertThat(ruleSet.readsHeader("x-spam-flag")).isTrue();
            assertThat(ruleSet.readsHeader("received")).isFalse();
        }
    }

    @Test
    void aPhraseShouldNotBeFoundAcrossWordsTheReductionLeftOut() {
        Rule phrase = rule("phrase", "body:\"printer broken\"", RuleLanguage.ENGLISH);
        Rule sloppy = rule("sloppy", "body:\"printer broken\"~1", RuleLanguage.ENGLISH);
        MailDocument apart = MailDocument.builder(MONDAY_10H).body("the printer is really broken").build();
        MailDocument near = MailDocument.builder(MONDAY_10H).body("the printer is broken").build();

        assertSameDecisions(RuleLanguage.ENGLISH, List.of(phrase, sloppy), List.of(apart, near));
        try (RuleSet ruleSet = RuleSet.compile(new Rules(RuleLanguage.ENGLISH, Rules.DEFAULT_BODY_PREFIX_CHARS, List.of(phrase, sloppy)))) {
            assertThat(ruleSet.evaluate(apart).applied()).isEmpty();
            assertThat(ruleSet.evaluate(near).applied()).extracting(Rule::name).containsExactly("sloppy");
        }
    }

    @Test
    void aPhraseShouldNotBeFoundAcrossTwoAddressesWhoseOtherWordsWereLeftOut() {
        Rule phrase = rule("phrase", "to:\"customer.test joe@vendor.test\"", RuleLanguage.ENGLISH);
        MailDocument mail = MailDocument.builder(MONDAY_10H).to("Jane Doe <jane@customer.test>").to("joe@vendor.test").build();
        MailDocument adjacent = MailDocument.builder(MONDAY_10H).to("jane@customer.test").to("joe@vendor.test").build();

        assertSameDecisions(RuleLanguage.ENGLISH, List.of(phrase), List.of(mail, adjacent));
    }

    /**
     * An address or header with the values of the mail before is not analysed again but replayed
     * ({@link AnalysedValues}): its terms, their positions and, for a field searched with a pattern,
     * every token kept for the index, as the first analysis gave them. Mails in a row with the same
     * From, To and header, then one value changed, then back.
     */
    @Test
    void aFieldWithTheValuesOfTheMailBeforeShouldBeDecidedAsTheFirstTime() {
        List<Rule> rules = List.of(
            rule("term", "from:jane@customer.test", RuleLanguage.ENGLISH),
            rule("domain-not-subject", "to:support@example.test AND NOT subject:hello", RuleLanguage.ENGLISH),
            rule("phrase", "to:\"example.test joe@vendor.test\"", RuleLanguage.ENGLISH),
            rule("pattern", "from:jan*", RuleLanguage.ENGLISH),
            rule("header-pattern", "header.x-mailer:zul*", RuleLanguage.ENGLISH),
            rule("header-phrase", "header.x-mailer:\"zulu yankee\"", RuleLanguage.ENGLISH));
        MailDocument first = MailDocument.builder(MONDAY_10H).from("Jane <jane@customer.test>").to("support@example.test")
            .to("joe@vendor.test").header("X-Mailer", "zulu yankee").subject("question").build();
        MailDocument otherSubject = MailDocument.builder(MONDAY_10H).from("Jane <jane@customer.test>").to("support@example.test")
            .to("joe@vendor.test").header("X-Mailer", "zulu yankee").subject("hello").build();
        MailDocument otherSender = MailDocument.builder(MONDAY_10H).from("Bob <bob@vendor.test>").to("joe@vendor.test")
            .to("support@example.test").header("X-Mailer", "yankee zulu").subject("question").build();
        List<MailDocument> mails = List.of(first, first, otherSubject, otherSubject, otherSender, otherSender, first, otherSender,
            first);

        assertSameDecisions(RuleLanguage.ENGLISH, rules, mails);
        try (RuleSet ruleSet = RuleSet.compile(new Rules(RuleLanguage.ENGLISH, Rules.DEFAULT_BODY_PREFIX_CHARS, rules))) {
            for (MailDocument mail : List.of(first, first, otherSender, first)) {
                assertThat(ruleSet.evaluate(mail).applied()).extracting(Rule::name).containsExactlyElementsOf(
                    mail == first ? List.of("term", "domain-not-subject", "phrase", "pattern", "header-pattern", "header-phrase")
                        : List.of("domain-not-subject", "header-pattern"));
            }
        }
    }

    @Test
    void aFieldKeptWholeShouldKeepEveryWordOfLongValuesFromMailToMail() {
        // A header searched with a pattern keeps every word; its words are copied out of the analyzer's
        // buffer, here several times the kept tokens' first buffer, and the buffers are reused by the next mail.
        Rule phrase = rule("phrase", "header.x-mailer:\"zulu yankee\"", RuleLanguage.ENGLISH);
        Rule wildcard = rule("wildcard", "header.x-mailer:zul*", RuleLanguage.ENGLISH);
        Rule early = rule("early", "header.x-mailer:\"alpha0 bravo0\"", RuleLanguage.ENGLISH);
        List<MailDocument> mails = new ArrayList<>();
        for (int length : new int[] {10, 400, 30, 2_000, 5}) {
            StringBuilder value = new StringBuilder();
            for (int index = 0; index < length; index++) {
                value.append("alpha").append(index).append(" bravo").append(index).append(' ');
            }
            mails.add(MailDocument.builder(MONDAY_10H).header("X-Mailer", value + "zulu yankee").build());
            mails.add(MailDocument.builder(MONDAY_10H).header("X-Mailer", "zulu " + value + "yankee").build());
        }

        assertSameDecisions(RuleLanguage.ENGLISH, List.of(phrase, wildcard, early), mails);
        try (RuleSet ruleSet = RuleSet.compile(new Rules(RuleLanguage.ENGLISH, Rules.DEFAULT_BODY_PREFIX_CHARS,
                List.of(phrase, wildcard, early)))) {
            for (int index = 0; index < mails.size(); index += 2) {
                assertThat(ruleSet.evaluate(mails.get(index)).applied()).extracting(Rule::name)
                    .containsExactly("phrase", "wildcard", "early");
                assertThat(ruleSet.evaluate(mails.get(index + 1)).applied()).extracting(Rule::name)
                    .containsExactly("wildcard", "early");
            }
        }
    }

    @Test
    void sizeShouldBeReadOnlyByARuleSetThatComparesIt() {
        assertThat(readsSize("size:[1000 TO *]")).isTrue();
        assertThat(readsSize("subject:urgent AND NOT size:[1000000 TO *]")).isTrue();
        assertThat(readsSize("size:5000")).isTrue();
        assertThat(readsSize("subject:urgent", "hour:[9 TO 17]", "body:invoic*", "header.x-spam-flag:yes")).isFalse();
    }

    @Test
    void aRuleSetThatComparesNoSizeShouldDecideAlikeWhateverTheSize() {
        Random random = new Random(7);
        List<Rule> rules = new ArrayList<>();
        for (int index = 0; index < 200; index++) {
            String condition = generatedCondition(random, true);
            if (!condition.contains("size:")) {
                rules.add(rule("generated-" + index, condition, RuleLanguage.ENGLISH));
            }
        }
        try (RuleSet ruleSet = RuleSet.compile(new Rules(RuleLanguage.ENGLISH, Rules.DEFAULT_BODY_PREFIX_CHARS, rules))) {
            assertThat(ruleSet.readsSize()).isFalse();
            for (int index = 0; index < 60; index++) {
                long seed = random.nextLong();
                MailDocument small = generatedMail(new Random(seed));
                MailDocument.Builder big = MailDocument.builder(small.received()).subject(small.subject()).body(small.body())
                    .size(50_000_000);
                assertThat(ruleSet.evaluate(big.build()).toString())
                    .isEqualTo(ruleSet.evaluate(MailDocument.builder(small.received()).subject(small.subject()).body(small.body()).size(10)
                        .build()).toString());
            }
        }
    }

    private static boolean readsSize(String... conditions) {
        List<Rule> rules = new ArrayList<>();
        for (String condition : conditions) {
            rules.add(rule("rule-" + rules.size(), condition, RuleLanguage.ENGLISH));
        }
        try (RuleSet ruleSet = RuleSet.compile(new Rules(RuleLanguage.ENGLISH, Rules.DEFAULT_BODY_PREFIX_CHARS, rules))) {
            return ruleSet.readsSize();
        }
    }

    private static void assertSameDecisions(RuleLanguage language, List<Rule> rules, List<MailDocument> mails) {
        int matches = 0;
        try (RuleSet ruleSet = RuleSet.compile(new Rules(language, Rules.DEFAULT_BODY_PREFIX_CHARS, rules))) {
            for (MailDocument mail : mails) {
                RuleOutcome engine = ruleSet.evaluate(mail);
                assertThat(engine.toString()).as("rules on mail '%s' / '%s'", mail.subject(), shortened(mail.body()))
                    .isEqualTo(ruleSet.evaluateNaively(mail).toString());
                matches += engine.applied().size();
            }
        }
        assertThat(matches).as("the corpus exercises matching rules, not only misses").isPositive();
    }

    private static String shortened(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private static Rule rule(String name, String when, RuleLanguage language) {
        return new Rule(name, when, RuleQueries.parse(when, language), List.of(new RuleAction.AddKeyword("$" + name)),
            Rule.Mode.ACTIVE, HERE);
    }

    private static MailDocument generatedMail(Random random) {
        MailDocument.Builder mail = MailDocument.builder(MONDAY_10H.plusHours(random.nextInt(24 * 7)))
            .from(address(random)).to(address(random)).subject(words(random, 1 + random.nextInt(6)))
            .body(words(random, random.nextInt(400))).size(random.nextInt(3_000_000));
        if (random.nextBoolean()) {
            mail.cc(address(random)).cc(address(random));
        }
        if (random.nextInt(3) == 0) {
            mail.attachment(pick(random, WORDS) + (random.nextBoolean() ? ".pdf" : " " + pick(random, WORDS) + ".doc"));
        }
        for (String header : HEADERS) {
            if (random.nextInt(3) == 0) {
                mail.header(header, random.nextBoolean() ? "yes" : words(random, 1 + random.nextInt(3)));
            }
        }
        if (random.nextBoolean()) {
            mail.inBusinessHours(random.nextBoolean());
        }
        return mail.build();
    }

    private static String address(Random random) {
        String user = pick(random, WORDS).replaceAll("[^a-z]", "") + random.nextInt(3);
        return random.nextBoolean() ? user + "@" + pick(random, DOMAINS) : "Someone " + pick(random, WORDS) + " <" + user + "@"
            + pick(random, DOMAINS) + ">";
    }

    private static String words(Random random, int count) {
        StringBuilder text = new StringBuilder();
        for (int index = 0; index < count; index++) {
            text.append(pick(random, random.nextBoolean() ? WORDS : FILLERS)).append(random.nextInt(10) == 0 ? ". " : " ");
        }
        return text.toString();
    }

    /** One condition of a random kind over the shared vocabulary, sometimes two joined; patterns or not. */
    private static String generatedCondition(Random random, boolean patterns) {
        return generatedCondition(random, patterns ? Set.of() : PATTERN_KINDS);
    }

    /** As above, with no clause of the {@code excluded} kinds. */
    private static String generatedCondition(Random random, Set<Integer> excluded) {
        String condition = clause(random, excluded);
        switch (random.nextInt(5)) {
            case 0:
                return "(" + condition + ") AND (" + clause(random, excluded) + ")";
            case 1:
                return "(" + condition + ") OR (" + clause(random, excluded) + ")";
            case 2:
                return "(" + condition + ") AND NOT (" + clause(random, excluded) + ")";
            default:
                return condition;
        }
    }

    private static String clause(Random random, Set<Integer> excluded) {
        String word = pick(random, WORDS).replace("'", "");
        String other = pick(random, WORDS).replace("'", "");
        String field = pick(random, new String[] {"", "subject:", "body:", "attachment:"});
        String letters = word.replaceAll("[^a-z]", "").isEmpty() ? "invoice" : word.replaceAll("[^a-z]", "");
        String stem = letters.length() > 3 ? letters.substring(0, 3) : "inv";
        int kind = random.nextInt(17);
        while (excluded.contains(kind)) {
            kind = random.nextInt(17);
        }
        switch (kind) {
            case 0:
                return field + "\"" + word + " " + other + "\"";
            case 1:
                return field + "\"" + word + " " + other + "\"~" + random.nextInt(4);
            case 2:
                return "body:" + stem + "*";
            case 3:
                return "subject:" + stem.charAt(0) + "?" + stem.substring(1) + "*";
            case 4:
                return (field.isEmpty() ? "body:" : field) + letters + "~" + (1 + random.nextInt(2));
            case 5:
                return "body:/" + stem + ".*/";
            case 6:
                return "from:" + pick(random, DOMAINS) + " OR to:" + pick(random, DOMAINS);
            case 7:
                return "cc:" + pick(random, DOMAINS);
            case 8:
                return "header." + pick(random, HEADERS) + ":" + (random.nextBoolean() ? "yes" : word);
            case 9:
                return "header." + pick(random, HEADERS) + ":*";
            case 10:
                return "size:[" + random.nextInt(2_000_000) + " TO *]";
            case 11:
                return "hour:[" + random.nextInt(12) + " TO " + (12 + random.nextInt(12)) + "] AND " + field + word;
            case 12:
                return "day:" + pick(random, new String[] {"monday", "tuesday", "saturday"}) + " AND NOT business-hours:open";
            case 13:
                return "subject:[a TO " + stem + "]";
            case 14:
                return "NOT " + field + word;
            case 15:
                return "(" + field + word + " OR " + field + other + ")^0";
            default:
                return field + word;
        }
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static List<MailDocument> samples(Predicate<String> readsHeader) throws Exception {
        Session session = Session.getInstance(new Properties());
        List<Path> files;
        try (Stream<Path> listing = Files.list(Path.of("..", "samples"))) {
            files = listing.filter(path -> path.toString().endsWith(".eml")).sorted().collect(Collectors.toList());
        }
        assertThat(files).isNotEmpty();
        List<MailDocument> mails = new ArrayList<>();
        for (Path file : files) {
            try (InputStream input = Files.newInputStream(file)) {
                mails.add(new MimeMailReader(Rules.DEFAULT_BODY_PREFIX_CHARS, readsHeader)
                    .read(new MimeMessage(session, input), Files.size(file), MONDAY_10H));
            }
        }
        return mails;
    }
}
