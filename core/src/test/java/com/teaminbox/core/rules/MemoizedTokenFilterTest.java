package com.teaminbox.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

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
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MemoizedTokenFilterTest {
    private static final String TEXT = "Invoices, invoices and INVOICES: the customer's invoice is urgent! Urgént, urgente, "
        + "l'urgence d'une facture impayée, Œuvre, naïve café. jane@customer.test called 555-0100 at 10:30; "
        + "mañana, straße, ﬁle, ＡＢＣ, 東京 and العربية too. Running runs ran; the printers' printer's print.";

    @ParameterizedTest
    @EnumSource(RuleLanguage.class)
    void shouldGiveWhatTheFiltersGiveWordByWord(RuleLanguage language) throws IOException {
        Analyzer memoized = language.textAnalyzer();
        Analyzer plain = unmemoized(language);

        // Twice over the same analyzer: the second pass is served from the memory.
        for (int pass = 0; pass < 2; pass++) {
            assertThat(tokens(memoized, TEXT + " " + TEXT)).isEqualTo(tokens(plain, TEXT + " " + TEXT));
        }
    }

    @ParameterizedTest
    @EnumSource(RuleLanguage.class)
    void shouldForgetWhenFullAndStayCorrect(RuleLanguage language) throws IOException {
        StringBuilder manyWords = new StringBuilder();
        for (int word = 0; word < MemoizedTokenFilter.MAX_WORDS + 500; word++) {
            manyWords.append("mot").append(Integer.toString(word, 36)).append("s ");
        }
        manyWords.append(TEXT);

        assertThat(tokens(language.textAnalyzer(), manyWords.toString()))
            .isEqualTo(tokens(unmemoized(language), manyWords.toString()));
    }

    /** The chain as it was before the memory: every filter on every token. */
    private static Analyzer unmemoized(RuleLanguage language) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new StandardTokenizer();
                TokenStream stream = tokenizer;
                if (language == RuleLanguage.FRENCH) {
                    stream = new ElisionFilter(stream, FrenchAnalyzer.DEFAULT_ARTICLES);
                }
                stream = new ASCIIFoldingFilter(new LowerCaseFilter(stream));
                stream = language == RuleLanguage.FRENCH ? new FrenchLightStemFilter(stream)
                    : new PorterStemFilter(new EnglishPossessiveFilter(stream));
                return new TokenStreamComponents(tokenizer, stream);
            }
        };
    }

    private static List<String> tokens(Analyzer analyzer, String text) throws IOException {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(RuleFields.BODY, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term + "@" + offset.startOffset() + "-" + offset.endOffset() + "+" + increment.getPositionIncrement());
            }
            stream.end();
        }
        assertThat(tokens).isNotEmpty();
        return tokens;
    }
}
