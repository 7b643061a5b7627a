package com.teaminbox.matchers;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailbox;

/**
 * Matches mail whose subject carries a ticket tag of one shared mailbox, in that mailbox's own
 * tag format ({@code [SUP-1042]} by default, or its {@code ticket-format}): a reply in a
 * conversation TeamInbox already knows. Only the tag's form is checked, not that the ticket exists.
 * <pre>{@code
 * <mailet match="com.teaminbox.matchers.HasTicketTag=support@example.test" class="SetMimeHeader">
 *   <name>X-Support-Reply</name>
 *   <value>yes</value>
 * </mailet>
 * }</pre>
 */
public class HasTicketTag extends GenericMatcher {
    private final ConfigurationInForce configuration;
    private SharedMailboxCondition sharedMailbox;

    @Inject
    public HasTicketTag(ConfigurationInForce configuration) {
        this.configuration = configuration;
    }

    @Override
    public void init() throws MessagingException {
        sharedMailbox = SharedMailboxCondition.parse("HasTicketTag", Optional.ofNullable(getCondition()));
    }

    @Override
    public Collection<MailAddress> match(Mail mail) throws MessagingException {
        Optional<SharedMailbox> mailbox = sharedMailbox.in(configuration);
        String subject = Optional.ofNullable(mail.getMessage().getSubject()).orElse("");
        boolean tagged = mailbox.filter(found -> !found.subjectConventions().tagFormat().findAll(subject, found.ticketPrefix()).isEmpty())
            .isPresent();
        return tagged ? mail.getRecipients() : List.of();
    }

    @Override
    public String getMatcherInfo() {
        return "Mail whose subject carries a ticket tag of the shared mailbox " + sharedMailbox.address().asString();
    }
}
