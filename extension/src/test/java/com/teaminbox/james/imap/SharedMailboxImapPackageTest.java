package com.teaminbox.james.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.james.imap.decode.parser.LoginCommandParser;
import org.apache.james.imap.processor.SelectProcessor;
import org.apache.james.imap.processor.StoreProcessor;
import org.apache.james.modules.protocols.ImapPackage;
import org.apache.james.utils.ClassName;
import org.junit.jupiter.api.Test;

class SharedMailboxImapPackageTest {
    private final SharedMailboxImapPackage imapPackage = new SharedMailboxImapPackage();

    @Test
    void everyCommandShouldGoThroughTheGuard() {
        assertThat(names(imapPackage.processors())).containsExactly(MemberCommandGuard.class.getName());
    }

    @Test
    void processorsShouldReplaceDefaultsOneForOneAndAddOnlyTheMemberLogin() {
        List<String> processors = names(SharedMailboxImapPackage.guardedProcessors());

        // James keys processors by request class: a default next to its replacement fails the server
        assertThat(processors).hasSize(ImapPackage.DEFAULT.processors().size() + 1)
            .doesNotHaveDuplicates()
            .contains(MemberStoreProcessor.class.getName(), MemberSelectProcessor.class.getName(),
                MemberLoginProcessor.class.getName())
            .doesNotContain(StoreProcessor.class.getName(), SelectProcessor.class.getName());
    }

    @Test
    void everyMemberProcessorShouldBeRegistered() {
        List<String> processors = names(SharedMailboxImapPackage.guardedProcessors());

        assertThat(List.of(MemberAuthenticateProcessor.class, MemberSelectProcessor.class,
                MemberFetchProcessor.class, MemberStoreProcessor.class, MemberExpungeProcessor.class, MemberCloseProcessor.class,
                MemberAppendProcessor.class, MemberCopyProcessor.class, MemberMoveProcessor.class, MemberCreateProcessor.class,
                MemberDeleteProcessor.class, MemberRenameProcessor.class, MemberListProcessor.class,
                MemberXListProcessor.class, MemberLSubProcessor.class, MemberMyRightsProcessor.class,
                MemberSetACLProcessor.class, MemberDeleteACLProcessor.class, MemberSearchProcessor.class))
            .allSatisfy(processor -> assertThat(processors).contains(processor.getName()));
    }

    @Test
    void loginParserShouldBeSwappedAndOtherDecodersKept() {
        List<String> decoders = names(imapPackage.decoders());

        assertThat(decoders).hasSameSizeAs(ImapPackage.DEFAULT.decoders())
            .contains(MemberLoginCommandParser.class.getName())
            .doesNotContain(LoginCommandParser.class.getName());
    }

    @Test
    void encodersShouldBeJamesDefaults() {
        assertThat(names(imapPackage.encoders())).isEqualTo(names(ImapPackage.DEFAULT.encoders()));
    }

    private static List<String> names(Collection<ClassName> classNames) {
        return classNames.stream().map(ClassName::getName).collect(Collectors.toList());
    }
}
