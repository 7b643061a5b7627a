package com.teaminbox.james.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;

/**
 * A member's mail is recorded as sent only once every check of the DATA has passed: the SLA
 * clock, the reports and the webhooks read {@code send-accepted} as a reply that left.
 */
class SendAcceptedRecordTest {
    private final HookFixture fixture = new HookFixture(HookFixture.support("", ""));
    private final SharedAddressHeadersHook headers = new SharedAddressHeadersHook(fixture.store, fixture.audit);
    private final ReceivedMailAuditHook last = new ReceivedMailAuditHook(fixture.store, fixture.audit);
    private final SMTPSession alice = HookFixture.session(Optional.of("alice@example.test"));

    @Test
    void theAcceptanceShouldBeWrittenByTheLastHookOnce() throws Exception {
        Mail mail = reply("<reply-1@example.test>");

        assertThat(headers.onMessage(alice, mail)).isEqualTo(HookResult.DECLINED);
        assertThat(sendRecords()).isEmpty();
        assertThat(last.onMessage(alice, mail)).isEqualTo(HookResult.DECLINED);

        assertThat(fixture.recorded).filteredOn(event -> event.type() == AuditEventType.SEND_ACCEPTED).singleElement()
            .satisfies(event -> {
                assertThat(event.ticket()).contains("SUP-7");
                assertThat(event.messageId()).contains("<reply-1@example.test>");
            });
    }

    @Test
    void aMailALaterHookRefusedShouldNeverBeRecordedAsSentNorLendItsRecordToTheNextMail() throws Exception {
        headers.onMessage(alice, reply("<refused@example.test>"));
        // a later check (data-loss, collision guard, subject convention) refused it: the last hook never ran
        Mail next = FakeMail.builder().name("note").sender("alice@example.test").recipient("bob@example.test")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().addFrom("alice@example.test").setSubject("lunch?").setText("?"))
            .build();

        headers.onMessage(alice, next);
        last.onMessage(alice, next);

        assertThat(sendRecords()).isEmpty();
    }

    private List<AuditEvent> sendRecords() {
        return fixture.recorded.stream().filter(event -> event.type() == AuditEventType.SEND_ACCEPTED).toList();
    }

    private static Mail reply(String messageId) throws Exception {
        return FakeMail.builder()
            .name("reply")
            .sender("support@example.test")
            .recipient("jane@customer.test")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder()
                .addFrom("support@example.test")
                .addToRecipient("jane@customer.test")
                .setSubject("Re: [SUP-7] Printer")
                .addHeader("Message-ID", messageId)
                .setText("Fixed."))
            .build();
    }
}
