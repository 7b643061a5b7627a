package com.teaminbox.james.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.IdRange;
import org.apache.james.imap.message.request.CopyRequest;
import org.apache.james.imap.message.request.CreateRequest;
import org.apache.james.imap.message.request.GetQuotaRootRequest;
import org.apache.james.imap.message.request.NoopRequest;
import org.apache.james.imap.message.request.RenameRequest;
import org.apache.james.imap.message.request.SubscribeRequest;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.access.CommandRights;
import com.teaminbox.core.access.CommandRule;
import com.teaminbox.core.access.CommandScope;
import com.teaminbox.core.access.Right;
import com.teaminbox.core.access.Rights;

class MemberCommandGuardTest {
    private static final Tag TAG = new Tag("a1");

    @Test
    void theNamedFolderShouldBeTheCommandsMailboxArgument() {
        assertThat(MemberCommandGuard.namedFolder(new CreateRequest("Escalations.Urgent", TAG))).contains("Escalations.Urgent");
        assertThat(MemberCommandGuard.namedFolder(new GetQuotaRootRequest(TAG, "Ticket Registry"))).contains("Ticket Registry");
        assertThat(MemberCommandGuard.namedFolder(new SubscribeRequest("Archive", TAG))).contains("Archive");
    }

    @Test
    void copyShouldNameItsTargetAndRenameItsSource() {
        assertThat(MemberCommandGuard.namedFolder(new CopyRequest(new IdRange[] {new IdRange(1)}, "Billing", false, TAG)))
            .contains("Billing");
        assertThat(MemberCommandGuard.namedFolder(new RenameRequest("Templates", "Macros", TAG))).contains("Templates");
    }

    @Test
    void aCommandWithoutMailboxShouldNameNone() {
        assertThat(MemberCommandGuard.namedFolder(new NoopRequest(TAG))).isEmpty();
    }

    @Test
    void aCommandOnTheSelectedFolderShouldRunAtOnceOnlyWhenHerDecidedRightsHoldAllItNeeds() {
        CommandRule expunge = CommandRights.rule("EXPUNGE").orElseThrow();

        assertThat(MemberCommandGuard.runsOnDecidedRights(CommandRights.rule("FETCH").orElseThrow(), Optional.of(Rights.of(Right.LOOKUP, Right.READ))))
            .isTrue();
        assertThat(MemberCommandGuard.runsOnDecidedRights(expunge, Optional.of(Rights.of(Right.LOOKUP, Right.READ)))).isFalse();
        assertThat(MemberCommandGuard.runsOnDecidedRights(expunge, Optional.of(Rights.parse("lrswte")))).isTrue();
    }

    @Test
    void aMemberWhoLostReadOnHerSelectedFolderShouldNeverRunAtOnceSoTheGuardEndsHerSession() {
        assertThat(MemberCommandGuard.runsOnDecidedRights(CommandRights.rule("NOOP").orElseThrow(), Optional.of(Rights.of(Right.LOOKUP))))
            .isFalse();
        assertThat(MemberCommandGuard.runsOnDecidedRights(CommandRights.rule("FETCH").orElseThrow(), Optional.of(Rights.NONE))).isFalse();
    }

    @Test
    void rightsNotDecidedYetShouldBeReadBeforeAnyCommandRuns() {
        assertThat(MemberCommandGuard.runsOnDecidedRights(CommandRights.rule("NOOP").orElseThrow(), Optional.empty())).isFalse();
    }

    @Test
    void commandsNamingAFolderOrRefusedShouldAlwaysBeDecidedInFull() {
        Optional<Rights> all = Optional.of(Rights.parse("lrswipkxtea"));

        assertThat(MemberCommandGuard.runsOnDecidedRights(CommandRights.rule("SELECT").orElseThrow(), all)).isFalse();
        assertThat(MemberCommandGuard.runsOnDecidedRights(CommandRights.rule("CREATE").orElseThrow(), all)).isFalse();
        CommandRights.commands().stream().map(command -> CommandRights.rule(command).orElseThrow())
            .filter(rule -> rule.scope() == CommandScope.REFUSED)
            .forEach(rule -> assertThat(MemberCommandGuard.runsOnDecidedRights(rule, all)).as(rule.command()).isFalse());
    }

    @Test
    void withoutASelectedFolderOnlyACommandNeedingNoFolderShouldRunAtOnce() {
        assertThat(MemberCommandGuard.runsWithoutSelection(CommandRights.rule("NOOP").orElseThrow())).isTrue();
        assertThat(MemberCommandGuard.runsWithoutSelection(CommandRights.rule("FETCH").orElseThrow())).isFalse();
        assertThat(MemberCommandGuard.runsWithoutSelection(CommandRights.rule("STATUS").orElseThrow())).isFalse();
    }
}
