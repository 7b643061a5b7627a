package com.teaminbox.core.rules;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.util.ElisionFilter;

/**
 * The language a shared mailbox's rules analyse text in. Both fold case and accents (so
 * {@code URGENT}, {@code Urgent} and {@code urgént} are one word) and stem: English with Porter
 * ({@code invoices} → {@code invoic}), French with Lucene's light stemmer and elision
 * ({@code l'urgente} → {@code urgent}). No stop words: a rule author's every word counts.
 */
public enum RuleLanguage {
    ENGLISH("en"),
    FRENCH("fr");

    private final String code;

    RuleLanguage(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<RuleLanguage> fromCode(String code) {
        return Arrays.stream(values()).filter(language -> language.code.equals(code)).findFirst();
    }

    public static String acceptedCodes() {
        return Arrays.stream(values()).map(RuleLanguage::code).collect(Collectors.joining(", "));
    }

    /** Folding, elision and stemming: each word on its own, so {@link MemoizedTokenFilter} may remember them. */
    private TokenStream wordFilters(TokenStream words) {
        TokenStream stream = words;
        if (this == FRENCH) {
            stream = new ElisionFilter(stream, FrenchAnalyzer.DEFAULT_ARTICLES);
        }
        stream = new LowerCaseFilter(stream);
        stream = new ASCIIFoldingFilter(stream);
        if (this == FRENCH) {
            return new FrenchLightStemFilter(stream);
        }
        return new PorterStemFilter(new EnglishPossessiveFilter(stream));
    }

    /** How free text is cut into words, before {@link #wordChain()}: Unicode word boundaries (UAX #29). */
    Tokenizer textTokenizer() {
        return new StandardTokenizer();
    }

    /** The word-by-word filters of free text, one word at a time. */
    WordChain wordChain() {
        return new WordChain(this::wordFilters);
    }

    /** The analyzer for free text (subject, body, attachment names): {@link #textTokenizer()}, then {@link #wordChain()} per word. */
    public Analyzer textAnalyzer() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = textTokenizer();
                return new TokenStreamComponents(tokenizer, new MemoizedTokenFilter(tokenizer, RuleLanguage.this::wordFilters));
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new ASCIIFoldingFilter(new LowerCaseFilter(in));
            }
        };
    }
}
