package com.teaminbox.james.imap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link MemberAudit#printable}: what client text becomes in a record or a log line. */
class MemberAuditPrintableTest {
    @Test
    void textWithoutControlCharactersShouldBeKeptAsItIs() {
        assertThat(MemberAudit.printable("INBOX")).isEqualTo("INBOX");
        assertThat(MemberAudit.printable("101:104,107")).isEqualTo("101:104,107");
        assertThat(MemberAudit.printable("Équipe ~ support@example.test*alice@example.test"))
            .isEqualTo("Équipe ~ support@example.test*alice@example.test");
        assertThat(MemberAudit.printable("")).isEmpty();
    }

    @Test
    void everyAsciiControlCharacterShouldBecomeAQuestionMark() {
        assertThat(MemberAudit.printable("a\r\nb")).isEqualTo("a??b");
        assertThat(MemberAudit.printable("\u0000x\u001f\u007f")).isEqualTo("?x??");
        assertThat(MemberAudit.printable("tab\there")).isEqualTo("tab?here");
    }

    @Test
    void controlCharactersBeyondAsciiShouldBeKeptAsJavasCntrlClassKeepsThem() {
        assertThat(MemberAudit.printable("a\u0085b\u2028c")).isEqualTo("a\u0085b\u2028c");
    }

    @Test
    void longTextShouldBeCutAtTwoHundredCharactersBeforeItIsCleaned() {
        String name = "x".repeat(199) + "\r" + "\n".repeat(50);

        assertThat(MemberAudit.printable(name)).isEqualTo("x".repeat(199) + "?...");
        assertThat(MemberAudit.printable("y".repeat(200))).isEqualTo("y".repeat(200));
        assertThat(MemberAudit.printable("y".repeat(201))).isEqualTo("y".repeat(200) + "...");
    }
}
