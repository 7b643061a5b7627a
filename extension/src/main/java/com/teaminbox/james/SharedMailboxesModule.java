package com.teaminbox.james;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;
import com.teaminbox.core.audit.AuditListener;
import com.teaminbox.core.audit.AuditTrail;
import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.ticket.store.ConversationIndex;
import com.teaminbox.core.ticket.store.TicketRegistry;
import com.teaminbox.james.audit.AuditStorage;
import com.teaminbox.james.audit.FileAuditStorage;
import com.teaminbox.james.audit.ServerAuditTrail;
import com.teaminbox.james.autoreply.AcknowledgementLedger;
import com.teaminbox.james.configuration.SharedMailboxesConfigurationStore;
import com.teaminbox.james.outgoing.CollisionGuard;
import com.teaminbox.james.outgoing.HeldMails;
import com.teaminbox.james.rules.CompiledRules;
import com.teaminbox.james.sla.SlaAuditListener;
import com.teaminbox.james.sla.SlaLedger;
import com.teaminbox.james.storage.SerialNotificationRegistry;
import com.teaminbox.james.ticket.KnownMessageIds;
import com.teaminbox.james.ticket.MailboxConversationIndex;
import com.teaminbox.james.ticket.MailboxTicketRegistry;
import com.teaminbox.james.ticket.MessageTickets;
import com.teaminbox.james.webhooks.WebhookDispatcher;
import com.teaminbox.james.webhooks.WebhookListener;

/**
 * The bindings our mailets, matchers and startables share. James loads it in the child injector
 * it builds extensions with:
 * <pre>
 * # extensions.properties
 * guice.extension.module=com.teaminbox.james.SharedMailboxesModule
 * </pre>
 */
public class SharedMailboxesModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(SharedMailboxesConfigurationStore.class).in(Scopes.SINGLETON);
        bind(ConfigurationInForce.class).to(SharedMailboxesConfigurationStore.class);
        // One instance, hence one lock, for every user of James's notification registry on this node.
        bind(SerialNotificationRegistry.class).in(Scopes.SINGLETON);
        bind(KnownMessageIds.class).in(Scopes.SINGLETON);
        // One instance, hence one lock, for every write to James's memory vacation repository from this extension.
        bind(MessageTickets.class).in(Scopes.SINGLETON);
        bind(MailboxTicketRegistry.class).in(Scopes.SINGLETON);
        bind(TicketRegistry.class).to(MailboxTicketRegistry.class);
        bind(MailboxConversationIndex.class).in(Scopes.SINGLETON);
        bind(ConversationIndex.class).to(MailboxConversationIndex.class);
        bind(CompiledRules.class).in(Scopes.SINGLETON);
        bind(AcknowledgementLedger.class).in(Scopes.SINGLETON);
        bind(ServerAuditTrail.class).in(Scopes.SINGLETON);
        bind(AuditTrail.class).to(ServerAuditTrail.class);
        // Features that react to what the trail records add themselves here: Multibinder.newSetBinder(binder(), AuditListener.class).addBinding().to(...)
        Multibinder.newSetBinder(binder(), AuditListener.class);
        bind(WebhookDispatcher.class).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), AuditListener.class).addBinding().to(WebhookListener.class);
        // Ticket lifecycle and SLA clocks (docs/sla.md).
        bind(SlaLedger.class).in(Scopes.SINGLETON);
        bind(SlaAuditListener.class).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), AuditListener.class).addBinding().to(SlaAuditListener.class);
        bind(FileAuditStorage.class).in(Scopes.SINGLETON);
        bind(AuditStorage.class).to(FileAuditStorage.class);
        // Outgoing care (docs/outgoing.md): stateless over the mailbox, the notification registry and a mail repository.
        bind(CollisionGuard.class).in(Scopes.SINGLETON);
        bind(HeldMails.class).in(Scopes.SINGLETON);
    }
}
