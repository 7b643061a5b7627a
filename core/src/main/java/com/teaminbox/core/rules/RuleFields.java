package com.teaminbox.core.rules;

import java.util.Locale;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.util.CharTokenizer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;

/**
 * The fields a rule can ask about, and how each is analysed.
 * <ul>
 *   <li>{@code subject}, {@code body}, {@code attachment}: free text in the mailbox's language;</li>
 *   <li>{@code from}, {@code to}, {@code cc}, {@code header.<name>}: addresses and header values,
 *       whole addresses kept as one token ({@code from:jane@customer.test}), each address's domain
 *       too ({@code from:customer.test}), display names word by word, lower case;</li>
 *   <li>{@code size} (bytes), {@code hour} (0–23) : numbers, with ranges ({@code size:[1000000 TO *]});</li>
 *   <li>{@code day}: {@code monday} … {@code sunday};</li>
 *   <li>{@code business-hours}: {@code open} or {@code closed}, by the mailbox's business hours
 *       (absent when it has none).</li>
 * </ul>
 */
public final class RuleFields {
    public static final String FROM = "from";
    public static final String TO = "to";
    public static final String CC = "cc";
    public static final String SUBJECT = "subject";
    public static final String BODY = "body";
    public static final String ATTACHMENT = "attachment";
    public static final String HEADER_PREFIX = "header.";
    public static final String SIZE = "size";
    public static final String HOUR = "hour";
    public static final String DAY = "day";
    public static final String BUSINESS_HOURS = "business-hours";

    private static final String ADDRESS_SEPARATORS = "<>,;\"()[]";

    static final Set<String> TEXT_FIELDS = Set.of(SUBJECT, BODY, ATTACHMENT);
    static final Set<String> ADDRESS_FIELDS = Set.of(FROM, TO, CC);
    static final Set<String> NUMERIC_FIELDS = Set.of(SIZE, HOUR);
    static final Set<String> KEYWORD_FIELDS = Set.of(DAY, BUSINESS_HOURS);

    private RuleFields() {
    }

    /** True for every field name a query may use. */
    public static boolean isKnown(String field) {
        return TEXT_FIELDS.contains(field) || ADDRESS_FIELDS.contains(field) || NUMERIC_FIELDS.contains(field)
            || KEYWORD_FIELDS.contains(field) || (field.startsWith(HEADER_PREFIX) && field.length() > HEADER_PREFIX.length());
    }

    public static String header(String name) {
        return HEADER_PREFIX + name.toLowerCase(Locale.ROOT);
    }

    /** One analyzer for every field, as both documents and queries see them. */
    public static Analyzer analyzer(RuleLanguage language) {
        Analyzer text = language.textAnalyzer();
        Analyzer addresses = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                // Whole addresses stay one token; UAX29URLEmailTokenizer would split those whose
                // top-level domain it does not know (.test, .internal, a new gTLD).
                Tokenizer tokenizer = CharTokenizer.fromSeparatorCharPredicate(
                    character -> Character.isWhitespace(character) || ADDRESS_SEPARATORS.indexOf(character) >= 0);
                return new TokenStreamComponents(tokenizer, new ASCIIFoldingFilter(new LowerCaseFilter(tokenizer)));
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new ASCIIFoldingFilter(new LowerCaseFilter(in));
            }
        };
        Analyzer keywords = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new KeywordTokenizer();
                return new TokenStreamComponents(tokenizer, new LowerCaseFilter(tokenizer));
            }
        };
        return new DelegatingAnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
            @Override
            protected Analyzer getWrappedAnalyzer(String fieldName) {
                if (TEXT_FIELDS.contains(fieldName)) {
                    return text;
                }
                if (KEYWORD_FIELDS.contains(fieldName)) {
                    return keywords;
                }
                return addresses;
            }
        };
    }
}
