package com.teaminbox.it;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import com.google.inject.AbstractModule;
import com.google.inject.util.Modules;
import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.audit.AuditTrail;
import com.teaminbox.james.SharedMailboxesModule;

/**
 * Keeps every audit event of the server in memory. Our {@code AuditTrail} binding lives in the
 * child injector James builds extensions with, where a parent binding cannot replace it, so this
 * module takes {@link SharedMailboxesModule}'s place in {@code extensions.properties}:
 * <pre>
 * guice.extension.module=com.teaminbox.it.CapturedAudit$Module
 * </pre>
 */
public final class CapturedAudit {
    public static final String EXTENSION_MODULE = Module.class.getName();
    private static final List<AuditEvent> EVENTS = new CopyOnWriteArrayList<>();

    private CapturedAudit() {
    }

    public static void clear() {
        EVENTS.clear();
    }

    public static List<AuditEvent> events(AuditEventType type) {
        return EVENTS.stream().filter(event -> event.type() == type).collect(Collectors.toList());
    }

    public static class Module extends AbstractModule {
        @Override
        protected void configure() {
            install(Modules.override(new SharedMailboxesModule())
                .with(binder -> binder.bind(AuditTrail.class).toInstance(EVENTS::add)));
        }
    }
}
