package com.teaminbox.core.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TicketSubjectsTest {
    private static final TicketPrefix SUP = TicketPrefix.of("SUP");

    private static Optional<TicketId> findTicket(String subject, TicketPrefix prefix) {
        return TicketTagFormat.DEFAULT.findAll(subject, prefix).stream().findFirst();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[SUP-1] Printer broken|1",
        "Re: [SUP-42] Printer broken|42",
        "RE: AW: [sup-7] lower case typed by hand|7",
        "[RT #55] [SUP-3] other system first|3",
        "[SUP-9][SUP-10] two tags: the first wins|9",
    })
    void ownTagShouldBeFound(String subject, long number) {
        assertThat(findTicket(subject, SUP)).contains(TicketId.of(SUP, number));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Printer broken",
        "[SAL-4] another mailbox's ticket",
        "[SUP-] no number",
        "[SUP-0] zero is never issued",
        "SUP-12 without brackets",
        "[SUP-1234567890123456789] longer than any number we issue",
        "[SUPPORT-1] longer prefix",
    })
    void subjectsWithoutOwnTagShouldGiveNothing(String subject) {
        assertThat(findTicket(subject, SUP)).isEmpty();
    }

    @Test
    void missingSubjectShouldGiveNothing() {
        assertThat(findTicket(null, SUP)).isEmpty();
    }

    @Test
    void tagShouldBePutBeforeTheSubject() {
        assertThat(TicketSubjects.withTag("Printer broken", TicketTagFormat.DEFAULT.tag(TicketId.of(SUP, 1)))).isEqualTo("[SUP-1] Printer broken");
    }

    @Test
    void emptySubjectShouldBecomeTheTagAlone() {
        assertThat(TicketSubjects.withTag("  ", TicketTagFormat.DEFAULT.tag(TicketId.of(SUP, 2)))).isEqualTo("[SUP-2]");
        assertThat(TicketSubjects.withTag(null, TicketTagFormat.DEFAULT.tag(TicketId.of(SUP, 2)))).isEqualTo("[SUP-2]");
    }

    @Test
    void decodedLineBreaksShouldNeverReachTheHeader() {
        // =?UTF-8?Q?hi=0D=0ABcc:_x@evil?= decodes to a CR LF that must not start a new header
        assertThat(TicketSubjects.withTag("hi\r\nBcc: x@evil", TicketTagFormat.DEFAULT.tag(TicketId.of(SUP, 3))))
            .isEqualTo("[SUP-3] hi Bcc: x@evil")
            .doesNotContain("\r", "\n");
    }

    @Test
    void unicodeLineSeparatorsShouldAlsoBeFlattened() {
        assertThat(TicketSubjects.singleLine("a\u2028b\u0085c\td")).isEqualTo("a b c d");
    }

    /** The usual subject is returned without the expressions: these sit on both sides of that shortcut. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "Printer broken|Printer broken",
        "\" Printer broken \"|Printer broken",
        "Printer  broken|Printer broken",
        "Printer \t broken|Printer broken",
        "\"a \"|a",
        "\"  \"|\"\"",
        "\u3000Printer\u00A0|Printer\u00A0",
        "Printer\u007Fbroken|Printer broken",
        "Printer\u0080broken|Printer\u0080broken",
        "Imprimante cass\u00E9e \u2014 \u00E9tage 2|Imprimante cass\u00E9e \u2014 \u00E9tage 2",
    })
    void singleLineShouldFlattenOnlyWhatCanBreakAHeader(String text, String expected) {
        assertThat(TicketSubjects.singleLine(text)).isEqualTo(expected);
    }

    /** The loop that replaced the two expressions gives what they gave, on text made of what they look at. */
    @Test
    void singleLineShouldFlattenAsTheExpressionsDid() {
        String[] alphabet = {"a", "B", " ", " ", "\t", "\r", "\n", "\u0000", "\u001F", "\u007F", "\u0080", "\u0085", "\u00A0",
            "\u2028", "\u2029", "\u3000", "[", ":", "\u00E9"};
        Random random = new Random(18);
        for (int run = 0; run < 20_000; run++) {
            String text = RandomTexts.of(random, alphabet, 12);
            String expected = text.replaceAll("[\\p{Cntrl}\\u2028\\u2029\\u0085]", " ").replaceAll(" {2,}", " ").strip();
            assertThat(TicketSubjects.singleLine(text)).as("singleLine of %s", text.chars().boxed().toList())
                .isEqualTo(expected);
        }
    }

    @Test
    void replyPrefixesShouldStayBeforeTheTag() {
        assertThat(TicketSubjects.withTag("RE: AW:Re[2]: Printer", TicketTagFormat.DEFAULT.tag(TicketId.of(SUP, 4))))
            .isEqualTo("RE: AW:Re[2]: [SUP-4] Printer");
        assertThat(TicketSubjects.withoutReplyPrefixes(" Fwd : re: Printer")).isEqualTo("Printer");
        assertThat(TicketSubjects.withoutReplyPrefixes("Reply: Printer")).isEqualTo("Reply: Printer");
    }

    @Test
    void thousandsOfReplyPrefixesShouldNotOverflowTheStack() {
        String subject = "Re: ".repeat(50_000) + "Printer";

        assertThat(TicketSubjects.withoutReplyPrefixes(subject)).isEqualTo("Printer");
        assertThat(TicketSubjects.withTag(subject, TicketTagFormat.DEFAULT.tag(TicketId.of(SUP, 5)))).endsWith("Re: [SUP-5] Printer");
    }
    /**
     * A ticket's tag is found as the pattern {@code TicketTagFormat.pattern(ticket)} compiled for it
     * finds it (Pattern.quote, CASE_INSENSITIVE without UNICODE_CASE), without compiling one per
     * mail: the same subjects for the same input, odd ones included.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Re: [SUP-42] Printer|[SUP-42]",
        "Re: [sup-42] Printer [SUP-42] [Sup-42]|[SUP-42]",
        "[SUP-42][SUP-42][SUP-42]|[SUP-42]",
        "[SUP-[SUP-42]42] not searched again|[SUP-42]",
        "[SUP-420] [SUP-042] other numbers|[SUP-42]",
        "no tag at all|[SUP-42]",
        "[SUP-4|[SUP-42]",
        "SUP-42 and SUP-421 and XSUP-42|SUP-42",
        "\u00C9SUP-42\u00C9 \u00E9SUP-42\u00E9 \u00E9sup-42\u00E9|\u00E9SUP-42\u00E9",
        "\u212ASUP-42 kSUP-42 KSUP-42|kSUP-42",
        "\u00DF[SUP-42] SS[SUP-42]|ss[SUP-42]",
        "\uD83D\uDE00SUP-42 \uD83D\uDE00sup-42|\uD83D\uDE00SUP-42",
        "Re:   [SUP-42]  double  spaces  [sup-42]|[SUP-42]",
    })
    void ticketTagShouldBeFoundAsItsCompiledPatternFindsIt(String subject, String tag) {
        Pattern compiled = Pattern.compile(Pattern.quote(tag), Pattern.CASE_INSENSITIVE);

        assertThat(TicketSubjects.withSingleTag(subject, tag)).isEqualTo(TicketSubjects.withSingleTag(subject, compiled));
        assertThat(TicketSubjects.withoutTag(subject, tag)).isEqualTo(TicketSubjects.withoutTag(subject, compiled));
    }

    @Test
    void ticketTagShouldBeKeptOnceAndForgedTagsRemovedAsBefore() {
        assertThat(TicketSubjects.withSingleTag("Re: [sup-42] Printer [SUP-42]", "[SUP-42]")).isEqualTo("Re: [sup-42] Printer");
        assertThat(TicketSubjects.withoutTag("Re: [SUP-9] Printer", "[SUP-9]")).isEqualTo("Re: Printer");
        assertThat(TicketSubjects.withSingleTag(null, "[SUP-9]")).isEmpty();
    }

    /** The expression the hand-written reading replaced (issue 18): it must read every subject alike. */
    private static final Pattern REPLY_PREFIX_AS_BEFORE = Pattern.compile(
        "\\s*(?:re|fwd?|aw|wg|tr|sv|vs|antw|odp|rif|r|enc|res)(?:\\[\\d{1,4}])?\\s*:", Pattern.CASE_INSENSITIVE);

    @Test
    void replyPrefixesShouldEndWhereTheirRegularExpressionEnds() {
        String[] pieces = {"re", "RE", "Re", "rE", "res", "RES", "fw", "Fwd", "FWD", "fwdd", "aw", "WG", "tr", "sv", "Vs",
            "antw", "ANTW", "odp", "rif", "r", "R", "enc", "reply", "rex", "x", "", ":", " ", "  ", "\t", "[", "]", "[2]",
            "[1234]", "[12345]", "[]", "[a]", "[2", "2", "\u212A", "\u017F", "\u00E9", "\u0130", "Printer", "[SUP-1]", "\u000B", "\f"};
        Random random = new Random(18);
        for (int round = 0; round < 200_000; round++) {
            StringBuilder subject = new StringBuilder();
            int count = random.nextInt(7);
            for (int index = 0; index < count; index++) {
                subject.append(pieces[random.nextInt(pieces.length)]);
            }
            String text = subject.toString();

            assertThat(TicketSubjects.withoutReplyPrefixes(text)).as("subject <%s>", text).isEqualTo(withoutPrefixesAsBefore(text));
        }
    }

    private static String withoutPrefixesAsBefore(String subject) {
        String safe = TicketSubjects.singleLine(subject);
        java.util.regex.Matcher prefix = REPLY_PREFIX_AS_BEFORE.matcher(safe);
        int end = 0;
        while (prefix.region(end, safe.length()).lookingAt()) {
            end = prefix.end();
        }
        return safe.substring(end).stripLeading();
    }
}
