package com.teaminbox.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The two-character filter of body words ({@link RuleVocabulary#firstPairs}) rests on a claim about the
 * stemmers: a word's analysis keeps its first two characters, but for the exceptions the filter lets
 * through. Checked here on every word of two to four letters, in each language: whatever term a word
 * analyses to, the word's own first pair passes the filter built from that term.
 */
class RuleVocabularyPairsTest {

    @ParameterizedTest
    @EnumSource(RuleLanguage.class)
    void everyShortWordShouldPassThePairsOfItsOwnAnalysis(RuleLanguage language) throws IOException {
        List<String> missed = new ArrayList<>();
        try (Analyzer analyzer = language.textAnalyzer()) {
            char[] word = new char[4];
            for (int length = 2; length <= 4; length++) {
                int count = (int) Math.pow(26, length);
                for (int n = 0; n < count; n++) {
                    int rest = n;
                    for (int i = length - 1; i >= 0; i--) {
                        word[i] = (char) ('a' + rest % 26);
                        rest /= 26;
                    }
                    String text = new String(word, 0, length);
                    for (String term : analyse(analyzer, text)) {
                        if (!passes(text, term)) {
                            missed.add(text + " -> " + term);
                        }
                    }
                }
            }
        }
        assertThat(missed).as("words the filter would skip although their analysis is a term").isEmpty();
    }

    /** As the byte scanner decides: a first pair of one letter twice is always looked up. */
    private static boolean passes(String word, String term) {
        if (term.isEmpty() || term.charAt(0) >= 128) {
            return true;
        }
        long[] pairs = new long[RuleVocabulary.PAIRS];
        RuleVocabulary.addPair(pairs, term);
        return word.charAt(0) == word.charAt(1) || RuleVocabulary.startsWithPair(pairs, word.charAt(0), word.charAt(1));
    }

    private static List<String> analyse(Analyzer analyzer, String text) throws IOException {
        List<String> terms = new ArrayList<>(1);
        try (TokenStream stream = analyzer.tokenStream("body", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        }
        return terms;
    }
}
