package com.teaminbox.core.rules;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.IntPredicate;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;

/**
 * A shared mailbox's rules, compiled once per (re)load. Each mail is analysed once and reduced to
 * the rules' vocabulary ({@link RuleVocabulary}, {@link ReducedMail}); only the rules one of whose
 * terms occurs in it are run, against that small index. So the cost is the analysis of the mail's
 * text plus the rules it could match, whatever the number of rules; and every decision is the one
 * the naive evaluation ({@link #evaluateNaively}) makes on the whole mail.
 */
public final class RuleSet implements Closeable {
    private final Rules rules;
    private final Analyzer analyzer;
    private final RuleVocabulary vocabulary;
    /**
     * One per thread evaluating at the same time, at most: the spool's threads borrow and return them,
     * last returned first lent. A queue lent each in turn: with twenty spool threads, each mail found
     * word memories and index blocks no core had touched for many mails, each learning the words apart.
     */
    private final Deque<TextWords> idleWords = new ConcurrentLinkedDeque<>();

    public static RuleSet compile(Rules rules) {
        return new RuleSet(rules, RuleFields.analyzer(rules.language()), RuleVocabulary.of(rules.rules()));
    }

    private RuleSet(Rules rules, Analyzer analyzer, RuleVocabulary vocabulary) {
        this.rules = rules;
        this.analyzer = analyzer;
        this.vocabulary = vocabulary;
    }

    public Rules rules() {
        return rules;
    }

    /**
     * Whether some rule reads this header ({@code header.<name>:…}): the others need neither be
     * decoded nor indexed.
     */
    public boolean readsHeader(String name) {
        return vocabulary.names(RuleFields.header(name));
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
        TextWords words = Optional.ofNullable(idleWords.pollFirst()).orElseGet(() -> new TextWords(rules.language()));
        try {
            ReducedMail reduced = ReducedMail.of(mail, vocabulary, analyzer, words);
            return outcome(index -> reduced.isCandidate(index) && reduced.matches(rules.rules().get(index).query()));
        } finally {
            idleWords.offerFirst(words);
        }
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
            Rule rule = rules.rules().get(index);
            if (rule.mode() == Rule.Mode.AUDIT) {
                audited.add(rule);
                continue;
            }
            applied.add(rule);
            if (rule.stops()) {
                break;
            }
        }
        return new RuleOutcome(applied, audited);
    }

    /** Nothing to release since the rules are no longer registered in a Lucene monitor; kept for callers that retire a set. */
    @Override
    public void close() {
    }
}
