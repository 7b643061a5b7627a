package com.teaminbox.it;

import javax.inject.Inject;

import org.apache.james.utils.ClassName;
import org.apache.james.utils.GuiceGenericLoader;
import org.apache.james.utils.GuiceProbe;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;

/** Reaches the ticket registry and the SLA ledger of a running server, built by James's extension loader with the server's own singletons. */
public class TicketRegistryProbe implements GuiceProbe {
    public static final AbstractModule MODULE = new AbstractModule() {
        @Override
        protected void configure() {
            Multibinder.newSetBinder(binder(), GuiceProbe.class).addBinding().to(TicketRegistryProbe.class);
        }
    };

    private final GuiceGenericLoader loader;

    @Inject
    public TicketRegistryProbe(GuiceGenericLoader loader) {
        this.loader = loader;
    }

    public TicketCostMeter meter() throws ClassNotFoundException {
        return loader.instantiate(new ClassName(TicketCostMeter.class.getName()));
    }

    public MailboxWorkMeter mailboxWorkMeter() throws ClassNotFoundException {
        return loader.instantiate(new ClassName(MailboxWorkMeter.class.getName()));
    }

    public ReplyThreadingMeter replyThreadingMeter() throws ClassNotFoundException {
        return loader.instantiate(new ClassName(ReplyThreadingMeter.class.getName()));
    }

    public SlaCostMeter slaMeter() throws ClassNotFoundException {
        return loader.instantiate(new ClassName(SlaCostMeter.class.getName()));
    }
}
