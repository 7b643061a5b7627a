package com.teaminbox.james.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.decode.base.AbstractImapCommandParser;
import org.apache.james.imap.decode.parser.UidCommandParser;
import org.apache.james.imap.message.response.UnpooledStatusResponseFactory;
import org.apache.james.modules.protocols.ImapPackage;
import org.apache.james.utils.ClassName;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.access.CommandRights;

/**
 * Deny by default holds only if the table is reviewed whenever James's command list changes: these
 * tests fail when an upgrade of James offers a command the table does not name (members would then
 * be refused it without anyone deciding), or when the table names one James no longer offers.
 */
class MemberCommandTableTest {
    @Test
    void theRightsTableShouldNameEveryCommandJamesOffers() throws Exception {
        assertThat(CommandRights.commands()).containsAll(commandsOfferedByJames());
    }

    @Test
    void theRightsTableShouldNameOnlyCommandsJamesOffers() throws Exception {
        assertThat(commandsOfferedByJames()).containsAll(CommandRights.commands());
    }

    @Test
    void theGuardedPackageShouldOfferExactlyJamesCommands() throws Exception {
        List<Class<?>> ours = new ArrayList<>();
        for (ClassName name : new SharedMailboxImapPackage().decoders()) {
            ours.add(Class.forName(name.getName()));
        }

        assertThat(ours).hasSameSizeAs(ImapPackage.DEFAULT.decoders());
        for (ClassName name : ImapPackage.DEFAULT.decoders()) {
            Class<?> jamesParser = Class.forName(name.getName());
            assertThat(ours).as("James's %s, or ours in its place", jamesParser.getSimpleName())
                .anySatisfy(parser -> assertThat(jamesParser).isAssignableFrom(parser));
        }
    }

    /** The command names of James 3.8.1's default parsers; UID is a prefix whose requests are FETCH, STORE, COPY... */
    private static Set<String> commandsOfferedByJames() throws Exception {
        StatusResponseFactory factory = new UnpooledStatusResponseFactory();
        Set<String> commands = new TreeSet<>();
        for (ClassName name : ImapPackage.DEFAULT.decoders()) {
            Class<?> parserClass = Class.forName(name.getName());
            if (parserClass.equals(UidCommandParser.class)) {
                continue;
            }
            Constructor<?> constructor = parserClass.getConstructors()[0];
            Object[] arguments = Arrays.stream(constructor.getParameterTypes())
                .map(type -> type.equals(Clock.class) ? Clock.systemUTC() : factory)
                .toArray();
            commands.add(((AbstractImapCommandParser) constructor.newInstance(arguments)).getCommand().getName());
        }
        return commands;
    }
}
