package com.teaminbox.core.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.mailbox.FolderName;
import com.teaminbox.core.retention.RetentionDecision.KeepReason;
import com.teaminbox.core.retention.RetentionDecision.Outcome;
import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.core.ticket.TicketPrefix;
import com.teaminbox.core.ticket.TicketTagFormat;

class RetentionRulesTest {
    private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
    private static final TicketPrefix SUP = TicketPrefix.of("SUP");
    private static final RetentionPolicy JUNK = RetentionPolicy.delete(FolderName.JUNK, RetentionPeriod.of("30d"), Optional.empty());
    private static final RetentionPolicy ANSWERED = RetentionPolicy.move(FolderName.INBOX, RetentionPeriod.of("90d"),
        ArchiveTarget.of("Archive/{year}/{month}"), Optional.of("\\Answered"));
    private static final RetentionHold HOLD_KEYWORD = RetentionHold.keyword("$Hold", Optional.of("legal"));

    private final RetentionRules rules = rules(List.of(HOLD_KEYWORD));

    private static RetentionRules rules(List<RetentionHold> holds) {
        return new RetentionRules(new RetentionSettings(RetentionPeriod.of("7d"), RetentionPeriod.of("1d"), List.of(JUNK, ANSWERED), holds),
            TicketTagFormat.DEFAULT, SUP);
    }

    private static MessageFacts message(FolderName folder, Duration age, String... flags) {
        return new MessageFacts(folder, NOW.minus(age), Set.of(flags), Optional.empty(), Optional.of("Hello"));
    }

    @Test
    void junkOlderThanItsPolicyShouldBeDeleted() {
        RetentionDecision decision = rules.decide(message(FolderName.JUNK, Duration.ofDays(31)), NOW);

        assertThat(decision.outcome()).isEqualTo(Outcome.DELETE);
        assertThat(decision.policy()).contains(JUNK);
    }

    @Test
    void policyAgeShouldBeKeptUnderActedOnAtAndOver() {
        assertThat(rules.decide(message(FolderName.JUNK, Duration.ofDays(30).minusSeconds(1)), NOW).keepReason())
            .contains(KeepReason.NOT_OLD_ENOUGH);
        assertThat(rules.decide(message(FolderName.JUNK, Duration.ofDays(30)), NOW).outcome()).isEqualTo(Outcome.DELETE);
        assertThat(rules.decide(message(FolderName.JUNK, Duration.ofDays(30).plusSeconds(1)), NOW).outcome()).isEqualTo(Outcome.DELETE);
    }

    @Test
    void answeredInboxMessageShouldMoveToTheArchiveOfItsInternalMonth() {
        MessageFacts message = new MessageFacts(FolderName.INBOX, Instant.parse("2026-01-20T08:00:00Z"), Set.of("\\Answered"),
            Optional.empty(), Optional.empty());

        RetentionDecision decision = rules.decide(message, NOW);

        assertThat(decision.outcome()).isEqualTo(Outcome.MOVE);
        assertThat(decision.target()).contains(FolderName.of("Archive/2026/01"));
    }

    @Test
    void inboxMessageWithoutTheFlagShouldBeKept() {
        assertThat(rules.decide(message(FolderName.INBOX, Duration.ofDays(200), "\\Seen"), NOW).keepReason())
            .contains(KeepReason.FLAG_MISSING);
    }

    @Test
    void flagShouldMatchWhateverItsCase() {
        assertThat(rules.decide(message(FolderName.INBOX, Duration.ofDays(200), "\\ANSWERED"), NOW).outcome()).isEqualTo(Outcome.MOVE);
    }

    @Test
    void folderWithoutPolicyShouldKeepEverything() {
        RetentionDecision decision = rules.decide(message(FolderName.SENT, Duration.ofDays(10_000)), NOW);

        assertThat(decision.keepReason()).contains(KeepReason.NO_POLICY);
        assertThat(decision.policy()).isEmpty();
    }

    @Test
    void keywordHoldShouldKeepAMessageThatIsDue() {
        RetentionDecision decision = rules.decide(message(FolderName.JUNK, Duration.ofDays(400), "$Hold"), NOW);

        assertThat(decision.keepReason()).contains(KeepReason.HELD);
        assertThat(decision.hold()).contains(HOLD_KEYWORD);
        assertThat(decision.toString()).isEqualTo("keep: held by keyword=$Hold (legal)");
    }

    @Test
    void senderHoldShouldMatchTheAddressWhateverItsCase() throws Exception {
        RetentionRules held = rules(List.of(RetentionHold.sender(new MailAddress("counsel@lawfirm.test"), Optional.empty())));
        MessageFacts fromCounsel = new MessageFacts(FolderName.JUNK, NOW.minus(Duration.ofDays(60)), Set.of(),
            Optional.of(new MailAddress("Counsel@LawFirm.test")), Optional.empty());
        MessageFacts fromOther = new MessageFacts(FolderName.JUNK, NOW.minus(Duration.ofDays(60)), Set.of(),
            Optional.of(new MailAddress("other@lawfirm.test")), Optional.empty());

        assertThat(held.decide(fromCounsel, NOW).keepReason()).contains(KeepReason.HELD);
        assertThat(held.decide(fromOther, NOW).outcome()).isEqualTo(Outcome.DELETE);
    }

    @Test
    void domainHoldShouldMatchEverySenderOfTheDomainButNotASubdomain() throws Exception {
        RetentionRules held = rules(List.of(RetentionHold.domain(Domain.of("lawfirm.test"), Optional.empty())));

        assertThat(held.decide(from("anyone@LAWFIRM.test"), NOW).keepReason()).contains(KeepReason.HELD);
        assertThat(held.decide(from("anyone@mail.lawfirm.test"), NOW).outcome()).isEqualTo(Outcome.DELETE);
    }

    private static MessageFacts from(String sender) throws Exception {
        return new MessageFacts(FolderName.JUNK, NOW.minus(Duration.ofDays(60)), Set.of(), Optional.of(new MailAddress(sender)), Optional.empty());
    }

    @Test
    void ticketHoldShouldMatchAnyTagOfTheTicketInTheSubject() {
        RetentionRules held = rules(List.of(RetentionHold.ticket(TicketId.of(SUP, 12), Optional.empty())));

        assertThat(held.decide(subject("Re: [SUP-3] and [SUP-12] merged"), NOW).keepReason()).contains(KeepReason.HELD);
        assertThat(held.decide(subject("Re: [SUP-120] other"), NOW).outcome()).isEqualTo(Outcome.DELETE);
        assertThat(held.decide(subject("[SAL-12] other prefix"), NOW).outcome()).isEqualTo(Outcome.DELETE);
    }

    @Test
    void ticketHoldShouldReadTheMailboxsOwnTagFormat() {
        RetentionRules held = new RetentionRules(new RetentionSettings(RetentionPeriod.of("7d"), RetentionPeriod.of("1d"), List.of(JUNK),
            List.of(RetentionHold.ticket(TicketId.of(SUP, 12), Optional.empty()))), TicketTagFormat.of("[{prefix} #{number}]"), SUP);

        assertThat(held.decide(subject("Re: [SUP #12] invoice"), NOW).keepReason()).contains(KeepReason.HELD);
        assertThat(held.decide(subject("Re: [SUP-12] invoice"), NOW).outcome()).isEqualTo(Outcome.DELETE);
    }

    private static MessageFacts subject(String subject) {
        return new MessageFacts(FolderName.JUNK, NOW.minus(Duration.ofDays(60)), Set.of(), Optional.empty(), Optional.of(subject));
    }

    @Test
    void wholeMailboxHoldShouldKeepEveryDueMessage() {
        RetentionRules held = rules(List.of(RetentionHold.all(Optional.of("litigation"))));

        assertThat(held.decide(message(FolderName.JUNK, Duration.ofDays(400)), NOW).keepReason()).contains(KeepReason.HELD);
        assertThat(held.decide(message(FolderName.INBOX, Duration.ofDays(400), "\\Answered"), NOW).keepReason()).contains(KeepReason.HELD);
    }

    @Test
    void minimumAgeShouldKeepUnderAndLetAtAndOver() {
        // A zero-day policy is allowed only with a zero minimum; here minimum-age 7d guards a 7d policy.
        RetentionPolicy quick = RetentionPolicy.delete(FolderName.TRASH, RetentionPeriod.of("7d"), Optional.empty());
        RetentionRules guarded = new RetentionRules(new RetentionSettings(RetentionPeriod.of("7d"), RetentionPeriod.of("1d"),
            List.of(quick), List.of()), TicketTagFormat.DEFAULT, SUP);

        assertThat(guarded.decide(message(FolderName.TRASH, Duration.ofDays(7).minusSeconds(1)), NOW).keepReason())
            .contains(KeepReason.YOUNGER_THAN_MINIMUM);
        assertThat(guarded.decide(message(FolderName.TRASH, Duration.ofDays(7)), NOW).outcome()).isEqualTo(Outcome.DELETE);
        assertThat(guarded.decide(message(FolderName.TRASH, Duration.ofDays(8)), NOW).outcome()).isEqualTo(Outcome.DELETE);
    }

    @Test
    void messageDatedInTheFutureShouldBeKeptAsYoungerThanTheMinimum() {
        assertThat(rules.decide(message(FolderName.JUNK, Duration.ofDays(-400)), NOW).keepReason())
            .contains(KeepReason.YOUNGER_THAN_MINIMUM);
    }

    @Test
    void policyShorterThanTheMinimumAgeShouldBeRefused() {
        assertThatThrownBy(() -> new RetentionSettings(RetentionPeriod.of("7d"), RetentionPeriod.of("1d"),
            List.of(RetentionPolicy.delete(FolderName.JUNK, RetentionPeriod.of("6d"), Optional.empty())), List.of()))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("delete-after '6d' is shorter than the minimum-age '7d'");
    }

    @Test
    void moveIntoTheFolderItselfShouldBeRefused() {
        assertThatThrownBy(() -> RetentionPolicy.move(FolderName.INBOX, RetentionPeriod.of("9d"), ArchiveTarget.of("INBOX"), Optional.empty()))
            .hasMessage("target 'INBOX' is the folder itself; move to another folder");
    }

    @Test
    void cutoffShouldBeNowMinusThePolicyAge() {
        assertThat(rules.cutoff(JUNK, NOW)).isEqualTo(Instant.parse("2026-05-16T12:00:00Z"));
    }

    @Test
    void noneShouldHaveNoPolicy() {
        assertThat(RetentionSettings.NONE.isEmpty()).isTrue();
        assertThat(new RetentionRules(RetentionSettings.NONE, TicketTagFormat.DEFAULT, SUP)
            .decide(message(FolderName.JUNK, Duration.ofDays(10_000)), NOW).keepReason()).contains(KeepReason.NO_POLICY);
    }
}
