package com.teaminbox.core.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * A rule's condition compiled once into a test of where its words occur in a mail
 * ({@link MailWords}), for the query kinds most rules are made of: terms, exact phrases, and
 * boolean combinations of them (with boosts). It decides what Lucene decides on the mail's index
 * ({@code IndexSearcher.count(query) > 0}), without one: a term matches when it occurs in its
 * field; an exact phrase when its terms occur at its offsets from one position; a boolean query
 * when every required clause matches, no prohibited clause does, and at least its minimum number
 * of optional clauses (one when nothing is required) matches, so that a query of only {@code NOT}
 * clauses matches nothing, as in Lucene. Other kinds (sloppy phrases, patterns, fuzzy terms,
 * ranges, numbers) are not compiled ({@link #compile} is empty): their rules still run through
 * Lucene. {@code RuleSetNaiveEquivalenceTest} checks both decide alike on every kind.
 */
abstract class RuleCondition {
    private static final RuleCondition NEVER = new RuleCondition() {
        @Override
        boolean matches(MailWords words) {
            return false;
        }
    };

    /** Whether the mail whose words these are matches. */
    abstract boolean matches(MailWords words);

    /** The condition of this query, when every part of it is of a kind compiled here. */
    static Optional<RuleCondition> compile(Query query, RuleVocabulary vocabulary) {
        if (query instanceof BoostQuery) {
            // a boost changes the score, never whether the mail matches (a rule boosted to 0 still matches)
            return compile(((BoostQuery) query).getQuery(), vocabulary);
        }
        if (query instanceof ConstantScoreQuery) {
            return compile(((ConstantScoreQuery) query).getQuery(), vocabulary);
        }
        if (query instanceof MatchNoDocsQuery) {
            return Optional.of(NEVER);
        }
        if (query instanceof TermQuery) {
            return Optional.of(term(((TermQuery) query).getTerm(), vocabulary));
        }
        if (query instanceof PhraseQuery) {
            return phrase((PhraseQuery) query, vocabulary);
        }
        if (query instanceof BooleanQuery) {
            return bool((BooleanQuery) query, vocabulary);
        }
        return Optional.empty();
    }

    private static RuleCondition term(Term term, RuleVocabulary vocabulary) {
        // Every term of every rule is in the vocabulary; one that is not could never be kept, so never matches.
        return vocabulary.word(term.field(), term.text()).<RuleCondition>map(word -> new WordOccurs(word.id())).orElse(NEVER);
    }

    private static Optional<RuleCondition> phrase(PhraseQuery query, RuleVocabulary vocabulary) {
        Term[] terms = query.getTerms();
        int[] positions = query.getPositions();
        if (terms.length == 0) {
            return Optional.of(NEVER);
        }
        if (query.getSlop() != 0 || positions[0] != 0) {
            // sloppy phrases (and leading holes, which our analyzers never make) stay with Lucene's phrase matchers
            return Optional.empty();
        }
        int[] words = new int[terms.length];
        int[] offsets = new int[terms.length];
        for (int index = 0; index < terms.length; index++) {
            Optional<RuleVocabulary.Word> word = vocabulary.word(terms[index].field(), terms[index].text());
            if (word.isEmpty()) {
                return Optional.of(NEVER);
            }
            words[index] = word.get().id();
            offsets[index] = positions[index];
        }
        return Optional.of(terms.length == 1 ? new WordOccurs(words[0]) : new Phrase(words, offsets));
    }

    private static Optional<RuleCondition> bool(BooleanQuery query, RuleVocabulary vocabulary) {
        List<RuleCondition> required = new ArrayList<>();
        List<RuleCondition> prohibited = new ArrayList<>();
        List<RuleCondition> optional = new ArrayList<>();
        for (BooleanClause clause : query.clauses()) {
            Optional<RuleCondition> condition = compile(clause.getQuery(), vocabulary);
            if (condition.isEmpty()) {
                return Optional.empty();
            }
            switch (clause.getOccur()) {
                case MUST:
                case FILTER:
                    required.add(condition.get());
                    break;
                case MUST_NOT:
                    prohibited.add(condition.get());
                    break;
                default:
                    optional.add(condition.get());
                    break;
            }
        }
        int minimumOptional = query.getMinimumNumberShouldMatch() > 0 ? query.getMinimumNumberShouldMatch() : required.isEmpty() ? 1 : 0;
        if (required.isEmpty() && optional.isEmpty() || minimumOptional > optional.size()) {
            return Optional.of(NEVER);
        }
        return Optional.of(new Bool(required.toArray(RuleCondition[]::new), prohibited.toArray(RuleCondition[]::new),
            optional.toArray(RuleCondition[]::new), minimumOptional));
    }

    /** A term: it occurs in its field. */
    private static final class WordOccurs extends RuleCondition {
        private final int word;

        WordOccurs(int word) {
            this.word = word;
        }

        @Override
        boolean matches(MailWords words) {
            return words.occurs(word);
        }
    }

    /** An exact phrase: its words at their offsets from one position of their field. */
    private static final class Phrase extends RuleCondition {
        private final int[] words;
        private final int[] offsets;

        Phrase(int[] words, int[] offsets) {
            this.words = words;
            this.offsets = offsets;
        }

        @Override
        boolean matches(MailWords mail) {
            for (int word : words) {
                if (!mail.occurs(word)) {
                    return false;
                }
            }
            return mail.occurInSequence(words, offsets);
        }
    }

    /** Lucene's boolean query: every required clause, no prohibited one, at least the minimum of optional ones. */
    private static final class Bool extends RuleCondition {
        private final RuleCondition[] required;
        private final RuleCondition[] prohibited;
        private final RuleCondition[] optional;
        private final int minimumOptional;

        Bool(RuleCondition[] required, RuleCondition[] prohibited, RuleCondition[] optional, int minimumOptional) {
            this.required = required;
            this.prohibited = prohibited;
            this.optional = optional;
            this.minimumOptional = minimumOptional;
        }

        @Override
        boolean matches(MailWords words) {
            for (RuleCondition condition : required) {
                if (!condition.matches(words)) {
                    return false;
                }
            }
            for (RuleCondition condition : prohibited) {
                if (condition.matches(words)) {
                    return false;
                }
            }
            int matched = 0;
            for (int index = 0; index < optional.length && matched < minimumOptional; index++) {
                if (optional[index].matches(words)) {
                    matched++;
                }
            }
            return matched >= minimumOptional;
        }
    }
}
