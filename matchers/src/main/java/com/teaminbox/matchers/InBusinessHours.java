package com.teaminbox.matchers;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

import com.teaminbox.core.autoreply.AcknowledgementSettings;
import com.teaminbox.core.autoreply.BusinessHours;
import com.teaminbox.core.config.ConfigurationInForce;

/**
 * Matches every mail processed while one shared mailbox is open, by the
 * {@code <business-hours>} of its {@code <acknowledgement>} (time zone, days, holidays). A shared
 * mailbox without business hours is always open; one no longer configured matches nothing.
 * <pre>{@code
 * <mailet match="com.teaminbox.matchers.InBusinessHours=support@example.test" class="ToProcessor">
 *   <processor>support-open</processor>
 * </mailet>
 * }</pre>
 */
public class InBusinessHours extends GenericMatcher {
    private final ConfigurationInForce configuration;
    private final Clock clock;
    private SharedMailboxCondition sharedMailbox;

    @Inject
    public InBusinessHours(ConfigurationInForce configuration, Clock clock) {
        this.configuration = configuration;
        this.clock = clock;
    }

    @Override
    public void init() throws MessagingException {
        sharedMailbox = SharedMailboxCondition.parse("InBusinessHours", Optional.ofNullable(getCondition()));
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        boolean open = sharedMailbox.in(configuration)
            .map(mailbox -> mailbox.acknowledgement().map(AcknowledgementSettings::businessHours).orElse(BusinessHours.ALWAYS_OPEN))
            .filter(hours -> hours.isOpen(clock.instant()))
            .isPresent();
        return open ? mail.getRecipients() : List.of();
    }

    @Override
    public String getMatcherInfo() {
        return "Mail processed within the business hours of the shared mailbox " + sharedMailbox.address().asString();
    }
}
