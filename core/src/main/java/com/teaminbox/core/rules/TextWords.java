package com.teaminbox.core.rules;

import java.io.IOException;
import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;

import org.apache.lucene.analysis.CharArrayMap;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;

/**
 * What {@link ReducedMail} remembers of free-text words between mails, for one rule set: per field
 * and per word as written, its analysed form and the rules it can make match (none when the rules
 * do not name it). One look-up per word of a mail, where the analyzer and the vocabulary would
 * take two. Bounded like {@link MemoizedTokenFilter}: words of at most
 * {@link MemoizedTokenFilter#MAX_WORD_CHARS} characters, all forgotten at
 * {@link MemoizedTokenFilter#MAX_CHARS}. Used by one thread at a time (borrowed from the rule set).
 */
final class TextWords {
    /** A word's analysed form and the rules it can make match, or null when no rule names it. */
    record Fate(char[] term, int[] rules) {
    }

    private final Tokenizer tokenizer;
    private final WordChain chain;
    private final Map<String, CharArrayMap<Fate>> byField = new HashMap<>();
    private int rememberedChars;

    TextWords(RuleLanguage language) {
        this.tokenizer = language.textTokenizer();
        this.chain = language.wordChain();
    }

    /** The raw words of a value, before analysis; the stream must be closed before the next value. */
    TokenStream tokenize(String value) {
        tokenizer.setReader(new StringReader(value));
        return tokenizer;
    }

    /** The fate of the word in {@code buffer[0, length)} in this field. */
    Fate fate(String field, char[] buffer, int length, RuleVocabulary vocabulary) throws IOException {
        if (length > MemoizedTokenFilter.MAX_WORD_CHARS) {
            return decide(field, buffer, length, vocabulary);
        }
        CharArrayMap<Fate> memory = byField.computeIfAbsent(field, any -> new CharArrayMap<>(1_024, false));
        Fate known = memory.get(buffer, 0, length);
        if (known == null) {
            known = decide(field, buffer, length, vocabulary);
            if (rememberedChars >= MemoizedTokenFilter.MAX_CHARS) {
                byField.values().forEach(CharArrayMap::clear);
                rememberedChars = 0;
            }
            char[] word = new char[length];
            System.arraycopy(buffer, 0, word, 0, length);
            memory.put(word, known);
            rememberedChars += length + known.term().length + MemoizedTokenFilter.ENTRY_OVERHEAD_CHARS;
        }
        return known;
    }

    private Fate decide(String field, char[] buffer, int length, RuleVocabulary vocabulary) throws IOException {
        char[] term = chain.analyse(buffer, length);
        int[] rules = vocabulary.terms(field).map(terms -> terms.get(term, 0, term.length)).orElse(null);
        return new Fate(term, rules);
    }
}
