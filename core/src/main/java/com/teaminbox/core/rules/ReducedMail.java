package com.teaminbox.core.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArrayMap;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;

/**
 * A mail analysed once and reduced to what a rule set can match ({@link RuleVocabulary}): the
 * tokens of the rules' terms, at the very positions they have in the whole mail, every token of
 * a field a rule searches with a pattern, the numbers; and the rules worth running, those one of
 * whose terms occurs (or that always run). A 20 KB mail keeps a few dozen tokens of its 3,000,
 * so indexing it costs little beyond the analysis itself.
 */
final class ReducedMail {
    private final IndexSearcher searcher;
    private final BitSet candidates;

    private ReducedMail(IndexSearcher searcher, BitSet candidates) {
        this.searcher = searcher;
        this.candidates = candidates;
    }

    static ReducedMail of(MailDocument mail, RuleVocabulary vocabulary, Analyzer analyzer) {
        MemoryIndex index = new MemoryIndex();
        BitSet candidates = new BitSet();
        Arrays.stream(vocabulary.alwaysCandidates()).forEach(candidates::set);
        for (Map.Entry<String, List<String>> field : mail.textFields().entrySet()) {
            String name = field.getKey();
            if (vocabulary.names(name)) {
                KeptTokens kept = keptTokens(name, field.getValue(), vocabulary, analyzer, candidates);
                if (kept.size > 0) {
                    index.addField(name, kept, 0);
                }
            }
        }
        Document numbers = new Document();
        mail.addNumbers(numbers);
        for (IndexableField number : numbers) {
            index.addField(number, analyzer);
        }
        return new ReducedMail(index.createSearcher(), candidates);
    }

    /** Whether the rule may match: one of its terms occurs, or it always runs. */
    boolean isCandidate(int rule) {
        return candidates.get(rule);
    }

    /** Whether the query matches the reduced mail, which it does exactly when it matches the whole mail. */
    boolean matches(Query query) {
        return RuleSet.matches(searcher, query);
    }

    /**
     * Analyses every value of the field as {@link MemoryIndex} would index the whole mail (positions
     * running on from one value to the next, the analyzer's gap between them) and keeps the tokens
     * rules can match, each with its position in the whole field.
     */
    private static KeptTokens keptTokens(String field, List<String> values, RuleVocabulary vocabulary, Analyzer analyzer,
                                         BitSet candidates) {
        boolean whole = vocabulary.keepsWhole(field);
        Optional<CharArrayMap<int[]>> terms = vocabulary.terms(field);
        CharArrayMap<int[]> known = terms.orElse(null);
        KeptTokens kept = new KeptTokens();
        int gap = analyzer.getPositionIncrementGap(field);
        int position = -1;
        int lastPosition = 0;
        boolean anyToken = false;
        for (String value : values) {
            if (anyToken) {
                position = lastPosition + gap;
            }
            try (TokenStream stream = analyzer.tokenStream(field, value)) {
                CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
                PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
                stream.reset();
                while (stream.incrementToken()) {
                    anyToken = true;
                    position += increment.getPositionIncrement();
                    int[] rules = known == null ? null : known.get(term.buffer(), 0, term.length());
                    if (rules != null) {
                        for (int rule : rules) {
                            candidates.set(rule);
                        }
                    }
                    if (whole || rules != null) {
                        kept.add(term.buffer(), term.length(), position);
                    }
                }
                stream.end();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot analyse field " + field, e);
            }
            if (anyToken) {
                lastPosition = position;
            }
        }
        return kept;
    }

    /** The kept tokens of one field, replayed to the index with their original positions. */
    private static final class KeptTokens extends TokenStream {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
        private char[][] texts = new char[16][];
        private int[] positions = new int[16];
        private int size;
        private int next;

        void add(char[] buffer, int length, int position) {
            if (size == positions.length) {
                texts = Arrays.copyOf(texts, size * 2);
                positions = Arrays.copyOf(positions, size * 2);
            }
            texts[size] = Arrays.copyOf(buffer, length);
            positions[size] = position;
            size++;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            next = 0;
        }

        @Override
        public boolean incrementToken() {
            if (next == size) {
                return false;
            }
            clearAttributes();
            term.copyBuffer(texts[next], 0, texts[next].length);
            increment.setPositionIncrement(next == 0 ? positions[0] + 1 : positions[next] - positions[next - 1]);
            next++;
            return true;
        }
    }
}
