package com.teaminbox.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenFilter;
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
import org.junit.jupiter.api.Test;
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
        for (int word = 0; word < 40_000; word++) {
            manyWords.append("mot").append(Integer.toString(word, 36)).append("s ");
        }
        manyWords.append(TEXT);

        assertThat(tokens(language.textAnalyzer(), manyWords.toString()))
            .isEqualTo(tokens(unmemoized(language), manyWords.toString()));
    }

    @Test
    void theChainShouldRunOncePerDistinctWord() throws IOException {
        AtomicInteger analysed = new AtomicInteger();
        MemoizedTokenFilter filter = memoized("Invoice invoice Invoice invoices invoice INVOICE", analysed);

        assertThat(drain(filter)).containsExactly("invoic", "invoic", "invoic", "invoic", "invoic", "invoic");
        assertThat(analysed).as("Invoice, invoice, invoices, INVOICE").hasValue(4);
    }

    @Test
    void longWordsShouldBeAnalysedButNotRemembered() throws IOException {
        String longWord = "supercalifragilisticexpialidocious-and-more".replace("-", "");
        MemoizedTokenFilter filter = memoized(longWord + " " + longWord, new AtomicInteger());

        assertThat(drain(filter)).hasSize(2);
        assertThat(filter.rememberedChars()).isZero();
    }

    @Test
    void theMemoryShouldStayWithinItsBound() throws IOException {
        StringBuilder manyWords = new StringBuilder();
        for (int word = 0; word < 60_000; word++) {
            manyWords.append("w").append(Integer.toString(word, 36)).append("x ");
        }
        MemoizedTokenFilter filter = memoized(manyWords.toString(), new AtomicInteger());
        int most = 0;
        filter.reset();
        while (filter.incrementToken()) {
            most = Math.max(most, filter.rememberedChars());
        }
        filter.end();
        filter.close();

        assertThat(most).isGreaterThan(MemoizedTokenFilter.MAX_CHARS / 2).isLessThanOrEqualTo(MemoizedTokenFilter.MAX_CHARS + 2 * MemoizedTokenFilter.MAX_WORD_CHARS + MemoizedTokenFilter.ENTRY_OVERHEAD_CHARS);
    }

    @Test
    void aFilterThatMakesTwoTokensOfOneShouldBeRefused() throws IOException {
        Tokenizer tokenizer = new StandardTokenizer();
        tokenizer.setReader(new StringReader("café"));
        MemoizedTokenFilter filter = new MemoizedTokenFilter(tokenizer, words -> new ASCIIFoldingFilter(words, true));
        filter.reset();

        assertThatThrownBy(filter::incrementToken).isInstanceOf(IllegalStateException.class).hasMessageContaining("two tokens");
    }

    private static MemoizedTokenFilter memoized(String text, AtomicInteger analysed) {
        Tokenizer tokenizer = new StandardTokenizer();
        tokenizer.setReader(new StringReader(text));
        return new MemoizedTokenFilter(tokenizer, words -> new PorterStemFilter(new LowerCaseFilter(new TokenFilter(words) {
            @Override
            public boolean incrementToken() throws IOException {
                boolean more = input.incrementToken();
                if (more) {
                    analysed.incrementAndGet();
                }
                return more;
            }
        })));
    }

    private static List<String> drain(MemoizedTokenFilter filter) throws IOException {
        CharTermAttribute term = filter.getAttribute(CharTermAttribute.class);
        List<String> terms = new ArrayList<>();
        filter.reset();
        while (filter.incrementToken()) {
            terms.add(term.toString());
        }
        filter.end();
        filter.close();
        return terms;
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
