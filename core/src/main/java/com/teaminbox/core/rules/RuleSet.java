package com.teaminbox.core.rules;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.IntPredicate;

import javax.mail.internet.MimeMessage;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;

import com.teaminbox.core.autoreply.BusinessHours;

/**
 * A shared mailbox's rules, compiled once per (re)load. Each mail is analysed once and reduced to
 * the rules' vocabulary ({@link RuleVocabulary}, {@link ReducedMail}); only the rules one of whose
 * terms occurs in it are run: on where their words occur when their condition is made of terms,
 * exact phrases and boolean operators ({@link RuleCondition}, most rules), against a small index of
 * the reduced mail otherwise, built only then. So the cost is the analysis of the mail's text plus
 * the rules it could match, whatever the number of rules; and every decision is the one the naive
 * evaluation ({@link #evaluateNaively}) makes on the whole mail.
 */
public final class RuleSet implements Closeable {
    private final Rules rules;
    private final Analyzer analyzer;
    private final RuleVocabulary vocabulary;
    /** Per rule, its condition compiled for {@link MailWords}, or null when only Lucene decides it. */
    private final RuleCondition[] conditions;
    /** Whether some rule is decided by Lucene: only then are a mail's tokens kept for an index. */
    private final boolean needsIndex;
    /**
     * One per thread evaluating at the same time, at most: the spool's threads borrow and return them,
     * last returned first lent. A queue lent each in turn: with twenty spool threads, each mail found
     * word memories and index blocks no core had touched for many mails, each learning the words apart.
     */
    private final Deque<TextWords> idleWords = new ConcurrentLinkedDeque<>();
    /** What {@link #evaluate(MimeMessage, long, ZonedDateTime, Optional)} reads of a mail: what the rules read, no more. */
    private final MimeMailReader reader;

    public static RuleSet compile(Rules rules) {
        return new RuleSet(rules, RuleFields.analyzer(rules.language()), RuleVocabulary.of(rules.rules()));
    }

    private RuleSet(Rules rules, Analyzer analyzer, RuleVocabulary vocabulary) {
        this.rules = rules;
        this.analyzer = analyzer;
        this.vocabulary = vocabulary;
        this.conditions = rules.rules().stream().map(rule -> RuleCondition.compile(rule.query(), vocabulary).orElse(null))
            .toArray(RuleCondition[]::new);
        this.needsIndex = vocabulary.keepsEverything() || Arrays.stream(conditions).anyMatch(Objects::isNull);
        this.reader = MimeMailReader.forRules(this);
    }

    public Rules rules() {
        return rules;
    }

    /**
     * Whether some rule reads this header ({@code header.<name>:…}): the others need neither be
     * decoded nor indexed.
     */
    public boolean readsHeader(String name) {
        return vocabulary.readsHeader(name.toLowerCase(Locale.ROOT));
    }

    /**
     * The lower-case names of every header some rule reads, when that is a list ({@link #readsHeader} is
     * true for exactly these); empty when a rule reads them all.
     */
    Optional<String[]> headersRead() {
        return vocabulary.keepsEverything() ? Optional.empty() : Optional.of(vocabulary.headerNames().toArray(new String[0]));
    }

    /**
     * Whether some rule reads this field of a mail ({@code from}, {@code to}, {@code cc}, {@code subject},
     * {@code body}, {@code attachment}): the others need neither be parsed nor decoded
     * ({@link MimeMailReader#forRules}).
     */
    public boolean readsField(String field) {
        return vocabulary.names(field);
    }

    /**
     * Whether some rule compares the mail's size ({@code size:[…]}): when none does, the size given to
     * {@link MimeMailReader} cannot change a decision, and a caller may spare itself computing it.
     */
    public boolean readsSize() {
        return vocabulary.readsNumber(RuleFields.SIZE);
    }

    /** The rules this mail matches, in configuration order, applied up to the first that stops. */
    public RuleOutcome evaluate(MailDocument mail) {
        if (rules.isEmpty()) {
            return RuleOutcome.none();
        }
        TextWords words = Optional.ofNullable(idleWords.pollFirst())
            .orElseGet(() -> new TextWords(rules.language(), vocabulary.wordCount()));
        try {
            return outcome(reduce(mail, words));
        } finally {
            idleWords.offerFirst(words);
        }
    }

    /**
     * The rules this MIME message matches: read as {@link MimeMailReader#forRules} reads it (only what
     * some rule reads) and evaluated as {@link #evaluate(MailDocument)} evaluates that, the same
     * decision, in one pass over its body: the text is decoded into the evaluating thread's buffer and
     * its words cut there, no String made of it. What the server runs for each mail.
     *
     * @param size the mail's size, for {@code size:} conditions
     * @param businessHours the shared mailbox's opening hours, for the {@code business-hours} field
     */
    public RuleOutcome evaluate(MimeMessage message, long size, ZonedDateTime received, Optional<BusinessHours> businessHours) {
        if (rules.isEmpty()) {
            return RuleOutcome.none();
        }
        TextWords words = idleWords.pollFirst();
        if (words == null) {
            words = new TextWords(rules.language(), vocabulary.wordCount());
        }
        try {
            return outcome(reduce(reader.read(message, size, received, businessHours, words.body()), words));
        } finally {
            idleWords.offerFirst(words);
        }
    }

    /** The mail reduced to the rules' words, for {@link #outcome(ReducedMail)}; package-private for tests. */
    ReducedMail reduce(MailDocument mail, TextWords words) {
        return ReducedMail.of(mail, vocabulary, analyzer, words, needsIndex);
    }

    /** Fresh word memories for {@link #reduce}: tests. */
    TextWords newWords() {
        return new TextWords(rules.language(), vocabulary.wordCount());
    }

    /** The candidate rules run, in order, each on its words or on the index. */
    RuleOutcome outcome(ReducedMail reduced) {
        List<Rule> applied = new ArrayList<>();
        List<Rule> audited = new ArrayList<>();
        BitSet candidates = reduced.candidates();
        for (int index = candidates.nextSetBit(0); index >= 0; index = candidates.nextSetBit(index + 1)) {
            RuleCondition condition = conditions[index];
            Rule rule = rules.rules().get(index);
            if (condition != null ? !reduced.matches(condition) : !reduced.matches(rule.query())) {
                continue;
            }
            if (collect(rule, applied, audited)) {
                break;
            }
        }
        return new RuleOutcome(applied, audited);
    }

    /** The same decision by running every rule's query on its own against the whole mail: the baseline. */
    public RuleOutcome evaluateNaively(MailDocument mail) {
        IndexSearcher searcher = MemoryIndex.fromDocument(mail.toLucene(), analyzer).createSearcher();
        return outcome(position -> matches(searcher, rules.rules().get(position).query()));
    }

    /** A query matches when it finds the mail, whatever its score (a rule boosted to 0 still matches). */
    static boolean matches(IndexSearcher searcher, Query query) {
        try {
            return searcher.count(query) > 0;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot match a rule", e);
        }
    }

    private RuleOutcome outcome(IntPredicate matches) {
        List<Rule> applied = new ArrayList<>();
        List<Rule> audited = new ArrayList<>();
        for (int index = 0; index < rules.rules().size(); index++) {
            if (!matches.test(index)) {
                continue;
            }
            if (collect(rules.rules().get(index), applied, audited)) {
                break;
            }
        }
        return new RuleOutcome(applied, audited);
    }

    /** Adds a matching rule to what is applied or only audited; true when it stops the rules after it. */
    private static boolean collect(Rule rule, List<Rule> applied, List<Rule> audited) {
        if (rule.mode() == Rule.Mode.AUDIT) {
            audited.add(rule);
            return false;
        }
        applied.add(rule);
        return rule.stops();
    }

    /** Nothing to release since the rules are no longer registered in a Lucene monitor; kept for callers that retire a set. */
    @Override
    public void close() {
    }
}
