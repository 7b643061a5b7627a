package com.teaminbox.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import javax.mail.Flags;

import org.apache.james.core.Username;
import org.apache.mailet.Mail;
import org.apache.mailet.StorageDirective;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;

class KeywordsTest {
    private static final Username SUPPORT = Username.of("support@example.test");

    private static Mail mail() throws Exception {
        return FakeMail.builder().name("mail").build();
    }

    @Test
    void nothingToStoreShouldLeaveTheMailWithoutADirective() throws Exception {
        Mail mail = mail();

        Keywords.setFolderAndFlags(mail, SUPPORT, Optional.empty(), false, false);
        Keywords.add(mail, SUPPORT, List.of());

        assertThat(mail.attributes()).isEmpty();
    }

    @Test
    void keywordsShouldBeAddedToThoseAnotherMailetAskedFor() throws Exception {
        Mail mail = mail();
        Keywords.add(mail, SUPPORT, "$Triage");

        Keywords.add(mail, SUPPORT, List.of("$Billing", "$Assigned-alice"));

        assertThat(StorageDirective.fromMail(SUPPORT, mail).getFlags().map(Flags::getUserFlags))
            .hasValueSatisfying(keywords -> assertThat(keywords).containsExactlyInAnyOrder("$Triage", "$Billing", "$Assigned-alice"));
    }

    @Test
    void folderAndFlagsShouldBeSetOnlyWhenAskedFor() throws Exception {
        Mail mail = mail();

        Keywords.setFolderAndFlags(mail, SUPPORT, Optional.of("Billing"), false, true);

        StorageDirective directive = StorageDirective.fromMail(SUPPORT, mail);
        assertThat(directive.getTargetFolder()).contains("Billing");
        assertThat(directive.getFlags()).hasValueSatisfying(flags -> {
            assertThat(flags.contains(Flags.Flag.FLAGGED)).isTrue();
            assertThat(flags.contains(Flags.Flag.SEEN)).isFalse();
        });
    }
}
