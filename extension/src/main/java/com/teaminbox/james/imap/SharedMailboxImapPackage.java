package com.teaminbox.james.imap;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.james.imap.decode.parser.LoginCommandParser;
import org.apache.james.imap.processor.AppendProcessor;
import org.apache.james.imap.processor.AuthenticateProcessor;
import org.apache.james.imap.processor.CloseProcessor;
import org.apache.james.imap.processor.CopyProcessor;
import org.apache.james.imap.processor.CreateProcessor;
import org.apache.james.imap.processor.DeleteACLProcessor;
import org.apache.james.imap.processor.DeleteProcessor;
import org.apache.james.imap.processor.ExpungeProcessor;
import org.apache.james.imap.processor.LSubProcessor;
import org.apache.james.imap.processor.ListProcessor;
import org.apache.james.imap.processor.MoveProcessor;
import org.apache.james.imap.processor.MyRightsProcessor;
import org.apache.james.imap.processor.RenameProcessor;
import org.apache.james.imap.processor.SearchProcessor;
import org.apache.james.imap.processor.SelectProcessor;
import org.apache.james.imap.processor.SetACLProcessor;
import org.apache.james.imap.processor.StoreProcessor;
import org.apache.james.imap.processor.XListProcessor;
import org.apache.james.imap.processor.fetch.FetchProcessor;
import org.apache.james.modules.protocols.ImapPackage;
import org.apache.james.utils.ClassName;

/**
 * James's IMAP stack with member access to shared mailboxes: every command goes through
 * {@link MemberCommandGuard}, which decides it on the rights table before James's processor runs;
 * the processors whose behaviour a role changes (SELECT as EXAMINE, FETCH as PEEK, filtered
 * listings, audited changes) are swapped for member subclasses, and {@code LOGIN "target*member"}
 * has its own. James keys processors by request class, so a replacement must take the default's
 * place rather than sit next to it.
 *
 * <pre>{@code
 * <!-- imapserver.xml: a child of the root element, for every IMAP server -->
 * <imapservers>
 *   <imapPackages>com.teaminbox.james.imap.SharedMailboxImapPackage</imapPackages>
 *   <imapserver enabled="true">...</imapserver>
 * </imapservers>
 * }</pre>
 */
public class SharedMailboxImapPackage implements ImapPackage {
    private static final Map<String, Class<?>> PROCESSOR_REPLACEMENTS = Map.ofEntries(
        Map.entry(AuthenticateProcessor.class.getCanonicalName(), MemberAuthenticateProcessor.class),
        Map.entry(SelectProcessor.class.getCanonicalName(), MemberSelectProcessor.class),
        Map.entry(FetchProcessor.class.getCanonicalName(), MemberFetchProcessor.class),
        Map.entry(StoreProcessor.class.getCanonicalName(), MemberStoreProcessor.class),
        Map.entry(ExpungeProcessor.class.getCanonicalName(), MemberExpungeProcessor.class),
        Map.entry(CloseProcessor.class.getCanonicalName(), MemberCloseProcessor.class),
        Map.entry(AppendProcessor.class.getCanonicalName(), MemberAppendProcessor.class),
        Map.entry(CopyProcessor.class.getCanonicalName(), MemberCopyProcessor.class),
        Map.entry(MoveProcessor.class.getCanonicalName(), MemberMoveProcessor.class),
        Map.entry(CreateProcessor.class.getCanonicalName(), MemberCreateProcessor.class),
        Map.entry(DeleteProcessor.class.getCanonicalName(), MemberDeleteProcessor.class),
        Map.entry(RenameProcessor.class.getCanonicalName(), MemberRenameProcessor.class),
        Map.entry(ListProcessor.class.getCanonicalName(), MemberListProcessor.class),
        Map.entry(XListProcessor.class.getCanonicalName(), MemberXListProcessor.class),
        Map.entry(LSubProcessor.class.getCanonicalName(), MemberLSubProcessor.class),
        Map.entry(MyRightsProcessor.class.getCanonicalName(), MemberMyRightsProcessor.class),
        Map.entry(SetACLProcessor.class.getCanonicalName(), MemberSetACLProcessor.class),
        Map.entry(DeleteACLProcessor.class.getCanonicalName(), MemberDeleteACLProcessor.class),
        Map.entry(SearchProcessor.class.getCanonicalName(), MemberSearchProcessor.class));
    private static final Map<String, Class<?>> DECODER_REPLACEMENTS = Map.of(
        LoginCommandParser.class.getCanonicalName(), MemberLoginCommandParser.class);

    /** One processor for every request: the guard, which runs {@link #guardedProcessors()} behind it. */
    @Override
    public Collection<ClassName> processors() {
        return List.of(new ClassName(MemberCommandGuard.class.getCanonicalName()));
    }

    /** James's default processors with the member subclasses swapped in, plus the member login's. */
    static List<ClassName> guardedProcessors() {
        return Stream.concat(swap(ImapPackage.DEFAULT.processors(), PROCESSOR_REPLACEMENTS),
                Stream.of(new ClassName(MemberLoginProcessor.class.getCanonicalName())))
            .collect(Collectors.toUnmodifiableList());
    }

    @Override
    public Collection<ClassName> decoders() {
        return swap(ImapPackage.DEFAULT.decoders(), DECODER_REPLACEMENTS).collect(Collectors.toUnmodifiableList());
    }

    @Override
    public Collection<ClassName> encoders() {
        return ImapPackage.DEFAULT.encoders();
    }

    private static Stream<ClassName> swap(Collection<ClassName> defaults, Map<String, Class<?>> replacements) {
        return defaults.stream()
            .map(name -> replacements.containsKey(name.getName())
                ? new ClassName(replacements.get(name.getName()).getCanonicalName())
                : name);
    }
}
