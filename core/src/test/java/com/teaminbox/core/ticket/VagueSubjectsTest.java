package com.teaminbox.core.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

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
    @ValueSource(strings = {"salut", "Bonjour !", "Re: aide"})
    void configuredListShouldReplaceTheDefaults(String subject) {
        VagueSubjects french = new VagueSubjects(List.of("salut", "bonjour", "aide"), "$ATrier");

        assertThat(french.isVague(subject, TicketTagFormat.DEFAULT, SUP)).isTrue();
        assertThat(french.isVague("hi", TicketTagFormat.DEFAULT, SUP)).isFalse();
    }
}
