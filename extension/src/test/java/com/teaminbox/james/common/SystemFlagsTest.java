package com.teaminbox.james.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import javax.mail.Flags;

import org.junit.jupiter.api.Test;

class SystemFlagsTest {
    @Test
    void namesShouldSpellSystemFlagsAsImapDoesAndKeepKeywords() {
        Flags flags = new Flags(Flags.Flag.ANSWERED);
        flags.add(Flags.Flag.DELETED);
        flags.add("$Urgent");

        assertThat(SystemFlags.names(flags)).containsExactlyInAnyOrder("\\Answered", "\\Deleted", "$Urgent");
    }

    @Test
    void systemFlagShouldIgnoreCaseAndLeaveKeywordsAlone() {
        assertThat(SystemFlags.systemFlag("\\seen")).contains(Flags.Flag.SEEN);
        assertThat(SystemFlags.systemFlag("\\FLAGGED")).contains(Flags.Flag.FLAGGED);
        assertThat(SystemFlags.systemFlag("$Seen")).isEmpty();
        assertThat(SystemFlags.systemFlag("Seen")).isEmpty();
    }

    @Test
    void ofShouldBeTheInverseOfNames() {
        Flags flags = SystemFlags.of(List.of("\\Draft", "\\Recent", "$Billing"));

        assertThat(flags.contains(Flags.Flag.DRAFT)).isTrue();
        assertThat(flags.contains(Flags.Flag.RECENT)).isTrue();
        assertThat(flags.getUserFlags()).containsExactly("$Billing");
        assertThat(SystemFlags.of(SystemFlags.names(flags))).isEqualTo(flags);
    }
}
