package com.teaminbox.james.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import javax.mail.Header;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.Test;

import com.teaminbox.james.common.MailSession;

/** A ledger message written without javax.mail says what javax.mail's says, and values that need encoding still go through it. */
class SlaLedgerEntryTest {
    private static final List<Map.Entry<String, String>> FACTS = List.of(
        Map.entry(SlaLedger.ENTRY_HEADER, "ticket=SUP-12 kind=opened at=2026-12-07T09:00:00.123Z actor=jane%40customer.test"),
        Map.entry(SlaLedger.ENTRY_HEADER, "ticket=SUP-12 kind=rule-matched at=2026-12-07T09:00:00.131Z actor=system detail=urgent%20rule"),
        Map.entry(SlaLedger.ENTRY_HEADER, "ticket=SUP-13 kind=customer-message at=2026-12-07T09:00:00.140Z actor=bob%40customer.test "
            + "detail=" + "x".repeat(300)));
    private static final List<Map.Entry<String, String>> CLAIM = List.of(Map.entry(SlaLedger.CLAIM_HEADER, "SUP-12 first-response breach"),
        Map.entry(SlaLedger.NODE_HEADER, "node-1"));

    @Test
    void aPlainEntryShouldReadAsJavaMailWritesIt() throws Exception {
        MailAddress support = new MailAddress("support@example.test");
        for (List<Map.Entry<String, String>> headers : List.of(FACTS, CLAIM, List.<Map.Entry<String, String>>of())) {
            Instant before = Instant.now().minusSeconds(1);
            MimeMessage written = parse(SlaLedger.entry(support, "3 facts", headers));
            MimeMessage reference = parse(SlaLedger.entryThroughJavaMail(support, "3 facts", headers));

            assertThat(headersBut(written, "Date", "Message-ID")).isEqualTo(headersBut(reference, "Date", "Message-ID"));
            assertThat(written.getContent()).isEqualTo(reference.getContent());
            assertThat(written.getSentDate().toInstant()).isBetween(before, Instant.now().plus(Duration.ofSeconds(1)));
            assertThat(written.getMessageID()).matches("<[0-9a-f-]{36}\\.sla-ledger@example\\.test>");
        }
    }

    @Test
    void theFactsShouldKeepTheirOrder() throws Exception {
        MimeMessage written = parse(SlaLedger.entry(new MailAddress("support@example.test"), "3 facts", FACTS));

        assertThat(written.getHeader(SlaLedger.ENTRY_HEADER)).containsExactly(FACTS.stream().map(Map.Entry::getValue).toArray(String[]::new));
    }

    @Test
    void aValueThatNeedsEncodingShouldBeWrittenByJavaMail() throws Exception {
        MailAddress support = new MailAddress("support@example.test");
        String subject = "fact opened CAF\u00c9-1";

        MimeMessage written = parse(SlaLedger.entry(support, subject, FACTS));

        assertThat(written.getSubject()).isEqualTo(subject);
        assertThat(new String(SlaLedger.entry(support, subject, FACTS), StandardCharsets.US_ASCII)).contains("Subject: =?UTF-8?");
    }

    @Test
    void aSubjectJavaMailWouldFoldShouldBeWrittenByJavaMail() throws Exception {
        MailAddress support = new MailAddress("support@example.test");
        String subject = "claim SUP-123456 first-response breach 2026-12-07T11:30:00Z " + "x".repeat(40);

        String written = new String(SlaLedger.entry(support, subject, CLAIM), StandardCharsets.US_ASCII);

        assertThat(written).doesNotContain("Subject: " + subject);
        assertThat(parse(written.getBytes(StandardCharsets.US_ASCII)).getSubject()).isEqualTo(subject);
    }

    @Test
    void aValueWithALineBreakShouldStayOneHeader() throws Exception {
        List<Map.Entry<String, String>> hostile = List.of(Map.entry(SlaLedger.CLAIM_HEADER, "SUP-1 x\r\nBcc: victim@evil.test"));

        MimeMessage written = parse(SlaLedger.entry(new MailAddress("support@example.test"), "claim", hostile));

        assertThat(written.getHeader("Bcc")).isNull();
        assertThat(written.getHeader(SlaLedger.CLAIM_HEADER)).hasSize(1);
    }

    private static MimeMessage parse(byte[] bytes) throws Exception {
        return new MimeMessage(MailSession.SHARED, new ByteArrayInputStream(bytes));
    }

    private static List<String> headersBut(MimeMessage message, String... left) throws Exception {
        List<String> lines = new ArrayList<>();
        for (Header header : Collections.list(message.getAllHeaders())) {
            if (List.of(left).stream().noneMatch(header.getName()::equalsIgnoreCase)) {
                lines.add(header.getName().toLowerCase(java.util.Locale.ROOT) + ": " + header.getValue().replaceAll("\r\n\\s+", " "));
            }
        }
        lines.sort(null);
        return lines;
    }
}
