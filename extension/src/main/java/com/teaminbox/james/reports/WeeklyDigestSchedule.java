package com.teaminbox.james.reports;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.vacation.api.AccountId;
import org.apache.james.vacation.api.RecipientId;
import org.apache.mailet.MailetContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.reports.ReportPeriod;
import com.teaminbox.core.reports.TicketReport;
import com.teaminbox.core.reports.WeeklyDigest;
import com.teaminbox.james.common.PeriodicSchedule;
import com.teaminbox.james.storage.SerialNotificationRegistry;

/**
 * Mails each shared mailbox's weekly review to the recipients of its
 * {@code <reports><weekly-digest to day time/></reports>}: at that day and time (in the digest's
 * time zone, else the mailbox's business hours'), covering the seven days before that day.
 * It checks once a {@link #TICK}; a node that was down at the time sends when it is back, on
 * the same day ({@link #CATCH_UP}). Each digest is sent once across the cluster: it is claimed
 * first in James's notification registry (docs/reports.md says what two nodes at the same second
 * can still do). A failure is logged and tried again at the next tick, never reaching James.
 *
 * <pre>
 * # extensions.properties
 * guice.extension.startable=…,com.teaminbox.james.reports.WeeklyDigestSchedule
 * </pre>
 */
public class WeeklyDigestSchedule extends PeriodicSchedule {
    /** Tests shorten the tick with this system property (milliseconds); production keeps a minute. */
    public static final String TICK_PROPERTY = "teaminbox.reports.tick-millis";
    /** A digest not sent within this long after its time (the node was down) is skipped: a stale review helps nobody. */
    public static final Duration CATCH_UP = Duration.ofHours(12);
    private static final Logger LOGGER = LoggerFactory.getLogger(WeeklyDigestSchedule.class);
    private static final DateTimeFormatter SLOT = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmm", Locale.ROOT);

    private final ConfigurationInForce configurationStore;
    private final SharedMailboxReports reports;
    private final SerialNotificationRegistry registry;
    private final MailetContext mailetContext;

    @Inject
    public WeeklyDigestSchedule(ConfigurationInForce configurationStore, SharedMailboxReports reports,
                                SerialNotificationRegistry registry, MailetContext mailetContext, Clock clock) {
        super("Weekly digest schedule", "teaminbox-weekly-digest", TICK_PROPERTY, clock);
        this.configurationStore = configurationStore;
        this.reports = reports;
        this.registry = registry;
        this.mailetContext = mailetContext;
    }

    /** Sends what is due. */
    @Override
    protected void checkAt(Instant now) {
        for (SharedMailbox sharedMailbox : configurationStore.current().sharedMailboxes()) {
            sharedMailbox.reports().weeklyDigest().ifPresent(digest -> sendIfDue(sharedMailbox, digest, now));
        }
    }

    /** The latest time of {@code digest} at or before {@code now}. */
    static ZonedDateTime lastSlot(WeeklyDigest digest, ZoneId zone, Instant now) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime slot = local.toLocalDate().with(TemporalAdjusters.previousOrSame(digest.day())).atTime(digest.time()).atZone(zone);
        return slot.isAfter(local) ? slot.minusWeeks(1) : slot;
    }

    private void sendIfDue(SharedMailbox sharedMailbox, WeeklyDigest digest, Instant now) {
        ZoneId zone = digest.timeZone().orElse(SharedMailboxReports.zone(sharedMailbox));
        ZonedDateTime slot = lastSlot(digest, zone, now);
        if (Duration.between(slot.toInstant(), now).compareTo(CATCH_UP) > 0) {
            return;
        }
        AccountId account = AccountId.fromString("teaminbox-weekly-digest:" + sharedMailbox.address().asString());
        RecipientId claim;
        try {
            claim = RecipientId.fromMailAddress(new MailAddress(SLOT.format(slot.withZoneSameInstant(ZoneId.of("UTC")))
                + "@digest.teaminbox.invalid"));
        } catch (javax.mail.internet.AddressException e) {
            throw new IllegalStateException("A slot is a valid local part", e);
        }
        if (registry.isRegistered(account, claim)) {
            return;
        }
        try {
            LocalDate lastDay = slot.toLocalDate().minusDays(1);
            TicketReport report = reports.report(sharedMailbox, ReportPeriod.weekEnding(lastDay, SharedMailboxReports.zone(sharedMailbox)));
            MimeMessage message = WeeklyDigestMail.of(report, digest);
            if (!registry.registerIfAbsent(account, claim, Optional.empty())) {
                return;
            }
            mailetContext.sendMail(MailAddress.nullSender(), digest.to(), message);
            LOGGER.info("Weekly digest of {} for {} to {} sent", sharedMailbox.address().asString(), report.period().from() + "/"
                + report.period().to(), digest.to());
        } catch (Exception e) {
            LOGGER.error("Weekly digest of {} could not be sent; trying again at the next tick", sharedMailbox.address().asString(), e);
        }
    }
}
