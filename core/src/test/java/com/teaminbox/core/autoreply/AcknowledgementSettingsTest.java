package com.teaminbox.core.autoreply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.core.ticket.TicketPrefix;
import com.teaminbox.core.ticket.TicketTagFormat;

class AcknowledgementSettingsTest {
    private static final Instant MONDAY_NOON = Instant.parse("2026-11-30T12:00:00Z");
    private static final Instant SATURDAY_NOON = Instant.parse("2026-11-28T12:00:00Z");
    private static final BusinessHours MONDAYS = new BusinessHours(ZoneId.of("UTC"),
        Map.of(DayOfWeek.MONDAY, new BusinessHours.OpeningSpan(LocalTime.of(9, 0), LocalTime.of(18, 0))), Set.of());

    private static ResponseTemplate template(String kind, String language) {
        return new ResponseTemplate(kind, language, Template.parse(kind + "/" + language, "t.txt"), Optional.empty());
    }

    private static final AcknowledgementSettings SETTINGS = new AcknowledgementSettings(Optional.empty(), 10, "1 day", "en", MONDAYS,
        List.of(template("ack", "en"), template("ack", "fr"), template("out-of-hours", "en"), template("billing", "en")));

    private static String chosen(Optional<String> kind, Instant now, List<String> languages) {
        return SETTINGS.choose(kind, now, languages).map(ResponseTemplate::toString).orElse("none");
    }

    @Test
    void openHoursShouldUseTheAcknowledgement() {
        assertThat(chosen(Optional.empty(), MONDAY_NOON, List.of())).isEqualTo("ack/en (text)");
    }

    @Test
    void closedHoursShouldUseTheOutOfHoursVariant() {
        assertThat(chosen(Optional.empty(), SATURDAY_NOON, List.of())).isEqualTo("out-of-hours/en (text)");
    }

    @Test
    void customerLanguageShouldWinWhenAVariantExists() {
        assertThat(chosen(Optional.empty(), MONDAY_NOON, List.of("de", "fr-ca"))).isEqualTo("ack/fr (text)");
    }

    @Test
    void missingLanguageVariantShouldFallBackToTheDefaultLanguage() {
        assertThat(chosen(Optional.empty(), SATURDAY_NOON, List.of("fr"))).isEqualTo("out-of-hours/en (text)");
    }

    @Test
    void ruleChosenTemplateShouldWinOverHours() {
        assertThat(chosen(Optional.of("billing"), SATURDAY_NOON, List.of())).isEqualTo("billing/en (text)");
    }

    @Test
    void unknownRuleTemplateShouldFallBackToTheAcknowledgement() {
        assertThat(chosen(Optional.of("refunds"), MONDAY_NOON, List.of())).isEqualTo("ack/en (text)");
    }

    @Test
    void capBelowOneShouldBeRefused() {
        assertThatThrownBy(() -> new AcknowledgementSettings(Optional.empty(), 0, "1 day", "en", MONDAYS, List.of()))
            .hasMessage("per-sender-daily-cap must be at least 1, got 0");
    }

    @Test
    void subjectShouldCarryTheTagThenReThenTheCustomerWords() {
        TicketId ticket = TicketId.of(TicketPrefix.of("SUP"), 12);

        assertThat(AcknowledgementSubject.of("[SUP-12] Printer broken", ticket, TicketTagFormat.DEFAULT, IncomingText.VERBATIM))
            .isEqualTo("[SUP-12] Re: Printer broken");
        assertThat(AcknowledgementSubject.of("RE: AW: [SUP-12] Printer", ticket, TicketTagFormat.DEFAULT, IncomingText.VERBATIM))
            .isEqualTo("[SUP-12] Re: Printer");
        assertThat(AcknowledgementSubject.of("", ticket, TicketTagFormat.DEFAULT, IncomingText.VERBATIM)).isEqualTo("[SUP-12] Re:");
        assertThat(AcknowledgementSubject.of("hi\r\nBcc: x@evil.test", ticket, TicketTagFormat.DEFAULT, IncomingText.VERBATIM))
            .isEqualTo("[SUP-12] Re: hi Bcc: x@evil.test");
    }

    @Test
    void acknowledgementSubjectShouldCarryTheCustomersWordsDefangedAndCapped() {
        TicketId ticket = TicketId.of(TicketPrefix.of("SUP"), 12);

        assertThat(AcknowledgementSubject.of("Re: [SUP-12] Locked! Unlock at https://evil.test/x", ticket, TicketTagFormat.DEFAULT,
            IncomingText.DEFANGED)).isEqualTo("[SUP-12] Re: Locked! Unlock at hxxps://evil[.]test/x");
        assertThat(AcknowledgementSubject.of("x".repeat(1_000), ticket, TicketTagFormat.DEFAULT, IncomingText.VERBATIM))
            .hasSize("[SUP-12] Re: ".length() + IncomingText.MAX_LENGTH);
    }

    @Test
    void preferredLanguagesShouldPutContentLanguageFirstThenAcceptLanguageByWeight() {
        HeaderFields headers = HeaderFields.builder()
            .add("Accept-Language", "de;q=0.5, FR-ca, en;q=0.8, *;q=0.1, xx;q=0")
            .add("Content-Language", "it")
            .build();

        assertThat(PreferredLanguages.of(headers)).containsExactly("it", "fr-ca", "en", "de");
    }

    @Test
    void anOverlongLanguageTagShouldBeSkippedWithoutOverflowingTheStack() {
        HeaderFields headers = HeaderFields.builder()
            .add("Accept-Language", "en" + "-a".repeat(20_000) + ", fr;q=0.5")
            .build();

        assertThat(PreferredLanguages.of(headers)).containsExactly("fr");
    }
}
