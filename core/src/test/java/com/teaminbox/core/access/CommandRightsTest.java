package com.teaminbox.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommandRightsTest {
    @Test
    void aCommandTheTableDoesNotNameShouldHaveNoRule() {
        assertThat(CommandRights.rule("REPLACE")).as("RFC 8508, not in James 3.8.1's default package").isEmpty();
        assertThat(CommandRights.rule("XYZZY")).isEmpty();
    }

    @Test
    void commandsShouldBeFoundInAnyCase() {
        assertThat(CommandRights.rule("select")).isEqualTo(CommandRights.rule("SELECT"));
    }

    @Test
    void readingShouldNeedRAndChangingItsOwnRight() {
        assertThat(CommandRights.rule("SEARCH")).get().isEqualTo(new CommandRule("SEARCH", CommandScope.SELECTED, Rights.parse("r"), ""));
        assertThat(CommandRights.rule("STATUS").get().rights()).isEqualTo(Rights.parse("r"));
        assertThat(CommandRights.rule("GETQUOTAROOT").get().rights()).isEqualTo(Rights.parse("r"));
        assertThat(CommandRights.rule("EXPUNGE").get().rights()).isEqualTo(Rights.parse("e"));
        assertThat(CommandRights.rule("APPEND").get().rights()).isEqualTo(Rights.parse("i"));
        assertThat(CommandRights.rule("SETACL").get().rights()).isEqualTo(Rights.parse("a"));
    }

    @Test
    void creatingAndSubscribingShouldNeedKWhereTheFolderGoes() {
        assertThat(CommandRights.rule("CREATE").get()).isEqualTo(new CommandRule("CREATE", CommandScope.PARENT, Rights.parse("k"), ""));
        assertThat(CommandRights.rule("SUBSCRIBE").get().scope()).isEqualTo(CommandScope.PARENT);
        assertThat(CommandRights.rule("UNSUBSCRIBE").get().rights()).isEqualTo(Rights.parse("k"));
    }

    @Test
    void setQuotaShouldBeRefusedToEveryMember() {
        assertThat(CommandRights.rule("SETQUOTA").get().scope()).isEqualTo(CommandScope.REFUSED);
    }

    @Test
    void aRuleWithoutAFolderShouldNeedNoRight() {
        assertThat(CommandRights.commands()).allSatisfy(command -> {
            CommandRule rule = CommandRights.rule(command).get();
            if (rule.scope() == CommandScope.NONE) {
                assertThat(rule.rights().isEmpty()).as(command).isTrue();
            }
        });
        assertThatThrownBy(() -> new CommandRule("NOOP", CommandScope.NONE, Rights.parse("r"), ""))
            .hasMessage("command NOOP needs rights 'r' but names no folder");
    }

    @Test
    void intersectionShouldKeepOnlyTheRightsOfBoth() {
        assertThat(Rights.parse("lrswi").intersection(Rights.parse("lr"))).isEqualTo(Rights.parse("lr"));
        assertThat(Rights.parse("lr").intersection(Rights.NONE)).isEqualTo(Rights.NONE);
    }
}
