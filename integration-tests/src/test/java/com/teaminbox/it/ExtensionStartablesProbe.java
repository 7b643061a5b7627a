package com.teaminbox.it;

import java.util.List;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.user.api.DelegationStore;
import org.apache.james.utils.ClassName;
import org.apache.james.utils.GuiceGenericLoader;
import org.apache.james.utils.GuiceProbe;
import org.apache.james.utils.UserDefinedStartable;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;

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

    @Inject
    public ExtensionStartablesProbe(GuiceGenericLoader loader, DelegationStore delegationStore) {
        this.loader = loader;
        this.delegationStore = delegationStore;
    }

    public void start(String startableClass) throws Exception {
        UserDefinedStartable startable = loader.instantiate(new ClassName(startableClass));
        startable.start();
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
}
