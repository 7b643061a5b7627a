package com.teaminbox.core.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.lucene.analysis.CharArrayMap;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PointRangeQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

/**
 * What a rule set can match, read once from its compiled queries: per field, the analysed terms
 * any rule names (with the rules each term can make match), and the fields a rule searches with
 * a pattern (wildcard, prefix, fuzzy, regular expression, term range), which must be kept whole.
 *
 * <p>Why a mail can be reduced to this vocabulary without changing any decision: a term query
 * matches when its term occurs; a phrase, exact or sloppy, when its terms occur at suitable
 * positions, whatever the words between them are (the positions are kept, see
 * {@link ReducedMail}); a pattern searches a field kept whole; numbers are kept. And a query
 * matches only if one of its clauses outside a {@code NOT} matches: so a rule none of whose
 * positive terms occur in the mail, and which has no positive pattern or number clause, cannot
 * match and is not run at all. Terms met only under {@code NOT} are kept, but never make a rule
 * a candidate.
 */
final class RuleVocabulary {
    /**
     * A term some rule names in one field: its number among all the rule set's terms (what
     * {@link MailWords} records a mail's occurrences under) and the rules it can make match (none
     * for a term met only under NOT).
     */
    record Word(int id, int[] rules) {
    }

    private static final CharArrayMap<Word> NO_TERMS = CharArrayMap.emptyMap();

    private final Map<String, CharArrayMap<Word>> termsByField;
    /** Per field, the ASCII characters its terms start with: {@link #firstCharacters}. */
    private final Map<String, boolean[]> startsByField;
    /** Per field, the pairs of ASCII characters its terms start with: {@link #firstPairs}. */
    private final Map<String, long[]> pairsByField;
    /** Every term, by its number. */
    private final Word[] words;
    private final Set<String> wholeFields;
    /** The headers (lower-case names) some rule reads, terms or patterns: {@link #readsHeader}. */
    private final Set<String> headerNames;
    private final Set<String> numberFields;
    private final int[] alwaysCandidates;
    private final boolean keepsEverything;

    private RuleVocabulary(Map<String, CharArrayMap<Word>> termsByField, Map<String, boolean[]> startsByField,
                           Map<String, long[]> pairsByField, Word[] words, Set<String> wholeFields, Set<String> numberFields,
                           int[] alwaysCandidates, boolean keepsEverything) {
        this.termsByField = termsByField;
        this.startsByField = startsByField;
        this.pairsByField = pairsByField;
        this.words = words;
        this.wholeFields = wholeFields;
        Set<String> headers = new HashSet<>();
        for (String field : termsByField.keySet()) {
            addHeaderName(headers, field);
        }
        for (String field : wholeFields) {
            addHeaderName(headers, field);
        }
        this.headerNames = Set.copyOf(headers);
        this.numberFields = numberFields;
        this.alwaysCandidates = alwaysCandidates;
        this.keepsEverything = keepsEverything;
    }

    static RuleVocabulary of(List<Rule> rules) {
        Map<String, Map<String, List<Integer>>> triggers = new HashMap<>();
        Set<String> wholeFields = new HashSet<>();
        Set<String> numberFields = new HashSet<>();
        List<Integer> alwaysCandidates = new ArrayList<>();
        boolean keepsEverything = false;
        for (int index = 0; index < rules.size(); index++) {
            TermsOfRule terms = new TermsOfRule(index, triggers, wholeFields, numberFields);
            rules.get(index).query().visit(terms.visitor(true));
            if (terms.alwaysCandidate) {
                alwaysCandidates.add(index);
            }
            keepsEverything |= terms.unknownClause;
        }
        Map<String, CharArrayMap<Word>> termsByField = new HashMap<>();
        Map<String, boolean[]> startsByField = new HashMap<>();
        Map<String, long[]> pairsByField = new HashMap<>();
        List<Word> words = new ArrayList<>();
        for (Map.Entry<String, Map<String, List<Integer>>> field : triggers.entrySet()) {
            CharArrayMap<Word> map = new CharArrayMap<>(field.getValue().size(), false);
            boolean[] starts = new boolean[128];
            long[] pairs = new long[PAIRS];
            for (Map.Entry<String, List<Integer>> term : field.getValue().entrySet()) {
                Word word = new Word(words.size(), term.getValue().stream().distinct().mapToInt(Integer::intValue).toArray());
                words.add(word);
                map.put(term.getKey(), word);
                if (!term.getKey().isEmpty() && term.getKey().charAt(0) < 128) {
                    starts[term.getKey().charAt(0)] = true;
                    addPair(pairs, term.getKey());
                }
            }
            termsByField.put(field.getKey(), map);
            startsByField.put(field.getKey(), starts);
            pairsByField.put(field.getKey(), pairs);
        }
        return new RuleVocabulary(Map.copyOf(termsByField), Map.copyOf(startsByField), Map.copyOf(pairsByField), words.toArray(Word[]::new), Set.copyOf(wholeFields),
            Set.copyOf(numberFields), alwaysCandidates.stream().mapToInt(Integer::intValue).toArray(), keepsEverything);
    }

    private static void addHeaderName(Set<String> headers, String field) {
        if (field.startsWith(RuleFields.HEADER_PREFIX)) {
            headers.add(field.substring(RuleFields.HEADER_PREFIX.length()));
        }
    }

    /**
     * Whether some rule reads the header of this lower-case name: {@code names(RuleFields.header(name))}
     * without building the field's name, for each header of each mail.
     */
    boolean readsHeader(String lowerCaseName) {
        return keepsEverything || headerNames.contains(lowerCaseName);
    }

    /** The headers (lower-case names) some rule reads: {@link #readsHeader} unless it {@link #keepsEverything()}. */
    Set<String> headerNames() {
        return headerNames;
    }

    /** A field no rule names is neither analysed nor indexed. */
    boolean names(String field) {
        return keepsEverything || wholeFields.contains(field) || termsByField.containsKey(field);
    }

    /** Whether a rule compares this number field ({@code size}, {@code hour}) with a value or range, under NOT or not. */
    boolean readsNumber(String field) {
        return keepsEverything || numberFields.contains(field);
    }

    /** Every token of this field is kept: a rule searches it with a pattern. */
    boolean keepsWhole(String field) {
        return keepsEverything || wholeFields.contains(field);
    }

    /**
     * The terms rules name in this field, each with the rules it can make match (none for a term under
     * NOT only); an empty map when no rule names a term of it. Looked up once per field of a mail.
     */
    CharArrayMap<Word> termsOrNone(String field) {
        return termsByField.getOrDefault(field, NO_TERMS);
    }

    /**
     * Per ASCII character, whether some term of this field starts with it. A word of ASCII letters and
     * digits only keeps its first character, lower-cased, through every word chain of
     * {@link RuleLanguage}: no elision without an apostrophe, no possessive without one, and Porter's
     * and the French light stemmer's rules take off or change endings, never the first character,
     * nor every character of a word. So such a word whose first character starts no term is no term:
     * it needs neither the word memory nor the analysis ({@link ReducedMail}). Not to be changed.
     */
    boolean[] firstCharacters(String field) {
        boolean[] starts = startsByField.get(field);
        return starts != null ? starts : NO_STARTS;
    }

    private static final boolean[] NO_STARTS = new boolean[128];

    /** A bit per pair of ASCII characters: {@code 128 * 128} bits. */
    static final int PAIRS = 128 * 128 / Long.SIZE;
    private static final long[] NO_PAIRS = new long[PAIRS];

    /**
     * Per pair of ASCII characters {@code (first, second)}, a bit ({@link #startsWithPair}): set when some term
     * of this field starts with them, or is {@code first} alone. A finer {@link #firstCharacters}: a word of
     * two or more ASCII letters and digits whose first two characters, lower-cased, differ and have no bit
     * is no term. Its analysis keeps them when it gives two characters or more: Porter's steps change or
     * take off a suffix after a stem of two characters at least (m > 0), or end a word of three as one
     * character ({@code ies} → {@code i}, a term alone), and change a stem's last y after a vowel into an i,
     * which is the second character of a stem of two ({@code eyed} → {@code ei}): a term whose second
     * character is an i also sets the pair with a y; the French light stemmer changes characters past the
     * second, and drops a letter repeated after the first ({@code ffaire} → {@code faire}): a word whose first
     * two characters are one letter twice is given, as the first character alone decides. Not to be changed.
     */
    long[] firstPairs(String field) {
        long[] pairs = pairsByField.get(field);
        return pairs != null ? pairs : NO_PAIRS;
    }

    /** Whether {@code pairs} ({@link #firstPairs}) has the bit of these two lower-cased ASCII characters. */
    static boolean startsWithPair(long[] pairs, int first, int second) {
        return (pairs[(first << 1) | (second >>> 6)] & (1L << second)) != 0;
    }

    static void addPair(long[] pairs, String term) {
        char first = term.charAt(0);
        if (term.length() == 1) {
            // a one-character term: every word it may be the analysis of
            pairs[first << 1] = -1L;
            pairs[(first << 1) | 1] = -1L;
        } else if (term.charAt(1) < 128) {
            setPair(pairs, first, term.charAt(1));
            if (term.charAt(1) == 'i') {
                // Porter ends a stem of a vowel and y with an i (eyed, ays → ei, ai): the word's second character was a y
                setPair(pairs, first, 'y');
            }
        }
    }

    private static void setPair(long[] pairs, char first, char second) {
        pairs[(first << 1) | (second >>> 6)] |= 1L << second;
    }

    /** The term of this field some rule names, with its number; empty for a term no rule names. */
    Optional<Word> word(String field, String term) {
        return Optional.ofNullable(termsOrNone(field).get(term));
    }

    /** How many terms the rules name, all fields together: the numbers of {@link Word#id()} run from 0 to this, excluded. */
    int wordCount() {
        return words.length;
    }

    /** Every term, by its number ({@link Word#id()}); not to be changed. */
    Word[] words() {
        return words;
    }

    /** Rules run on every mail: a positive pattern or number clause, which no single term announces. */
    int[] alwaysCandidates() {
        return alwaysCandidates;
    }

    /**
     * A query of a kind this class does not know (none the rule parser makes today): the whole mail
     * is kept and every rule run, as safe as the naive evaluation.
     */
    boolean keepsEverything() {
        return keepsEverything;
    }

    /** Walks one rule's query; {@code positive} is false below a {@code MUST_NOT}. */
    private static final class TermsOfRule {
        private final int rule;
        private final Map<String, Map<String, List<Integer>>> triggers;
        private final Set<String> wholeFields;
        private final Set<String> numberFields;
        private boolean alwaysCandidate;
        private boolean unknownClause;

        TermsOfRule(int rule, Map<String, Map<String, List<Integer>>> triggers, Set<String> wholeFields, Set<String> numberFields) {
            this.rule = rule;
            this.triggers = triggers;
            this.wholeFields = wholeFields;
            this.numberFields = numberFields;
        }

        QueryVisitor visitor(boolean positive) {
            return new QueryVisitor() {
                @Override
                public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                    return occur == BooleanClause.Occur.MUST_NOT ? visitor(false) : this;
                }

                @Override
                public void consumeTerms(Query query, Term... terms) {
                    for (Term term : terms) {
                        List<Integer> rules = triggers.computeIfAbsent(term.field(), any -> new HashMap<>())
                            .computeIfAbsent(term.text(), any -> new ArrayList<>());
                        if (positive) {
                            rules.add(rule);
                        }
                    }
                }

                @Override
                public void consumeTermsMatching(Query query, String field, Supplier<ByteRunAutomaton> automaton) {
                    wholeFields.add(field);
                    alwaysCandidate |= positive;
                }

                @Override
                public void visitLeaf(Query query) {
                    if (query instanceof MultiTermQuery) {
                        wholeFields.add(((MultiTermQuery) query).getField());
                    } else if (query instanceof PointRangeQuery) {
                        numberFields.add(((PointRangeQuery) query).getField());
                    } else {
                        unknownClause = true;
                    }
                    alwaysCandidate |= positive;
                }
            };
        }
    }
}
