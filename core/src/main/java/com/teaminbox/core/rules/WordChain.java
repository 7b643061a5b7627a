package com.teaminbox.core.rules;

import java.io.IOException;
import java.util.function.Function;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * A chain of word-by-word filters (case and accent folding, elision, stemming) applied to one word
 * at a time, outside any token stream: what {@link MemoizedTokenFilter} and {@link ReducedMail}
 * remember per distinct word. Refuses a chain that drops a word or makes two of one. Not thread-safe.
 */
final class WordChain {
    private final OneToken word = new OneToken();
    private final TokenStream chain;
    private final CharTermAttribute chainTerm;

    /** @param filters builds the word-by-word filters on top of the one-token stream it is given */
    WordChain(Function<TokenStream, TokenStream> filters) {
        this.chain = filters.apply(word);
        this.chainTerm = chain.getAttribute(CharTermAttribute.class);
    }

    /** The analysed form of the first {@code length} characters of {@code buffer}. */
    char[] analyse(char[] buffer, int length) throws IOException {
        return analyse(buffer, 0, length);
    }

    /** The analysed form of {@code buffer[offset, offset + length)}. */
    char[] analyse(char[] buffer, int offset, int length) throws IOException {
        word.set(buffer, offset, length);
        chain.reset();
        try {
            if (!chain.incrementToken()) {
                throw new IllegalStateException("A word-by-word filter dropped a token: it cannot be memoized");
            }
            char[] result = new char[chainTerm.length()];
            System.arraycopy(chainTerm.buffer(), 0, result, 0, result.length);
            if (chain.incrementToken()) {
                throw new IllegalStateException("A word-by-word filter made two tokens of one: it cannot be memoized");
            }
            chain.end();
            return result;
        } finally {
            chain.close();
        }
    }

    /** A stream of the one word being analysed. */
    private static final class OneToken extends TokenStream {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private char[] text = new char[0];
        private int offset;
        private int length;
        private boolean done;

        void set(char[] buffer, int offset, int length) {
            this.text = buffer;
            this.offset = offset;
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
            term.copyBuffer(text, offset, length);
            done = true;
            return true;
        }
    }
}
