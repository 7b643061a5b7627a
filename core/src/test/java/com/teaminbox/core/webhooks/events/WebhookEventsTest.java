package com.teaminbox.core.webhooks.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.core.config.SharedMailboxesConfigurationParser;
import com.teaminbox.core.webhooks.WebhookEvent;
import com.teaminbox.core.webhooks.WebhookEventType;
import com.teaminbox.core.webhooks.WebhookNotice;

class WebhookEventsTest {
    private static final Instant AT = Instant.parse("2026-12-06T08:01:02.345Z");
    private static final String SUPPORT = "support@example.test";
    private static final SharedMailboxesConfiguration CONFIGURATION = configuration();

    private static SharedMailboxesConfiguration configuration() {
        String xml = "<shared-mailboxes>\n"
            + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
            + "    <member address=\"alice@example.test\" role=\"full\"/>\n"
            + "    <rules>\n"
            + "      <rule name=\"printers\" when=\"subject:printer\"><assign member=\"alice@example.test\"/><webhook endpoint=\"tracker\"/></rule>\n"
            + "      <rule name=\"quiet\" when=\"subject:quiet\"><flag name=\"\\Flagged\"/></rule>\n"
            + "    </rules>\n"
            + "    <webhooks>\n"
            + "      <endpoint name=\"chat\" url=\"https://chat.example.com/h\" events=\"*\"><secret file=\"s\"/></endpoint>\n"
            + "      <endpoint name=\"tracker\" url=\"https://tracker.example.com/h\" events=\"ticket.created\"><secret file=\"s\"/></endpoint>\n"
            + "    </webhooks>\n"
            + "  </shared-mailbox>\n"
            + "  <shared-mailbox address=\"sales@example.test\" ticket-prefix=\"SAL\"/>\n"
            + "</shared-mailboxes>\n";
        String secret = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
        return new SharedMailboxesConfigurationParser(path -> secret)
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "shared-mailboxes.xml");
    }

    private static AuditEvent.Builder about(AuditEventType type) {
        return AuditEvent.of(type, AuditActor.system()).sharedMailbox(SUPPORT).ticket("SUP-12").messageId("<1@customer.test>")
            .detail("sender", "jane@customer.test").detail("subject", "Printer broken");
    }

    private static List<String> notices(AuditEvent event) {
        return WebhookEvents.of(event, AT, CONFIGURATION).stream()
            .map(notice -> notice.endpoint().name() + " " + notice.event().type().wireName()).collect(Collectors.toList());
    }

    @Test
    void aNewTicketShouldGoToEveryEndpointThatHearsIt() {
        assertThat(notices(about(AuditEventType.TICKET_CREATED).decision("created").build()))
            .containsExactlyInAnyOrder("chat ticket.created", "tracker ticket.created");
    }

    @Test
    void aNewTicketShouldBeByTheCustomerWithItsSubject() {
        WebhookEvent event = WebhookEvents.of(about(AuditEventType.TICKET_CREATED).decision("created").build(), AT, CONFIGURATION).get(0).event();

        assertThat(event.toJson()).isEqualTo("{\"type\":\"ticket.created\",\"timestamp\":\"2026-12-06T08:01:02.345Z\",\"data\":{"
            + "\"sharedMailbox\":\"support@example.test\",\"ticket\":\"SUP-12\",\"actor\":{\"kind\":\"external-sender\",\"name\":\"jane@customer.test\"},"
            + "\"subject\":\"Printer broken\",\"messageId\":\"<1@customer.test>\",\"summary\":\"SUP-12 created by jane@customer.test: Printer broken\"}}");
    }

    @Test
    void aThreadedMailFromTheCustomerShouldBeACustomerReply() {
        assertThat(notices(about(AuditEventType.TICKET_THREADED).decision("threaded").build())).containsExactly("chat ticket.customer-replied");
    }

    @Test
    void aThreadedMailFromAMemberShouldNotBeACustomerReply() {
        assertThat(notices(about(AuditEventType.TICKET_THREADED).detail("sender", "alice@example.test").decision("threaded").build())).isEmpty();
    }

    @Test
    void anAcceptedSendWithTheTicketTagShouldBeAMemberReply() {
        AuditEvent send = AuditEvent.of(AuditEventType.SEND_ACCEPTED, AuditActor.member("alice@example.test")).sharedMailbox(SUPPORT)
            .detail("subject", "Re: [SUP-12] Printer broken").decision("accepted").build();

        List<WebhookNotice> notices = WebhookEvents.of(send, AT, CONFIGURATION);

        assertThat(notices).singleElement().satisfies(notice -> {
            assertThat(notice.event().type()).isEqualTo(WebhookEventType.MEMBER_REPLIED);
            assertThat(notice.event().ticket()).hasValue("SUP-12");
            assertThat(notice.event().actor()).isEqualTo(AuditActor.member("alice@example.test"));
            assertThat(notice.event().subject()).as("the tag is in its own field").hasValue("Re: Printer broken");
        });
    }

    @Test
    void anAcceptedSendWithoutTicketShouldSendNothing() {
        assertThat(notices(AuditEvent.of(AuditEventType.SEND_ACCEPTED, AuditActor.member("alice@example.test")).sharedMailbox(SUPPORT)
            .detail("subject", "Hello").decision("accepted").build())).isEmpty();
    }

    @Test
    void aMatchedRuleShouldAssignAndCallItsOwnEndpointOnly() {
        assertThat(notices(about(AuditEventType.RULE_MATCHED).detail("rule", "printers").decision("applied").build()))
            .containsExactlyInAnyOrder("chat ticket.assigned", "tracker rule.matched");
    }

    @Test
    void aMatchedRuleWithoutAssignOrWebhookShouldSendNothing() {
        assertThat(notices(about(AuditEventType.RULE_MATCHED).detail("rule", "quiet").decision("applied").build())).isEmpty();
    }

    @Test
    void aRuleGoneSinceAReloadShouldSendNothing() {
        assertThat(notices(about(AuditEventType.RULE_MATCHED).detail("rule", "removed").decision("applied").build())).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"TICKET_RESOLVED, ticket.resolved", "TICKET_REOPENED, ticket.reopened", "SLA_WARNING, sla.warning", "SLA_BREACHED, sla.breached"})
    void lifecycleAndSlaRecordsShouldBecomeTheirEvents(AuditEventType type, String wireName) {
        assertThat(notices(AuditEvent.of(type, AuditActor.system()).sharedMailbox(SUPPORT).ticket("SUP-12").decision("x").build()))
            .containsExactly("chat " + wireName);
    }

    @Test
    void aSuppressionOfAnAutomaticMailShouldBeReported() {
        assertThat(notices(about(AuditEventType.AUTORESPONSE_SUPPRESSED).decision("suppressed")
            .reason("suppress AUTO_SUBMITTED (auto-replied): Auto-Submitted other than 'no' (RFC 3834 section 2, 5)").build()))
            .containsExactly("chat autoresponse.suppressed");
    }

    @Test
    void aSuppressionOfASecondAcknowledgementShouldNotBeReported() {
        assertThat(notices(about(AuditEventType.AUTORESPONSE_SUPPRESSED).decision("suppressed")
            .reason("suppress ALREADY_ACKNOWLEDGED (SUP-12): this ticket was already acknowledged").build())).isEmpty();
    }

    @Test
    void recordsOfAMailboxWithoutEndpointsShouldSendNothing() {
        assertThat(notices(AuditEvent.of(AuditEventType.TICKET_CREATED, AuditActor.system()).sharedMailbox("sales@example.test")
            .decision("created").build())).isEmpty();
    }

    @Test
    void otherRecordsShouldSendNothing() {
        assertThat(notices(AuditEvent.of(AuditEventType.FLAGS_CHANGED, AuditActor.member("alice@example.test")).sharedMailbox(SUPPORT)
            .decision("accepted").build())).isEmpty();
        assertThat(notices(AuditEvent.of(AuditEventType.WEBHOOK_DISABLED, AuditActor.system()).sharedMailbox(SUPPORT)
            .decision("disabled").build())).isEmpty();
    }

    @Test
    void recordsOfATypeOutsideTheSourcesShouldSendNothing() {
        for (AuditEventType type : AuditEventType.values()) {
            if (!WebhookEvents.SOURCES.contains(type)) {
                // Every detail another type reads to send something: a rule that calls an endpoint, an automatic suppression.
                AuditEvent event = about(type).decision("x").detail("rule", "printers")
                    .reason("suppress AUTO_SUBMITTED (auto-replied): Auto-Submitted other than 'no' (RFC 3834 section 2, 5)").build();
                assertThat(notices(event)).as(type.wireName()).isEmpty();
            }
        }
    }
}
