package com.teaminbox.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.teaminbox.core.mailbox.FolderName;
import com.teaminbox.core.config.xml.SourceLocation;

class RuleSetTest {
    private static final ZonedDateTime MONDAY_10H = ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0, ZoneOffset.UTC);
    private static final SourceLocation HERE = SourceLocation.of("test.xml", 1, "rule");

    private static Rule rule(String name, String when, RuleLanguage language, RuleAction... actions) {
        return new Rule(name, when, RuleQueries.parse(when, language), List.of(actions), Rule.Mode.ACTIVE, HERE);
    }

    private static RuleOutcome evaluate(RuleLanguage language, MailDocument mail, Rule... rules) {
        try (RuleSet set = RuleSet.compile(new Rules(language, Rules.DEFAULT_BODY_PREFIX_CHARS, List.of(rules)))) {
            RuleOutcome outcome = set.evaluate(mail);
            assertThat(set.evaluateNaively(mail).toString()).as("monitor and naive loop agree").isEqualTo(outcome.toString());
            return outcome;
        }
    }

    private static MailDocument subject(String subject) {
        return MailDocument.builder(MONDAY_10H).from("Jane Doe <jane@customer.test>").subject(subject).body("").build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"urgent", "URGENT", "Urgent!", "urgente", "urgentes", "Urgént", "c'est urgent"})
    void frenchAnalysisShouldFoldCaseAccentsAndInflection(String subject) {
        Rule urgent = rule("urgent", "subject:urgent", RuleLanguage.FRENCH, new RuleAction.AddKeyword("$Urgent"));

        assertThat(evaluate(RuleLanguage.FRENCH, subject(subject), urgent).keywords()).containsExactly("$Urgent");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Invoice 42", "INVOICES attached", "your invoiced amount"})
    void englishAnalysisShouldStem(String subject) {
        Rule billing = rule("billing", "subject:invoice", RuleLanguage.ENGLISH, new RuleAction.AddKeyword("$Billing"));

        assertThat(evaluate(RuleLanguage.ENGLISH, subject(subject), billing).keywords()).containsExactly("$Billing");
    }

    /**
     * A plain word is looked up only when its first letter, lower-cased, starts some term of its field
     * (RuleVocabulary#firstCharacters): capitals, digits, stems that change a word's end, in both languages.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Invoices", "INVOICE", "2026", "Zzz", "Ying", "Yearly", "Ies", "Sses", "Xrays", "FFaires", "U"})
    void wordsShouldMatchWhateverTheCaseOfTheirFirstLetter(String word) {
        for (RuleLanguage language : RuleLanguage.values()) {
            String term = word.toLowerCase(java.util.Locale.ROOT);
            Rule rule = rule("first", "body:" + term, language, new RuleAction.AddKeyword("$First"));
            MailDocument mail = MailDocument.builder(MONDAY_10H).subject("x").body("please see " + word + " today").build();

            assertThat(evaluate(language, mail, rule).keywords()).as("%s in %s", word, language).containsExactly("$First");
            assertThat(evaluate(language, MailDocument.builder(MONDAY_10H).subject("x").body("please see Other today").build(), rule)
                .keywords()).as("%s in %s", word, language).isEmpty();
        }
    }

    /**
     * A plain word of the body read from its bytes is looked up only when its first two characters, lower-cased,
     * start some term of the field (RuleVocabulary#firstPairs), or are one character twice: stems of one
     * character, stems that drop a repeated first letter (French), stems of two characters whose y Porter makes an i
     * ({@code eyed} → {@code ei}), capitals and digits, in both languages;
     * among terms starting with the same letter but another second one.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Invoices", "INVOICE", "2026", "Zzz", "Ying", "Yearly", "Ies", "Sses", "Xrays", "FFaires", "U", "Aed",
        "Aing", "Ating", "Ebbed", "Is", "Oof", "Llamas", "Eeeee", "Abeer", "Folle", "Ties", "Aux", "Ii", "Eyed", "Eying", "Ays",
        "Oys", "Oying", "Uys"})
    void bodyWordsReadFromBytesShouldMatchWhateverTheirStem(String word) throws Exception {
        for (RuleLanguage language : RuleLanguage.values()) {
            String term = word.toLowerCase(java.util.Locale.ROOT);
            Rule rule = rule("first", "body:" + term + " OR body:" + term.charAt(0) + "qqq OR body:\"" + term.charAt(0) + "xyz words\"",
                language, new RuleAction.AddKeyword("$First"));
            try (RuleSet set = RuleSet.compile(new Rules(language, Rules.DEFAULT_BODY_PREFIX_CHARS, List.of(rule)))) {
                assertThat(set.evaluate(plainText("please see " + word + " today"), 100, MONDAY_10H, Optional.empty()).keywords())
                    .as("%s in %s", word, language).containsExactly("$First");
                assertThat(set.evaluate(plainText("please see " + term.charAt(0) + "rther today"), 100, MONDAY_10H,
                    Optional.empty()).keywords()).as("%s in %s", word, language).isEmpty();
            }
        }
    }

    private static MimeMessage plainText(String body) throws MessagingException {
        byte[] raw = ("Subject: x\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body + "\r\n")
            .getBytes(StandardCharsets.UTF_8);
        return new MimeMessage(null, new ByteArrayInputStream(raw));
    }

    @Test
    void addressesShouldMatchWhole() {
        Rule vip = rule("vip", "from:jane@customer.test", RuleLanguage.ENGLISH, new RuleAction.SetFlag(RuleAction.SetFlag.Flag.FLAGGED));

        assertThat(evaluate(RuleLanguage.ENGLISH, subject("x"), vip).flagged()).isTrue();
        assertThat(evaluate(RuleLanguage.ENGLISH,
            MailDocument.builder(MONDAY_10H).from("joe@customer.test").build(), vip).flagged()).isFalse();
        Rule customers = rule("customers", "from:customer.test", RuleLanguage.ENGLISH, new RuleAction.AddKeyword("$Customer"));
        assertThat(evaluate(RuleLanguage.ENGLISH,
            MailDocument.builder(MONDAY_10H).from("Joe <joe@customer.test>").build(), customers).keywords()).containsExactly("$Customer");
    }

    @Test
    void wordsWithoutFieldShouldSearchSubjectAndBody() {
        Rule asap = rule("asap", "asap", RuleLanguage.ENGLISH, new RuleAction.AddKeyword("$Urgent"));

        assertThat(evaluate(RuleLanguage.ENGLISH, MailDocument.builder(MONDAY_10H).subject("hello").body("please reply asap").build(), asap)
            .keywords()).containsExactly("$Urgent");
    }

    @Test
    void headersSizeDayAndHourShouldBeQueryable() {
        MailDocument mail = MailDocument.builder(MONDAY_10H).subject("x").header("X-Spam-Flag", "YES").size(2_000_000).build();

        assertThat(evaluate(RuleLanguage.ENGLISH, mail, rule("spam", "header.x-spam-flag:yes", RuleLanguage.ENGLISH, new RuleAction.Junk())).folder())
            .contains(FolderName.JUNK);
        assertThat(evaluate(RuleLanguage.ENGLISH, mail, rule("big", "size:[1000000 TO *]", RuleLanguage.ENGLISH, new RuleAction.AddKeyword("$Big"))).keywords())
            .containsExactly("$Big");
        assertThat(evaluate(RuleLanguage.ENGLISH, mail, rule("monday", "day:monday AND hour:[9 TO 11]", RuleLanguage.ENGLISH,
            new RuleAction.AddKeyword("$Monday"))).keywords()).containsExactly("$Monday");
        assertThat(evaluate(RuleLanguage.ENGLISH, mail, rule("night", "hour:[22 TO 23]", RuleLanguage.ENGLISH,
            new RuleAction.AddKeyword("$Night"))).keywords()).isEmpty();
    }

    @Test
    void businessHoursShouldBeQueryableWhenTheMailboxHasThem() {
        Rule afterHours = rule("after-hours", "business-hours:closed", RuleLanguage.ENGLISH, new RuleAction.AddKeyword("$AfterHours"));

        assertThat(evaluate(RuleLanguage.ENGLISH, MailDocument.builder(MONDAY_10H).inBusinessHours(false).build(), afterHours).keywords())
            .containsExactly("$AfterHours");
        assertThat(evaluate(RuleLanguage.ENGLISH, MailDocument.builder(MONDAY_10H).inBusinessHours(true).build(), afterHours).keywords())
            .isEmpty();
        assertThat(evaluate(RuleLanguage.ENGLISH, MailDocument.builder(MONDAY_10H).build(), afterHours).keywords())
            .as("no business hours configured: the field is absent").isEmpty();
    }

    @Test
    void stopShouldEndProcessingAndAuditShouldOnlyRecord() throws Exception {
        Rule audited = new Rule("watch", "subject:printer", RuleQueries.parse("subject:printer", RuleLanguage.ENGLISH),
            List.of(new RuleAction.SetFlag(RuleAction.SetFlag.Flag.SEEN)), Rule.Mode.AUDIT, HERE);
        Rule first = rule("first", "subject:printer", RuleLanguage.ENGLISH, new RuleAction.FileInto(FolderName.of("Billing")),
            new RuleAction.Assign(new MailAddress("alice@example.test"), false), new RuleAction.Stop());
        Rule never = rule("never", "subject:printer", RuleLanguage.ENGLISH, new RuleAction.AddKeyword("$Never"));

        RuleOutcome outcome = evaluate(RuleLanguage.ENGLISH, subject("Printer broken"), audited, first, never);

        assertThat(outcome.applied()).extracting(Rule::name).containsExactly("first");
        assertThat(outcome.audited()).extracting(Rule::name).containsExactly("watch");
        assertThat(outcome.seen()).isFalse();
        assertThat(outcome.folder()).contains(FolderName.of("Billing"));
        assertThat(outcome.keywords()).containsExactly("$Assigned-alice");
    }

    @Test
    void junkShouldWinOverAnyOtherFolder() {
        RuleOutcome outcome = evaluate(RuleLanguage.ENGLISH, subject("casino invoice"),
            rule("billing", "subject:invoice", RuleLanguage.ENGLISH, new RuleAction.FileInto(FolderName.of("Billing"))),
            rule("spam", "subject:casino", RuleLanguage.ENGLISH, new RuleAction.Junk()));

        assertThat(outcome.folder()).contains(FolderName.JUNK);
    }
}
