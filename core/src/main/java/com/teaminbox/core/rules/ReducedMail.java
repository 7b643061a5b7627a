package com.teaminbox.core.rules;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
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

    static ReducedMail of(MailDocument mail, RuleVocabulary vocabulary, Analyzer analyzer, TextWords words) {
        MemoryIndex index = words.emptyIndex();
        BitSet candidates = new BitSet();
        Arrays.stream(vocabulary.alwaysCandidates()).forEach(candidates::set);
        for (Map.Entry<String, List<String>> field : mail.textFields(vocabulary::names).entrySet()) {
            String name = field.getKey();
            // Free text: the text analyzer's own tokenizer and word chain (RuleLanguage), with one
            // look-up per word for both its analysis and its rules; other fields through the analyzer.
            KeptTokens kept = RuleFields.TEXT_FIELDS.contains(name)
                ? keptTokens(name, field.getValue(), vocabulary, candidates, analyzer.getPositionIncrementGap(name), words::tokenize,
                    (buffer, offset, length) -> words.fate(name, buffer, offset, length, vocabulary))
                : keptTokens(name, field.getValue(), vocabulary, candidates, analyzer.getPositionIncrementGap(name),
                    value -> new StreamWords(analyzer.tokenStream(name, value)),
                    (buffer, offset, length) -> known(vocabulary, name, buffer, offset, length));
            if (kept.size > 0) {
                index.addField(name, kept, 0);
            }
        }
        Document numbers = new Document();
        mail.addNumbers(numbers);
        for (IndexableField number : numbers) {
            index.addField(number, analyzer);
        }
        return new ReducedMail(index.createSearcher(), candidates);
    }

    /** The fate of a token of a field other than free text: the token itself (read in place), and the rules naming it. */
    private static TextWords.Fate known(RuleVocabulary vocabulary, String field, char[] buffer, int offset, int length) {
        int[] rules = vocabulary.terms(field).map(terms -> terms.get(buffer, offset, length)).orElse(null);
        return new TextWords.Fate(buffer, rules);
    }

    /** Whether the rule may match: one of its terms occurs, or it always runs. */
    boolean isCandidate(int rule) {
        return candidates.get(rule);
    }

    /**
     * Whether the query matches the reduced mail, which it does exactly when it matches the whole mail;
     * only while the {@link TextWords} it was built with are not given back.
     */
    boolean matches(Query query) {
        return RuleSet.matches(searcher, query);
    }

    /** The tokens of one value, read in place: a word of {@code buffer()[offset(), offset() + length())} at each {@link #next()}. */
    interface Words extends Closeable {
        boolean next() throws IOException;

        char[] buffer();

        int offset();

        int length();

        int increment();
    }

    /** The tokens of one value of a field: the analyzer's, or for free text the raw words that {@link TextWords} analyses. */
    private interface Tokens {
        Words of(String value) throws IOException;
    }

    /** What becomes of a token: its term and the rules it can make match, null when none names it. */
    private interface Fates {
        TextWords.Fate of(char[] buffer, int offset, int length) throws IOException;
    }

    /** An analyzer's token stream read as {@link Words}. */
    private static final class StreamWords implements Words {
        private final TokenStream stream;
        private final CharTermAttribute term;
        private final PositionIncrementAttribute increment;

        StreamWords(TokenStream stream) throws IOException {
            this.stream = stream;
            this.term = stream.addAttribute(CharTermAttribute.class);
            this.increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
        }

        @Override
        public boolean next() throws IOException {
            return stream.incrementToken();
        }

        @Override
        public char[] buffer() {
            return term.buffer();
        }

        @Override
        public int offset() {
            return 0;
        }

        @Override
        public int length() {
            return term.length();
        }

        @Override
        public int increment() {
            return increment.getPositionIncrement();
        }

        @Override
        public void close() throws IOException {
            try {
                stream.end();
            } finally {
                stream.close();
            }
        }
    }

    /**
     * Analyses every value of the field as {@link MemoryIndex} would index the whole mail (positions
     * running on from one value to the next, the analyzer's gap between them) and keeps the tokens
     * rules can match, each with its position in the whole field.
     */
    private static KeptTokens keptTokens(String field, List<String> values, RuleVocabulary vocabulary, BitSet candidates, int gap,
                                         Tokens tokens, Fates fates) {
        boolean whole = vocabulary.keepsWhole(field);
        KeptTokens kept = new KeptTokens();
        int position = -1;
        int lastPosition = 0;
        boolean anyToken = false;
        for (String value : values) {
            if (anyToken) {
                position = lastPosition + gap;
            }
            try (Words words = tokens.of(value)) {
                while (words.next()) {
                    anyToken = true;
                    position += words.increment();
                    char[] buffer = words.buffer();
                    TextWords.Fate fate = fates.of(buffer, words.offset(), words.length());
                    if (fate.rules() != null) {
                        for (int rule : fate.rules()) {
                            candidates.set(rule);
                        }
                    }
                    if (whole || fate.rules() != null) {
                        if (fate.term() == buffer) {
                            kept.add(buffer, words.offset(), words.length(), position);
                        } else {
                            kept.add(fate.term(), 0, fate.term().length, position);
                        }
                    }
                }
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

        void add(char[] buffer, int offset, int length, int position) {
            if (size == positions.length) {
                texts = Arrays.copyOf(texts, size * 2);
                positions = Arrays.copyOf(positions, size * 2);
            }
            texts[size] = Arrays.copyOfRange(buffer, offset, offset + length);
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
