package com.teaminbox.core.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VagueSubjectsTest {
    private static final TicketPrefix SUP = TicketPrefix.of("SUP");

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "(no subject)", "No Subject", "hi", "Hi!", "HELLO", "Question?", "urgent!!!",
        "Re: hi", "[SUP-3] Question", "Re: [SUP-3] help"})
    void subjectsThatSayNothingShouldBeVague(String subject) {
        assertThat(VagueSubjects.DEFAULT.isVague(subject, TicketTagFormat.DEFAULT, SUP)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Printer broken", "Question about invoice 42", "hi there, my printer is broken", "[RT #5] hi"})
    void subjectsThatSaySomethingShouldNotBeVague(String subject) {
        assertThat(VagueSubjects.DEFAULT.isVague(subject, TicketTagFormat.DEFAULT, SUP)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h\u00A0i", "hi\u2003", "\u2003(no subject)", "Re: [SUP-3] hi\u3000!", "h\ti", "Quest ion", "[sup-3]hi[SUP-4]",
        "no-subject", "N.O. SUBJECT", "(no subject)?", "problem\u00A0", "Re:[SUP-3]", "\u00A0", "hi [RT #5]", "Ｈｉ", "hı", "hİ"})
    void vaguenessShouldBeDecidedAsWithTheExpression(String subject) {
        assertThat(VagueSubjects.DEFAULT.isVague(subject, TicketTagFormat.DEFAULT, SUP)).isEqualTo(naivelyVague(subject));
    }

    /** Random subjects over the characters normalizing looks at: the loops and the length shortcut agree with the expression. */
    @Test
    void randomSubjectsShouldBeDecidedAsWithTheExpression() {
        String[] pieces = {"h", "i", "H", "I", "no", " ", "  ", "\t", "\u00A0", "\u2003", "(", ")", "!", "?", "-", "_", "subject", "[SUP-3]",
            "Re:", "help", "x", "é", "\u0130", "~", "`"};
        Random random = new Random(18);
        for (int run = 0; run < 20_000; run++) {
            String subject = RandomTexts.of(random, pieces, 6);
            assertThat(VagueSubjects.DEFAULT.isVague(subject, TicketTagFormat.DEFAULT, SUP)).as("is '%s' vague", subject)
                .isEqualTo(naivelyVague(subject));
        }
    }

    /** isVague as it was written with expressions until issue 18's fifth round. */
    private static boolean naivelyVague(String subject) {
        String rest = TicketSubjects.withoutReplyPrefixes(TicketSubjects.withoutTag(subject, TicketTagFormat.DEFAULT.pattern(SUP)));
        String normalized = naivelyNormalized(rest);
        return normalized.isEmpty() || VagueSubjects.DEFAULT_SUBJECTS.stream().map(VagueSubjectsTest::naivelyNormalized)
            .anyMatch(normalized::equals);
    }

    private static String naivelyNormalized(String subject) {
        String lower = subject.strip().toLowerCase(Locale.ROOT);
        return lower.equals("(no subject)") ? "no subject" : lower.replaceAll("[\\p{Punct}\\s]+", " ").strip();
    }

    @ParameterizedTest
    @ValueSource(strings = {"salut", "Bonjour !", "Re: aide"})
    void configuredListShouldReplaceTheDefaults(String subject) {
        VagueSubjects french = new VagueSubjects(List.of("salut", "bonjour", "aide"), "$ATrier");

        assertThat(french.isVague(subject, TicketTagFormat.DEFAULT, SUP)).isTrue();
        assertThat(french.isVague("hi", TicketTagFormat.DEFAULT, SUP)).isFalse();
    }
}
