package com.teaminbox.it;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.utils.UserDefinedStartable;

import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.james.ticket.KnownMessageIds;

/**
 * After {@link MailStoredBeforeUpgrade}: support@'s Message-ID memory as a version of
 * 2026-11-27 to 2026-12-06 left it, the identifiers backfilled and remembered without their
 * ticket. Runs before provisioning.
 */
public class MessageIdsRememberedWithoutTickets implements UserDefinedStartable {
    private final KnownMessageIds knownMessageIds;
    private final ConfigurationInForce configuration;

    @Inject
    public MessageIdsRememberedWithoutTickets(KnownMessageIds knownMessageIds, ConfigurationInForce configuration) {
        this.knownMessageIds = knownMessageIds;
        this.configuration = configuration;
    }

    @Override
    public void start() {
        try {
            SharedMailbox support = configuration.current().find(new MailAddress("support@example.test")).orElseThrow();
            knownMessageIds.remember(KnownMessageIds.Fact.OPENED_TICKET, support, MailStoredBeforeUpgrade.ORIGIN);
            knownMessageIds.remember(KnownMessageIds.Fact.CARRIES_TICKET, support, MailStoredBeforeUpgrade.ORIGIN);
            knownMessageIds.markBackfilled(KnownMessageIds.Backfill.IDENTIFIERS, support);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
