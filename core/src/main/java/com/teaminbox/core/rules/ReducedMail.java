package com.teaminbox.core.rules;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
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
 * A mail analysed once and reduced to what a rule set can match ({@link RuleVocabulary}): where
 * each of the rules' terms occurs ({@link MailWords}, at the very positions it has in the whole
 * mail), and the rules worth running, those one of whose terms occurs (or that always run). Most
 * rules are decided on those occurrences alone ({@link RuleCondition}). For the others (patterns,
 * sloppy phrases, numbers) the reduced mail is indexed, once and only when one of them is a
 * candidate: the tokens of the rules' terms at their positions, every token of a field a rule
 * searches with a pattern, the numbers. A 20 KB mail keeps a few dozen tokens of its 3,000, so
 * indexing it costs little beyond the analysis itself.
 */
final class ReducedMail {
    private final MailDocument mail;
    private final Analyzer analyzer;
    private final TextWords words;
    private final MailWords occurrences;
    private final BitSet candidates;
    /** The fields whose tokens were kept for an index, in order, and how many: {@link TextWords#keptTokens(int)}. */
    private final List<String> keptFields;
    private IndexSearcher searcher;

    private ReducedMail(MailDocument mail, Analyzer analyzer, TextWords words, MailWords occurrences, BitSet candidates,
                        List<String> keptFields) {
        this.mail = mail;
        this.analyzer = analyzer;
        this.words = words;
        this.occurrences = occurrences;
        this.candidates = candidates;
        this.keptFields = keptFields;
    }

    /**
     * @param forIndex whether some rule of the set needs the index ({@link RuleCondition#compile} is empty
     *     for it): only then are tokens kept for one
     */
    static ReducedMail of(MailDocument mail, RuleVocabulary vocabulary, Analyzer analyzer, TextWords words, boolean forIndex) {
        BitSet candidates = new BitSet();
        for (int rule : vocabulary.alwaysCandidates()) {
            candidates.set(rule);
        }
        MailWords occurrences = words.mailWords();
        List<String> keptFields = new ArrayList<>();
        BodyText body = mail.bodyText();
        for (Map.Entry<String, List<String>> field : mail.textFields(vocabulary::names, body == null).entrySet()) {
            String name = field.getKey();
            // Looked up once per field, not once per token.
            CharArrayMap<RuleVocabulary.Word> terms = vocabulary.termsOrNone(name);
            boolean whole = forIndex && vocabulary.keepsWhole(name);
            int gap = analyzer.getPositionIncrementGap(name);
            KeptTokens kept = forIndex ? words.keptTokens(keptFields.size()) : null;
            // Free text: the text analyzer's own tokenizer and word chain (RuleLanguage), with one
            // look-up per word for both its analysis and its rules; other fields through the analyzer.
            if (RuleFields.TEXT_FIELDS.contains(name)) {
                keepText(field.getValue(), words, words.memory(name), terms, whole ? null : vocabulary.firstCharacters(name),
                    vocabulary.words(), whole, gap, candidates, occurrences, kept);
            } else {
                List<String> values = field.getValue();
                AnalysedValues last = words.analysedValues(name);
                if (!last.replay(values, vocabulary.words(), candidates, occurrences, kept)) {
                    last.start(values);
                    keepAnalysed(name, values, analyzer, terms, whole, gap, candidates, occurrences, kept, last);
                    last.finish();
                }
            }
            if (kept != null && kept.size > 0) {
                keptFields.add(name);
            }
        }
        if (body != null && vocabulary.names(RuleFields.BODY)) {
            // The body read in place: one value, its words cut from the reader's buffer. Fields are
            // indexed apart, so reading it after the others changes no position.
            String name = RuleFields.BODY;
            boolean whole = forIndex && vocabulary.keepsWhole(name);
            KeptTokens kept = forIndex ? words.keptTokens(keptFields.size()) : null;
            CharArrayMap<RuleVocabulary.Word> terms = vocabulary.termsOrNone(name);
            boolean[] starts = whole ? null : vocabulary.firstCharacters(name);
            long[] pairs = whole ? null : vocabulary.firstPairs(name);
            WordMemory memory = words.memory(name);
            // Part after part, bytes or characters (BodyText), positions running on: each part ends with a line break.
            int position = -1;
            try {
                for (int segment = 0; segment < body.segments(); segment++) {
                    int kind = body.kind(segment);
                    if (kind == BodyText.CHARS) {
                        position = keepWords(words.tokenize(body.chars(), body.from(segment), body.to(segment)), words, memory, terms,
                            starts, vocabulary.words(), whole, position, candidates, occurrences, kept);
                    } else {
                        position = keepWords(words.scan(body.bytes(), body.from(segment), body.to(segment), kind), words, memory, terms,
                            starts, pairs, vocabulary.words(), whole, position, candidates, occurrences, kept);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot analyse a free-text field", e);
            }
            if (kept != null && kept.size > 0) {
                keptFields.add(name);
            }
        }
        return new ReducedMail(mail, analyzer, words, occurrences, candidates, keptFields);
    }

    /** The rules that may match, in order: one of their terms occurs, or they always run. */
    BitSet candidates() {
        return candidates;
    }

    /** Whether the condition matches the mail, on the rules' words it holds. */
    boolean matches(RuleCondition condition) {
        return condition.matches(occurrences);
    }

    /**
     * Whether the query matches the reduced mail, which it does exactly when it matches the whole mail;
     * only while the {@link TextWords} it was built with are not given back, and only if it was built
     * for an index. The index is built at the first such question.
     */
    boolean matches(Query query) {
        if (searcher == null) {
            searcher = index().createSearcher();
        }
        return RuleSet.matches(searcher, query);
    }

    /** Whether an index was built for this mail (at a rule {@link RuleCondition} does not decide). */
    boolean indexed() {
        return searcher != null;
    }

    private MemoryIndex index() {
        MemoryIndex index = words.emptyIndex();
        for (int field = 0; field < keptFields.size(); field++) {
            // the kept tokens of the field-th field that kept any, in the order they were filled
            index.addField(keptFields.get(field), words.filledTokens(field), 0);
        }
        Document numbers = new Document();
        mail.addNumbers(numbers);
        for (IndexableField number : numbers) {
            index.addField(number, analyzer);
        }
        return index;
    }

    /** The tokens of one value, read in place: a word of {@code buffer()[offset(), offset() + length())} at each {@link #next()}. */
    interface Words extends Closeable {
        boolean next() throws IOException;

        char[] buffer();

        int offset();

        int length();

        int increment();
    }

    /**
     * The words of free text ({@link AsciiWordTokenizer}, {@link ByteWordScanner}): a word of ASCII letters
     * and digits only comes with its {@link WordMemory#mixed hash}, and may be passed over ({@link #skipping}).
     */
    interface SkippingWords extends Words {
        /**
         * From now on in this text, passes over a word of ASCII letters and digits only (what gets a
         * {@link #hash()}) whose first character, lower-cased, is not in {@code firstCharacters}: it is
         * counted in the next word's {@link #increment()} (or in {@link #skippedAtEnd()}). Null: every word.
         */
        SkippingWords skipping(boolean[] firstCharacters);

        /** The word's hash for {@link WordMemory#find(char[], int, int, int)}, or {@link AsciiWordTokenizer#NO_HASH}. */
        int hash();

        /** The words passed over after the last word given, once {@link #next()} answered false. */
        int skippedAtEnd();
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
     * (positions running on from one value to the next, the analyzer's gap between them) and records
     * where the rules' terms occur, each at its position in the whole field; with {@code kept}, also
     * keeps them (every token when {@code whole}) for an index. One plain loop over the words, no
     * call through an interface or a lambda per word: the server runs this for every word of every
     * mail, much of the time in code the JIT has compiled only at its first tier.
     */
    private static void keepText(List<String> values, TextWords words, WordMemory memory, CharArrayMap<RuleVocabulary.Word> terms,
                                 boolean[] starts, RuleVocabulary.Word[] vocabularyWords, boolean whole, int gap, BitSet candidates,
                                 MailWords occurrences, KeptTokens kept) {
        int position = -1;
        int lastPosition = 0;
        boolean anyToken = false;
        for (String value : values) {
            if (anyToken) {
                position = lastPosition + gap;
            }
            int before = position;
            try {
                position = keepWords(words.tokenize(value), words, memory, terms, starts, vocabularyWords, whole, position, candidates,
                    occurrences, kept);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot analyse a free-text field", e);
            }
            // every word moves the position on by one at least
            anyToken |= position != before;
            if (anyToken) {
                lastPosition = position;
            }
        }
    }

    /**
     * The word loop of {@link #keepText} over one value, the tokenizer started on it; the position of
     * its last word ({@code position} when it has none).
     */
    private static int keepWords(AsciiWordTokenizer tokenizer, TextWords words, WordMemory memory, CharArrayMap<RuleVocabulary.Word> terms,
                                 boolean[] starts, RuleVocabulary.Word[] vocabularyWords, boolean whole, int position, BitSet candidates,
                                 MailWords occurrences, KeptTokens kept) throws IOException {
        // A word of ASCII letters and digits only whose first character, lower-cased, starts no term of
        // the field is no term (RuleVocabulary#firstCharacters): most words of a mail, passed over by the
        // tokenizer, which counts their positions. Not when the field is kept whole.
        try (tokenizer) {
            tokenizer.skipping(starts);
            while (tokenizer.next()) {
                position += tokenizer.increment();
                int word = words.word(memory, terms, tokenizer.buffer(), tokenizer.offset(), tokenizer.length(), tokenizer.hash());
                keep(word, words, vocabularyWords, whole, position, candidates, occurrences, kept);
            }
            position += tokenizer.skippedAtEnd();
        }
        return position;
    }

    /**
     * {@link #keepWords} over a body's bytes: the same loop on the scanner's own class, so that its
     * calls are bound without an interface's dispatch (the server's profile showed {@code itable}
     * stubs when one loop took either).
     */
    private static int keepWords(ByteWordScanner scanner, TextWords words, WordMemory memory, CharArrayMap<RuleVocabulary.Word> terms,
                                 boolean[] starts, long[] pairs, RuleVocabulary.Word[] vocabularyWords, boolean whole, int position,
                                 BitSet candidates, MailWords occurrences, KeptTokens kept) throws IOException {
        try (scanner) {
            scanner.skipping(starts, pairs);
            while (scanner.next()) {
                position += scanner.increment();
                int word = words.word(memory, terms, scanner.buffer(), scanner.offset(), scanner.length(), scanner.hash());
                keep(word, words, vocabularyWords, whole, position, candidates, occurrences, kept);
            }
            position += scanner.skippedAtEnd();
        }
        return position;
    }

    /** Records the word {@link TextWords#word} just found at {@code position}: a term of the rules, or a word of a field kept whole. */
    private static void keep(int word, TextWords words, RuleVocabulary.Word[] vocabularyWords, boolean whole, int position,
                             BitSet candidates, MailWords occurrences, KeptTokens kept) {
        if (word != WordMemory.NO_WORD) {
            for (int rule : vocabularyWords[word].rules()) {
                candidates.set(rule);
            }
            occurrences.add(word, position);
            if (kept != null) {
                kept.addKept(words.lastTerm(), position);
            }
        } else if (whole) {
            kept.addKept(words.lastTerm(), position);
        }
    }

    /** As {@link #keepText}, for a field the analyzer cuts and analyses itself (addresses, headers, attachment names). */
    private static void keepAnalysed(String field, List<String> values, Analyzer analyzer, CharArrayMap<RuleVocabulary.Word> terms,
                                     boolean whole, int gap, BitSet candidates, MailWords occurrences, KeptTokens kept,
                                     AnalysedValues memory) {
        boolean remembering = memory.remembering();
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
                    RuleVocabulary.Word word = terms.get(buffer, 0, length);
                    if (word != null) {
                        for (int rule : word.rules()) {
                            candidates.set(rule);
                        }
                        occurrences.add(word.id(), position);
                        if (remembering) {
                            memory.occurrence(word.id(), position);
                        }
                    }
                    if (kept != null && (whole || word != null)) {
                        // the stream's buffer is refilled at the next token: copied
                        kept.addCopy(buffer, length, position);
                        if (remembering) {
                            memory.kept(buffer, length, position);
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
