package com.teaminbox.core.rules;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

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

    static ReducedMail of(MailDocument mail, RuleVocabulary vocabulary, Analyzer analyzer, TextWords words) {
        MemoryIndex index = words.emptyIndex();
        BitSet candidates = new BitSet();
        for (int rule : vocabulary.alwaysCandidates()) {
            candidates.set(rule);
        }
        KeptTokens kept = words.keptTokens();
        for (Map.Entry<String, List<String>> field : mail.textFields(vocabulary::names).entrySet()) {
            String name = field.getKey();
            // Looked up once per field, not once per token.
            CharArrayMap<int[]> terms = vocabulary.termsOrNone(name);
            boolean whole = vocabulary.keepsWhole(name);
            int gap = analyzer.getPositionIncrementGap(name);
            kept.clear();
            // Free text: the text analyzer's own tokenizer and word chain (RuleLanguage), with one
            // look-up per word for both its analysis and its rules; other fields through the analyzer.
            if (RuleFields.TEXT_FIELDS.contains(name)) {
                keepText(field.getValue(), words, words.memory(name), terms, whole, gap, candidates, kept);
            } else {
                keepAnalysed(name, field.getValue(), analyzer, terms, whole, gap, candidates, kept);
            }
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
     * Analyses every value of a free-text field as {@link MemoryIndex} would index the whole mail
     * (positions running on from one value to the next, the analyzer's gap between them) and keeps
     * the tokens rules can match, each with its position in the whole field. One plain loop over
     * the words, no call through an interface or a lambda per word: the server runs this for every
     * word of every mail, much of the time in code the JIT has compiled only at its first tier.
     */
    private static void keepText(List<String> values, TextWords words, CharArrayMap<TextWords.Fate> memory, CharArrayMap<int[]> terms,
                                 boolean whole, int gap, BitSet candidates, KeptTokens kept) {
        int position = -1;
        int lastPosition = 0;
        boolean anyToken = false;
        for (String value : values) {
            if (anyToken) {
                position = lastPosition + gap;
            }
            try (AsciiWordTokenizer tokenizer = words.tokenize(value)) {
                while (tokenizer.next()) {
                    anyToken = true;
                    position += tokenizer.increment();
                    TextWords.Fate fate = words.fate(memory, terms, tokenizer.buffer(), tokenizer.offset(), tokenizer.length());
                    int[] rules = fate.rules();
                    if (rules != null) {
                        for (int rule : rules) {
                            candidates.set(rule);
                        }
                        kept.addKept(fate.term(), position);
                    } else if (whole) {
                        kept.addKept(fate.term(), position);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot analyse a free-text field", e);
            }
            if (anyToken) {
                lastPosition = position;
            }
        }
    }

    /** As {@link #keepText}, for a field the analyzer cuts and analyses itself (addresses, headers, attachment names). */
    private static void keepAnalysed(String field, List<String> values, Analyzer analyzer, CharArrayMap<int[]> terms, boolean whole,
                                     int gap, BitSet candidates, KeptTokens kept) {
        int position = -1;
        int lastPosition = 0;
        boolean anyToken = false;
        for (String value : values) {
            if (anyToken) {
                position = lastPosition + gap;
            }
            try (StreamWords words = new StreamWords(analyzer.tokenStream(field, value))) {
                while (words.next()) {
                    anyToken = true;
                    position += words.increment();
                    char[] buffer = words.buffer();
                    int length = words.length();
                    int[] rules = terms.get(buffer, 0, length);
                    if (rules != null) {
                        for (int rule : rules) {
                            candidates.set(rule);
                        }
                    }
                    if (whole || rules != null) {
                        // the stream's buffer is refilled at the next token: copied
                        kept.addCopy(buffer, length, position);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot analyse field " + field, e);
            }
            if (anyToken) {
                lastPosition = position;
            }
        }
    }

    /**
     * The kept tokens of one field, replayed to the index with their original positions. Reused from
     * mail to mail by one thread ({@link TextWords#keptTokens()}): the index copies the terms while
     * the field is added.
     */
    static final class KeptTokens extends TokenStream {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
        /** Each token's characters: the whole array, a word's analysed form that is never changed, or a slice of {@link #copies}. */
        private char[][] texts = new char[16][];
        private int[] offsets = new int[16];
        private int[] lengths = new int[16];
        private int[] positions = new int[16];
        /** The copied tokens' characters, one after the other; a full array is left to the tokens it holds. */
        private char[] copies = new char[256];
        private int copied;
        private int size;
        private int next;

        void clear() {
            Arrays.fill(texts, 0, size, null);
            size = 0;
            copied = 0;
        }

        /** A token that stays as it is until the field is indexed: kept by reference. */
        void addKept(char[] text, int position) {
            add(text, 0, text.length, position);
        }

        /** A token read from a buffer that will be refilled: its characters are copied. */
        void addCopy(char[] buffer, int length, int position) {
            if (copies.length - copied < length) {
                copies = new char[Math.max(copies.length, length * 2)];
                copied = 0;
            }
            System.arraycopy(buffer, 0, copies, copied, length);
            add(copies, copied, length, position);
            copied += length;
        }

        private void add(char[] text, int offset, int length, int position) {
            if (size == positions.length) {
                texts = Arrays.copyOf(texts, size * 2);
                offsets = Arrays.copyOf(offsets, size * 2);
                lengths = Arrays.copyOf(lengths, size * 2);
                positions = Arrays.copyOf(positions, size * 2);
            }
            texts[size] = text;
            offsets[size] = offset;
            lengths[size] = length;
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
            term.copyBuffer(texts[next], offsets[next], lengths[next]);
            increment.setPositionIncrement(next == 0 ? positions[0] + 1 : positions[next] - positions[next - 1]);
            next++;
            return true;
        }
    }
}
