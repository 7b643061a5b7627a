package com.teaminbox.core.rules;

import java.io.IOException;
import java.util.function.Function;

import org.apache.lucene.analysis.CharArrayMap;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Applies a chain of word-by-word filters (case and accent folding, elision, stemming) to each
 * token, remembering the result per distinct word: a 20 KB mail has some 3,000 words but a few
 * hundred distinct ones, and the chain costs about as much as the tokenizer itself.
 *
 * <p>Only for chains that turn each token into exactly one token, whatever its neighbours and
 * type: lowercase, ASCII folding, elision and the stemmers do; a stop-word filter or a synonym
 * filter would not (and is refused when met). The memory is per analyzer thread (Lucene reuses a
 * filter chain per thread, and there is one analyzer per compiled rule set): it keeps words of at
 * most {@link #MAX_WORD_CHARS} characters, and is dropped when it holds {@link #MAX_CHARS}
 * characters, each word counted with {@link #ENTRY_OVERHEAD_CHARS} more for its arrays and map
 * slot (under 1 MB of heap), so a hostile mail of random words costs that once per spool thread
 * and rule set, not for ever.
 */
final class MemoizedTokenFilter extends TokenFilter {
    static final int MAX_WORD_CHARS = 32;
    static final int MAX_CHARS = 256 * 1024;
    /** Two array headers, a key and a value slot: about 48 bytes a word beyond its characters. */
    static final int ENTRY_OVERHEAD_CHARS = 24;

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final WordChain chain;
    private final CharArrayMap<char[]> memory = new CharArrayMap<>(1_024, false);
    private int rememberedChars;

    /** @param chain builds the word-by-word filters on top of the one-token stream it is given */
    MemoizedTokenFilter(TokenStream input, Function<TokenStream, TokenStream> chain) {
        super(input);
        this.chain = new WordChain(chain);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        if (term.length() > MAX_WORD_CHARS) {
            char[] analysed = analyse();
            term.copyBuffer(analysed, 0, analysed.length);
            return true;
        }
        char[] known = memory.get(term.buffer(), 0, term.length());
        if (known == null) {
            known = analyse();
            remember(known);
        }
        term.copyBuffer(known, 0, known.length);
        return true;
    }

    private void remember(char[] analysed) {
        if (rememberedChars >= MAX_CHARS) {
            memory.clear();
            rememberedChars = 0;
        }
        char[] word = new char[term.length()];
        System.arraycopy(term.buffer(), 0, word, 0, word.length);
        memory.put(word, analysed);
        rememberedChars += word.length + analysed.length + ENTRY_OVERHEAD_CHARS;
    }

    /** Characters held, words and results: what the bound applies to. */
    int rememberedChars() {
        return rememberedChars;
    }

    private char[] analyse() throws IOException {
        return chain.analyse(term.buffer(), term.length());
    }
}
