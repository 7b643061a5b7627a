package com.teaminbox.core.sla.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.config.xml.SourceLocation;
import com.teaminbox.core.mailbox.Member;
import com.teaminbox.core.mailbox.Role;
import com.teaminbox.core.sla.TicketFact;
import com.teaminbox.core.ticket.TicketPrefix;

class TicketFactsTest {
    private static final Instant AT = Instant.parse("2026-12-07T09:00:00Z");
    private static final SharedMailbox SUPPORT = support();

    private static SharedMailbox support() {
        try {
            SourceLocation location = SourceLocation.of("shared-mailboxes.xml", 1, "shared-mailbox");
            return new SharedMailbox(new MailAddress("support@example.test"), TicketPrefix.of("SUP"), Optional.empty(), List.of(),
                List.of(new Member(new MailAddress("alice@example.test"), Role.FULL, location)), location);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static AuditEvent.Builder event(AuditEventType type, AuditActor actor) {
        return AuditEvent.of(type, actor).sharedMailbox("support@example.test").ticket("SUP-1").decision("x");
    }

    private static Optional<TicketFact.Kind> kind(AuditEvent event) {
        return TicketFacts.of(event, AT, SUPPORT).map(TicketFact::kind);
    }

    @Test
    void aCreatedTicketShouldBeOpenedByItsSender() {
        Optional<TicketFact> fact = TicketFacts.of(event(AuditEventType.TICKET_CREATED, AuditActor.system())
            .detail("sender", "jane@customer.test").build(), AT, SUPPORT);
        assertThat(fact).contains(TicketFact.of("SUP-1", TicketFact.Kind.OPENED, AT, "jane@customer.test"));
    }

    @Test
    void aThreadedMailShouldBeACustomerMessageUnlessAMemberSentIt() {
        assertThat(kind(event(AuditEventType.TICKET_THREADED, AuditActor.system()).detail("sender", "jane@customer.test").build()))
            .contains(TicketFact.Kind.CUSTOMER_MESSAGE);
        assertThat(kind(event(AuditEventType.TICKET_THREADED, AuditActor.system()).detail("sender", "Alice@Example.test").build())).isEmpty();
        assertThat(kind(event(AuditEventType.TICKET_THREADED, AuditActor.system()).detail("sender", "support@example.test").build())).isEmpty();
    }

    @Test
    void anAcceptedSendWithATicketShouldBeAMemberReply() {
        assertThat(kind(event(AuditEventType.SEND_ACCEPTED, AuditActor.member("alice@example.test")).build()))
            .contains(TicketFact.Kind.MEMBER_REPLY);
        assertThat(TicketFacts.of(AuditEvent.of(AuditEventType.SEND_ACCEPTED, AuditActor.member("alice@example.test"))
            .sharedMailbox("support@example.test").decision("accepted").build(), AT, SUPPORT)).as("no ticket, no fact").isEmpty();
    }

    @Test
    void pendingRecordsShouldPauseOrResume() {
        assertThat(kind(event(AuditEventType.TICKET_PENDING, AuditActor.member("alice@example.test")).decision("pending").build()))
            .contains(TicketFact.Kind.PENDING);
        assertThat(kind(event(AuditEventType.TICKET_PENDING, AuditActor.externalSender("jane@customer.test")).decision("resumed").build()))
            .contains(TicketFact.Kind.RESUMED);
    }

    @Test
    void aMatchedRuleShouldBeKeptByName() {
        assertThat(TicketFacts.of(event(AuditEventType.RULE_MATCHED, AuditActor.system()).detail("rule", "urgent").build(), AT, SUPPORT)
            .map(TicketFact::detail)).contains("urgent");
    }

    @Test
    void recordsOfAnotherMailboxShouldBeIgnored() {
        assertThat(TicketFacts.of(AuditEvent.of(AuditEventType.TICKET_CREATED, AuditActor.system()).sharedMailbox("sales@example.test")
            .ticket("SAL-1").decision("created").build(), AT, SUPPORT)).isEmpty();
    }
}
