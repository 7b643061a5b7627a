package com.teaminbox.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

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

    @Test
    void folderFlagsAndKeywordsInOneDirectiveShouldSetTheAttributesOfTheTwoCalls() throws Exception {
        for (Optional<String> folder : List.of(Optional.<String>empty(), Optional.of("Billing"))) {
            for (int flags = 0; flags < 4; flags++) {
                for (List<String> added : List.of(List.<String>of(), List.of("$Billing", "$Assigned-alice"))) {
                    boolean seen = (flags & 1) != 0;
                    boolean flagged = (flags & 2) != 0;
                    Mail apart = mail();
                    Keywords.add(apart, SUPPORT, "$Triage");
                    Keywords.setFolderAndFlags(apart, SUPPORT, folder, seen, flagged);
                    Keywords.add(apart, SUPPORT, added);
                    Mail together = mail();
                    Keywords.add(together, SUPPORT, "$Triage");

                    Keywords.setFolderFlagsAndAdd(together, SUPPORT, folder, seen, flagged, added);

                    assertThat(together.attributes().collect(Collectors.toList())).as("%s, seen %s, flagged %s, %s", folder, seen, flagged, added)
                        .containsExactlyInAnyOrderElementsOf(apart.attributes().collect(Collectors.toList()));
                }
            }
        }
    }
}
