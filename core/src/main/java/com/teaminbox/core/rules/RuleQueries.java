package com.teaminbox.core.rules;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.WildcardQuery;

/**
 * Parses a rule's condition, written in Lucene's classic query syntax
 * ({@code subject:(invoice OR facture) AND NOT from:billing@vendor.test}). Words without a field
 * search the subject and the body. Unknown fields and malformed numbers are refused, with the
 * position, so that a typo never becomes a rule that silently matches nothing.
 */
public final class RuleQueries {
    /** Field searched by words written without one; also see {@link #DEFAULT_FIELD_EXPANSION}. */
    static final String DEFAULT_FIELD = "_text";
    static final String DEFAULT_FIELD_EXPANSION = RuleFields.SUBJECT + " and " + RuleFields.BODY;

    private RuleQueries() {
    }

    /** @throws IllegalArgumentException naming the query and the position of the mistake */
    public static Query parse(String text, RuleLanguage language) {
        try {
            return new Parser(RuleFields.analyzer(language)).parse(text);
        } catch (ParseException | RuntimeException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new IllegalArgumentException("query '" + text + "' is invalid: " + message, e);
        }
    }

    private static final class Parser extends QueryParser {
        Parser(Analyzer analyzer) {
            super(DEFAULT_FIELD, analyzer);
            setAllowLeadingWildcard(false);
            setSplitOnWhitespace(true);
        }

        @Override
        protected Query getFieldQuery(String field, String queryText, boolean quoted) throws ParseException {
            if (field.equals(DEFAULT_FIELD)) {
                return or(super.getFieldQuery(RuleFields.SUBJECT, queryText, quoted),
                    super.getFieldQuery(RuleFields.BODY, queryText, quoted));
            }
            check(field);
            if (RuleFields.NUMERIC_FIELDS.contains(field)) {
                long value = number(field, queryText);
                return field.equals(RuleFields.SIZE) ? LongPoint.newExactQuery(field, value) : IntPoint.newExactQuery(field, (int) value);
            }
            return super.getFieldQuery(field, queryText, quoted);
        }

        @Override
        protected Query getRangeQuery(String field, String part1, String part2, boolean startInclusive, boolean endInclusive)
            throws ParseException {
            check(field);
            if (RuleFields.NUMERIC_FIELDS.contains(field)) {
                long low = part1 == null || part1.equals("*") ? Long.MIN_VALUE : number(field, part1) + (startInclusive ? 0 : 1);
                long high = part2 == null || part2.equals("*") ? Long.MAX_VALUE : number(field, part2) - (endInclusive ? 0 : 1);
                if (field.equals(RuleFields.SIZE)) {
                    return LongPoint.newRangeQuery(field, low, high);
                }
                return IntPoint.newRangeQuery(field, (int) Math.max(Integer.MIN_VALUE, low), (int) Math.min(Integer.MAX_VALUE, high));
            }
            return super.getRangeQuery(field, part1, part2, startInclusive, endInclusive);
        }

        @Override
        protected Query getWildcardQuery(String field, String termStr) throws ParseException {
            if (field.equals(DEFAULT_FIELD)) {
                return or(super.getWildcardQuery(RuleFields.SUBJECT, termStr), super.getWildcardQuery(RuleFields.BODY, termStr));
            }
            check(field);
            if (termStr.equals("*")) {
                // field:* means "has this field" (a header is present), the one leading wildcard we allow.
                return new WildcardQuery(new Term(field, "*"));
            }
            return super.getWildcardQuery(field, termStr);
        }

        @Override
        protected Query getPrefixQuery(String field, String termStr) throws ParseException {
            if (field.equals(DEFAULT_FIELD)) {
                return or(super.getPrefixQuery(RuleFields.SUBJECT, termStr), super.getPrefixQuery(RuleFields.BODY, termStr));
            }
            check(field);
            return super.getPrefixQuery(field, termStr);
        }

        @Override
        protected Query getFuzzyQuery(String field, String termStr, float minSimilarity) throws ParseException {
            check(field);
            return super.getFuzzyQuery(field, termStr, minSimilarity);
        }

        private Query or(Query subject, Query body) {
            if (subject == null) {
                return body;
            }
            if (body == null) {
                return subject;
            }
            return new BooleanQuery.Builder()
                .add(subject, BooleanClause.Occur.SHOULD)
                .add(body, BooleanClause.Occur.SHOULD)
                .build();
        }

        private static void check(String field) throws ParseException {
            if (!RuleFields.isKnown(field)) {
                throw new ParseException("unknown field '" + field + "'; known: from, to, cc, subject, body, attachment, "
                    + "header.<name>, size, hour, day, business-hours");
            }
        }

        private static long number(String field, String text) throws ParseException {
            try {
                return Long.parseLong(text.strip());
            } catch (NumberFormatException e) {
                throw new ParseException("field '" + field + "' takes a whole number, not '" + text + "'");
            }
        }
    }
}
