package com.teaminbox.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.MailboxACL;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.user.api.DelegationStore;
import org.apache.james.utils.ClassName;
import org.apache.james.utils.GuiceGenericLoader;
import org.apache.james.utils.GuiceProbe;
import org.apache.james.utils.UserDefinedStartable;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import com.teaminbox.demo.DemoHome;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Lets a test run one of our startables again, built by James's own extension loader (so with
 * the same singletons as the running server), and read what it left in James.
 */
public class ExtensionStartablesProbe implements GuiceProbe {
    public static final AbstractModule MODULE = new AbstractModule() {
        @Override
        protected void configure() {
            Multibinder.newSetBinder(binder(), GuiceProbe.class).addBinding().to(ExtensionStartablesProbe.class);
        }
    };

    private final GuiceGenericLoader loader;
    private final DelegationStore delegationStore;
    private final MailboxManager mailboxManager;

    @Inject
    public ExtensionStartablesProbe(GuiceGenericLoader loader, DelegationStore delegationStore, MailboxManager mailboxManager) {
        this.loader = loader;
        this.delegationStore = delegationStore;
        this.mailboxManager = mailboxManager;
    }

    public void start(String startableClass) throws Exception {
        UserDefinedStartable startable = loader.instantiate(new ClassName(startableClass));
        startable.start();
    }

    /** Starts one more instance of a startable, as James does at start, and gives it to the caller, who stops it. */
    public <T extends UserDefinedStartable> T started(Class<T> startableClass) throws Exception {
        T startable = loader.instantiate(new ClassName(startableClass.getName()));
        startable.start();
        return startable;
    }

    /**
     * Takes a startable out of the home's {@code extensions.properties}, for a test that starts the
     * only instance itself with {@link #started(Class)}: a schedule the test holds is one whose
     * completed checks it can count.
     */
    public static void withoutStartable(DemoHome home, Class<? extends UserDefinedStartable> startableClass) {
        Path file = home.configurationFile("extensions.properties");
        try {
            String extensions = Files.readString(file);
            String without = extensions.replace("," + startableClass.getName(), "").replace(startableClass.getName() + ",", "");
            if (without.equals(extensions)) {
                throw new IllegalStateException(startableClass.getName() + " is not a startable of " + file + ": " + extensions);
            }
            Files.writeString(file, without);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void delegate(String sharedMailbox, String user) {
        Mono.from(delegationStore.addAuthorizedUser(Username.of(sharedMailbox), Username.of(user))).block();
    }

    public List<String> authorizedUsers(String sharedMailbox) {
        return Flux.from(delegationStore.authorizedUsers(Username.of(sharedMailbox)))
            .map(Username::asString)
            .collectList()
            .block();
    }

    /** The ACL of one folder of a shared account, as user → RFC 4314 letters. */
    public Map<String, String> acl(String sharedMailbox, String folder) throws MailboxException {
        MailboxSession session = mailboxManager.createSystemSession(Username.of(sharedMailbox));
        Map<String, String> entries = new TreeMap<>();
        mailboxManager.listRights(MailboxPath.forUser(session.getUser(), folder), session).getEntries()
            .forEach((key, rights) -> entries.put(key.getName(), rights.serialize()));
        return entries;
    }

    /** Grants rights by hand, as an administrator could through the mailbox layer. */
    public void grant(String sharedMailbox, String folder, String user, String rights) throws MailboxException {
        MailboxSession session = mailboxManager.createSystemSession(Username.of(sharedMailbox));
        mailboxManager.applyRightsCommand(MailboxPath.forUser(session.getUser(), folder),
            MailboxACL.command().forUser(Username.of(user)).rights(MailboxACL.Rfc4314Rights.deserialize(rights)).asAddition(),
            session);
    }
}
