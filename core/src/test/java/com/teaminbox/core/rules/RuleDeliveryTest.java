package com.teaminbox.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.mailbox.FolderName;
import com.teaminbox.core.config.xml.SourceLocation;
import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.core.ticket.TicketPrefix;
import com.teaminbox.core.ticket.TicketTagFormat;

class RuleDeliveryTest {
    private static final SourceLocation HERE = SourceLocation.of("test.xml", 1, "rule");
    private static final FolderName BILLING = FolderName.of("Billing");
    private static final FolderName SALES = FolderName.of("Sales");

    private static Rule rule(String name, RuleAction... actions) {
        return new Rule(name, "subject:x", RuleQueries.parse("subject:x", RuleLanguage.ENGLISH), List.of(actions), Rule.Mode.ACTIVE, HERE);
    }

    private static RuleOutcome applied(Rule... rules) {
        return new RuleOutcome(List.of(rules), List.of());
    }

    private static MailAddress address(String address) throws Exception {
        return new MailAddress(address);
    }

    @Test
    void keywordAloneShouldChangeNothingButTheKeywords() {
        RuleDelivery delivery = RuleDelivery.plan(applied(rule("tag", new RuleAction.AddKeyword("$Tag"))));

        assertThat(delivery.folder()).isEmpty();
        assertThat(delivery.flagsAndKeywords()).containsExactly("$Tag");
        assertThat(delivery.skipped()).isEmpty();
    }

    @Test
    void notifyOrStopAloneShouldNotChangeStorage() throws Exception {
        RuleDelivery delivery = RuleDelivery.plan(applied(rule("watch", new RuleAction.Notify(address("boss@example.test")), new RuleAction.Stop())));

        assertThat(delivery.folder()).isEmpty();
        assertThat(delivery.flagsAndKeywords()).isEmpty();
        assertThat(delivery.headerEdits()).isEmpty();
        assertThat(delivery.notifications()).containsExactly(
            new RuleNotification(address("boss@example.test"), RuleNotification.Kind.MATCHED, "watch"));
    }

    @Test
    void junkShouldWinOverAnEarlierFileInto() {
        RuleDelivery delivery = RuleDelivery.plan(applied(rule("billing", new RuleAction.FileInto(BILLING)), rule("spam", new RuleAction.Junk())));

        assertThat(delivery.folder()).contains(FolderName.JUNK);
        assertThat(delivery.filedAsJunk()).isTrue();
    }

    @Test
    void firstFileIntoShouldWin() {
        RuleDelivery delivery = RuleDelivery.plan(applied(rule("billing", new RuleAction.FileInto(BILLING)), rule("sales", new RuleAction.FileInto(SALES))));

        assertThat(delivery.folder()).contains(BILLING);
        assertThat(delivery.skipped()).isEmpty();
    }

    @Test
    void missingFolderShouldBeSkippedForTheNextMatchingFolder() {
        RuleDelivery delivery = RuleDelivery.plan(applied(rule("billing", new RuleAction.FileInto(BILLING), new RuleAction.AddKeyword("$Billing")),
            rule("sales", new RuleAction.FileInto(SALES))), folder -> !folder.equals(BILLING));

        assertThat(delivery.folder()).contains(SALES);
        assertThat(delivery.keywords()).containsExactly("$Billing");
        assertThat(delivery.skipped()).singleElement().satisfies(skipped -> {
            assertThat(skipped.rule()).isEqualTo("billing");
            assertThat(skipped.reason()).isEqualTo("folder 'Billing' does not exist");
        });
    }

    @Test
    void missingJunkShouldDeliverToInboxAndNotCountAsJunk() {
        RuleDelivery delivery = RuleDelivery.plan(applied(rule("spam", new RuleAction.Junk(), new RuleAction.Stop())), folder -> false);

        assertThat(delivery.folder()).isEmpty();
        assertThat(delivery.filedAsJunk()).isFalse();
        assertThat(delivery.skipped()).hasSize(1);
    }

    @Test
    void headerSetAndRemovedShouldEndRemoved() {
        RuleDelivery delivery = RuleDelivery.plan(applied(rule("strip", new RuleAction.RemoveHeader("X-Priority")),
            rule("vip", new RuleAction.SetHeader("X-Priority", "1"))));

        assertThat(delivery.headerEdits()).extracting(Object::toString).containsExactly("set X-Priority: 1", "remove X-Priority");
    }

    @Test
    void headerValueTooLongForAnyLineShouldBeSkipped() {
        RuleDelivery delivery = RuleDelivery.plan(applied(rule("long", new RuleAction.SetHeader("X-Long", "a".repeat(1000)),
            new RuleAction.AddKeyword("$Long"))));

        assertThat(delivery.headerEdits()).isEmpty();
        assertThat(delivery.keywords()).containsExactly("$Long");
        assertThat(delivery.skipped()).singleElement().satisfies(skipped -> assertThat(skipped.reason()).contains("998"));
    }

    @Test
    void keywordsShouldKeepRuleOrderAndAppearOnce() throws Exception {
        RuleDelivery delivery = RuleDelivery.plan(applied(rule("a", new RuleAction.AddKeyword("$B"), new RuleAction.AddKeyword("$A")),
            rule("b", new RuleAction.Assign(address("alice@example.test"), false), new RuleAction.AddKeyword("$B"),
                new RuleAction.SetFlag(RuleAction.SetFlag.Flag.SEEN), new RuleAction.SetFlag(RuleAction.SetFlag.Flag.FLAGGED))));

        assertThat(delivery.flagsAndKeywords()).containsExactly("\\Flagged", "\\Seen", "$B", "$A", "$Assigned-alice");
        assertThat(delivery.notifications()).isEmpty();
    }

    @Test
    void notificationSubjectShouldCarryTheTicketTagOnce() throws Exception {
        RuleNotification assigned = new RuleNotification(address("alice@example.test"), RuleNotification.Kind.ASSIGNED, "billing");
        TicketPrefix prefix = TicketPrefix.of("SUP");

        assertThat(assigned.subject("[SUP-33] Facture 42", prefix, Optional.of(TicketId.of(prefix, 33)), TicketTagFormat.DEFAULT))
            .isEqualTo("[SUP-33] Assigned to you: Facture 42");
        assertThat(assigned.subject("Re: [sup-33] Facture [SUP-33]", prefix, Optional.of(TicketId.of(prefix, 33)), TicketTagFormat.DEFAULT))
            .isEqualTo("[SUP-33] Assigned to you: Re: Facture");
        assertThat(assigned.subject("[SUP #33] Facture", prefix, Optional.of(TicketId.of(prefix, 33)), TicketTagFormat.of("[{prefix} #{number}]")))
            .isEqualTo("[SUP #33] Assigned to you: Facture");
        assertThat(assigned.subject("", prefix, Optional.empty(), TicketTagFormat.DEFAULT)).isEqualTo("Assigned to you");
    }

    @Test
    void nonAsciiHeaderValueShouldBeEncoded() {
        assertThat(RuleHeaderValues.encode("X-Team", "Équipe facturation")).hasValueSatisfying(value ->
            assertThat(value).startsWith("=?UTF-8?").doesNotContain("É"));
        assertThat(RuleHeaderValues.encode("X-Priority", "1")).contains("1");
        assertThat(RuleHeaderValues.encode("X-Long", "word ".repeat(400).strip())).isPresent();
    }
}
