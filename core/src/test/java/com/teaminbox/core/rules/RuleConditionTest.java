package com.teaminbox.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.config.xml.SourceLocation;

/**
 * {@link RuleCondition} decides as Lucene does on the mail's index, for the query shapes the rule
 * parser makes rarely or never but a boolean query allows (a minimum of optional clauses, filters,
 * only prohibited clauses, phrases with holes or repeated words), and the engine builds an index
 * only for a mail one of whose candidate rules needs it.
 */
class RuleConditionTest {
    private static final ZonedDateTime MONDAY_10H = ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0, ZoneOffset.UTC);
    private static final SourceLocation HERE = SourceLocation.of("test.xml", 1, "rule");
    private static final List<MailDocument> MAILS = List.of(
        mail("invoice for the broken printer", "please refund the printer printer"),
        mail("refund", "the printer is broken, no invoice"),
        mail("hello", "nothing to see"),
        mail("printer printer broken", "invoice refund printer broken"),
        MailDocument.builder(MONDAY_10H).attachment("printer.pdf").attachment("broken invoice.doc").to("jane@customer.test")
            .to("joe@vendor.test").build());

    @Test
    void booleanQueriesShouldMatchAsInLuceneWhateverTheirClauses() {
        List<Query> queries = List.of(
            bool(1, clause("body", "printer", BooleanClause.Occur.SHOULD), clause("body", "refund", BooleanClause.Occur.SHOULD),
                clause("body", "invoic", BooleanClause.Occur.SHOULD)),
            bool(2, clause("body", "printer", BooleanClause.Occur.SHOULD), clause("body", "refund", BooleanClause.Occur.SHOULD),
                clause("body", "invoic", BooleanClause.Occur.SHOULD)),
            bool(3, clause("body", "printer", BooleanClause.Occur.SHOULD), clause("body", "refund", BooleanClause.Occur.SHOULD)),
            bool(0, clause("body", "printer", BooleanClause.Occur.FILTER), clause("subject", "refund", BooleanClause.Occur.SHOULD)),
            bool(1, clause("body", "printer", BooleanClause.Occur.MUST), clause("subject", "refund", BooleanClause.Occur.SHOULD),
                clause("subject", "hello", BooleanClause.Occur.SHOULD)),
            bool(0, clause("body", "printer", BooleanClause.Occur.MUST_NOT)),
            bool(0, clause("body", "printer", BooleanClause.Occur.MUST_NOT), clause("body", "refund", BooleanClause.Occur.SHOULD)),
            bool(0, new BooleanClause(bool(0, clause("body", "invoic", BooleanClause.Occur.MUST_NOT)), BooleanClause.Occur.MUST),
                clause("body", "printer", BooleanClause.Occur.SHOULD)),
            bool(0),
            new BoostQuery(new ConstantScoreQuery(new TermQuery(new Term("subject", "refund"))), 0f),
            new TermQuery(new Term("body", "neverinanyrule")));

        assertSameDecisions(queries);
    }

    @Test
    void exactPhrasesShouldMatchAsInLuceneWithRepeatedWordsHolesAndSeveralValues() {
        List<Query> queries = List.of(
            phrase("body", new String[] {"printer", "printer"}, new int[] {0, 1}),
            phrase("subject", new String[] {"printer", "printer", "broken"}, new int[] {0, 1, 2}),
            phrase("body", new String[] {"printer", "broken"}, new int[] {0, 2}),
            phrase("body", new String[] {"the", "broken"}, new int[] {0, 3}),
            phrase("body", new String[] {"broken", "printer"}, new int[] {0, 1}),
            phrase("attachment", new String[] {"pdf", "broken"}, new int[] {0, 1}),
            phrase("to", new String[] {"customer.test", "joe@vendor.test"}, new int[] {0, 1}),
            phrase("body", new String[] {"refund"}, new int[] {0}),
            new PhraseQuery.Builder().build());

        assertSameDecisions(queries);
    }

    @Test
    void anIndexShouldBeBuiltOnlyForAMailOneOfWhoseCandidateRulesNeedsIt() {
        Rule words = rule("words", RuleQueries.parse("subject:refund OR body:\"broken printer\"", RuleLanguage.ENGLISH));
        Rule sloppy = rule("sloppy", RuleQueries.parse("body:\"printer broken\"~2", RuleLanguage.ENGLISH));
        try (RuleSet ruleSet = RuleSet.compile(new Rules(RuleLanguage.ENGLISH, Rules.DEFAULT_BODY_PREFIX_CHARS, List.of(words, sloppy)))) {
            TextWords memory = ruleSet.newWords();

            ReducedMail refund = ruleSet.reduce(mail("refund", "nothing to see"), memory);
            assertThat(ruleSet.outcome(refund).applied()).extracting(Rule::name).containsExactly("words");
            assertThat(refund.indexed()).as("the sloppy phrase is no candidate: its words do not occur").isFalse();

            ReducedMail printer = ruleSet.reduce(mail("hello", "the printer is broken"), memory);
            assertThat(ruleSet.outcome(printer).applied()).extracting(Rule::name).containsExactly("sloppy");
            assertThat(printer.indexed()).isTrue();
        }
    }

    private static void assertSameDecisions(List<Query> queries) {
        List<Rule> rules = new ArrayList<>();
        for (Query query : queries) {
            rules.add(rule("rule-" + rules.size(), query));
        }
        try (RuleSet ruleSet = RuleSet.compile(new Rules(RuleLanguage.ENGLISH, Rules.DEFAULT_BODY_PREFIX_CHARS, rules))) {
            TextWords words = ruleSet.newWords();
            int matches = 0;
            for (MailDocument mail : MAILS) {
                ReducedMail reduced = ruleSet.reduce(mail, words);
                RuleOutcome outcome = ruleSet.outcome(reduced);
                assertThat(outcome.toString()).as("rules on '%s' / '%s'", mail.subject(), mail.body())
                    .isEqualTo(ruleSet.evaluateNaively(mail).toString());
                assertThat(reduced.indexed()).isFalse();
                matches += outcome.applied().size();
            }
            assertThat(matches).isPositive();
        }
    }

    private static Rule rule(String name, Query query) {
        return new Rule(name, query.toString(), query, List.of(new RuleAction.AddKeyword("$" + name)), Rule.Mode.ACTIVE, HERE);
    }

    private static BooleanQuery bool(int minimumShouldMatch, BooleanClause... clauses) {
        BooleanQuery.Builder builder = new BooleanQuery.Builder().setMinimumNumberShouldMatch(minimumShouldMatch);
        for (BooleanClause clause : clauses) {
            builder.add(clause);
        }
        return builder.build();
    }

    private static BooleanClause clause(String field, String term, BooleanClause.Occur occur) {
        return new BooleanClause(new TermQuery(new Term(field, term)), occur);
    }

    private static PhraseQuery phrase(String field, String[] terms, int[] positions) {
        PhraseQuery.Builder builder = new PhraseQuery.Builder();
        for (int index = 0; index < terms.length; index++) {
            builder.add(new Term(field, terms[index]), positions[index]);
        }
        return builder.build();
    }

    private static MailDocument mail(String subject, String body) {
        return MailDocument.builder(MONDAY_10H).subject(subject).body(body).build();
    }
}
