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
 * filter would not. The memory is per analyzer thread (Lucene reuses a filter chain per thread)
 * and is dropped when it holds {@link #MAX_WORDS} words, so a hostile mail of random words costs
 * memory once, not for ever.
 */
final class MemoizedTokenFilter extends TokenFilter {
    static final int MAX_WORDS = 20_000;

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OneToken word = new OneToken();
    private final TokenStream chain;
    private final CharTermAttribute chainTerm;
    private final CharArrayMap<char[]> memory = new CharArrayMap<>(1_024, false);

    /** @param chain builds the word-by-word filters on top of the one-token stream it is given */
    MemoizedTokenFilter(TokenStream input, Function<TokenStream, TokenStream> chain) {
        super(input);
        this.chain = chain.apply(word);
        this.chainTerm = this.chain.getAttribute(CharTermAttribute.class);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        char[] known = memory.get(term.buffer(), 0, term.length());
        if (known == null) {
            known = analyse();
            if (memory.size() >= MAX_WORDS) {
                memory.clear();
            }
            char[] key = new char[term.length()];
            System.arraycopy(term.buffer(), 0, key, 0, key.length);
            memory.put(key, known);
        }
        term.copyBuffer(known, 0, known.length);
        return true;
    }

    private char[] analyse() throws IOException {
        word.set(term.buffer(), term.length());
        chain.reset();
        if (!chain.incrementToken()) {
            throw new IllegalStateException("A word-by-word filter dropped a token: it cannot be memoized");
        }
        char[] result = new char[chainTerm.length()];
        System.arraycopy(chainTerm.buffer(), 0, result, 0, result.length);
        chain.end();
        chain.close();
        return result;
    }

    /** A stream of the one word being analysed. */
    private static final class OneToken extends TokenStream {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private char[] text = new char[0];
        private int length;
        private boolean done;

        void set(char[] buffer, int length) {
            this.text = buffer;
            this.length = length;
        }

        @Override
        public void reset() {
            done = false;
        }

        @Override
        public boolean incrementToken() {
            if (done) {
                return false;
            }
            clearAttributes();
            term.copyBuffer(text, 0, length);
            done = true;
            return true;
        }
    }
}
