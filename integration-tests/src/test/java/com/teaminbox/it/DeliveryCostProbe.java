package com.teaminbox.it;

import javax.inject.Inject;

import org.apache.james.utils.ClassName;
import org.apache.james.utils.GuiceGenericLoader;
import org.apache.james.utils.GuiceProbe;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;

/** Reaches {@link DeliveryCostMeter}, built by James's extension loader with the server's own singletons. */
public class DeliveryCostProbe implements GuiceProbe {
    public static final AbstractModule MODULE = new AbstractModule() {
        @Override
        protected void configure() {
            Multibinder.newSetBinder(binder(), GuiceProbe.class).addBinding().to(DeliveryCostProbe.class);
        }
    };

    private final GuiceGenericLoader loader;

    @Inject
    public DeliveryCostProbe(GuiceGenericLoader loader) {
        this.loader = loader;
    }

    public DeliveryCostMeter meter() throws ClassNotFoundException {
        return loader.instantiate(new ClassName(DeliveryCostMeter.class.getName()));
    }
}
