package com.teaminbox.core.rules;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.CharArrayMap;
import org.apache.lucene.index.memory.MemoryIndex;

/**
 * What {@link ReducedMail} remembers of free-text words between mails, for one rule set: per field
 * and per word as written ({@link WordMemory}), its analysed form and the rules' term it is (none
 * when the rules do not name it). One look-up per word of a mail, where the analyzer and the
 * vocabulary would take two. Bounded like {@link MemoizedTokenFilter}: words of at most
 * {@link MemoizedTokenFilter#MAX_WORD_CHARS} characters, all forgotten at
 * {@link MemoizedTokenFilter#MAX_CHARS}. Also the in-memory index mails are reduced into, emptied
 * after each mail but keeping up to {@link #REUSED_INDEX_BYTES} of its memory blocks: allocating and
 * zeroing fresh ones for each mail was a sixth of the CPU in a profile at 1,000 rules. Used by one
 * thread at a time (borrowed from the rule set).
 */
final class TextWords {
    static final long REUSED_INDEX_BYTES = 256 * 1024;
    /** Fields whose last values are remembered ({@link #analysedValues}), at most. */
    static final int MAX_ANALYSED_FIELDS = 64;

    /** The words of {@link RuleLanguage#textTokenizer()} (StandardTokenizer), cut faster where the text is plain ASCII. */
    private final AsciiWordTokenizer tokenizer = new AsciiWordTokenizer();
    /** The same words, cut from a body's bytes ({@link BodyText}). */
    private final ByteWordScanner scanner = new ByteWordScanner();
    private final WordChain chain;
    private final Map<String, WordMemory> byField = new HashMap<>();
    /** Per field analysed by its own analyzer (addresses, headers, attachment names), its last values and what they gave. */
    private final Map<String, AnalysedValues> analysedByField = new HashMap<>();
    private final MemoryIndex index;
    /** The kept tokens of each field of a mail, for the index, when a rule needs one; reused from mail to mail. */
    private final List<ReducedMail.KeptTokens> kept = new ArrayList<>();
    private final MailWords mailWords;
    /** The body of the mail being evaluated, decoded in place ({@link MimeMailReader}); kept from mail to mail. */
    private final BodyText body = new BodyText();
    private int rememberedChars;
    /** Where {@link #word} found or put its last word in its memory, or -1 for a word too long to remember ... */
    private WordMemory lastMemory;
    private int lastAt;
    /** ... whose analysed form is then this. */
    private char[] lastLongTerm;

    TextWords(RuleLanguage language, int wordCount) {
        this.chain = language.wordChain();
        this.mailWords = new MailWords(wordCount);
        // The one public way to a MemoryIndex that keeps its blocks on reset().
        this.index = MemoryIndex.fromDocument(List.of(), null, false, false, REUSED_INDEX_BYTES);
    }

    /** An empty index for the next mail. */
    MemoryIndex emptyIndex() {
        index.reset();
        return index;
    }

    /** The raw words of a value, before analysis, read in place; valid until the next value. */
    AsciiWordTokenizer tokenize(String value) throws IOException {
        return tokenizer.text(value);
    }

    /** The raw words of {@code chars[from, to)}, read in place ({@link AsciiWordTokenizer#text(char[], int, int)}). */
    AsciiWordTokenizer tokenize(char[] chars, int from, int to) throws IOException {
        return tokenizer.text(chars, from, to);
    }

    /** The raw words of {@code bytes[from, to)}, text of a {@link ByteWordScanner} kind, read in place. */
    ByteWordScanner scan(byte[] bytes, int from, int to, int kind) throws IOException {
        return scanner.text(bytes, from, to, kind);
    }

    /** The buffer the next mail's body is read into. */
    BodyText body() {
        return body;
    }

    /** The token stream the kept tokens of a mail's {@code field}-th field (0, 1, …) are handed to the index with; emptied. */
    ReducedMail.KeptTokens keptTokens(int field) {
        while (kept.size() <= field) {
            kept.add(new ReducedMail.KeptTokens());
        }
        ReducedMail.KeptTokens tokens = kept.get(field);
        tokens.clear();
        return tokens;
    }

    /** The tokens {@link #keptTokens(int)} last gave for the {@code field}-th field, as filled since. */
    ReducedMail.KeptTokens filledTokens(int field) {
        return kept.get(field);
    }

    /** Where the rules' words occur in the mail being evaluated, emptied. */
    MailWords mailWords() {
        mailWords.clear();
        return mailWords;
    }

    /** What this thread remembers of the words of this field: the map {@link #fate} reads and fills. */
    WordMemory memory(String field) {
        return byField.computeIfAbsent(field, any -> new WordMemory());
    }

    /** What this thread last found in the values of this field ({@link ReducedMail}, fields not of free text). */
    AnalysedValues analysedValues(String field) {
        AnalysedValues last = analysedByField.get(field);
        if (last == null) {
            if (analysedByField.size() >= MAX_ANALYSED_FIELDS) {
                // a rule set that reads every header, and mails with many names: start again
                analysedByField.clear();
            }
            last = new AnalysedValues();
            analysedByField.put(field, last);
        }
        return last;
    }

    /**
     * The number of the rules' term ({@link RuleVocabulary.Word#id()}) the word in
     * {@code buffer[offset, offset + length)} of a field is, or {@link WordMemory#NO_WORD}, given that
     * field's {@link #memory} and the terms its rules name ({@link RuleVocabulary#termsOrNone}); its
     * analysed form is then {@link #lastTerm()}.
     */
    int word(WordMemory memory, CharArrayMap<RuleVocabulary.Word> terms, char[] buffer, int offset, int length) throws IOException {
        return word(memory, terms, buffer, offset, length, AsciiWordTokenizer.NO_HASH);
    }

    /** As above, given the word's hash when the tokenizer computed it ({@link AsciiWordTokenizer#hash()}). */
    int word(WordMemory memory, CharArrayMap<RuleVocabulary.Word> terms, char[] buffer, int offset, int length, int hash)
        throws IOException {
        if (length > MemoizedTokenFilter.MAX_WORD_CHARS) {
            char[] term = chain.analyse(buffer, offset, length);
            lastAt = -1;
            lastLongTerm = term;
            return wordOf(terms, term);
        }
        int at = memory.find(buffer, offset, length, hash);
        if (at == WordMemory.UNKNOWN) {
            char[] term = chain.analyse(buffer, offset, length);
            if (rememberedChars >= MemoizedTokenFilter.MAX_CHARS) {
                byField.values().forEach(WordMemory::clear);
                rememberedChars = 0;
            }
            at = memory.remember(buffer, offset, length, term, wordOf(terms, term));
            rememberedChars += length + term.length + MemoizedTokenFilter.ENTRY_OVERHEAD_CHARS;
        }
        lastMemory = memory;
        lastAt = at;
        return memory.word(at);
    }

    /** The analysed form of the word {@link #word} was last asked about: never changed. */
    char[] lastTerm() {
        return lastAt < 0 ? lastLongTerm : lastMemory.term(lastAt);
    }

    private static int wordOf(CharArrayMap<RuleVocabulary.Word> terms, char[] term) {
        RuleVocabulary.Word word = terms.get(term, 0, term.length);
        return word == null ? WordMemory.NO_WORD : word.id();
    }
}
