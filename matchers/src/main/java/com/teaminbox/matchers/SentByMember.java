package com.teaminbox.matchers;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailbox;

/**
 * Matches mail a member of a shared mailbox sent, as the SMTP AUTH identity says (the envelope
 * sender and {@code From:} can be written by anyone, so they are not looked at). With a
 * condition, only members of that shared mailbox; without, members of any.
 * <pre>{@code
 * <mailet match="com.teaminbox.matchers.SentByMember=support@example.test" class="SetMimeHeader">
 *   <name>X-Sent-By-Support-Team</name>
 *   <value>yes</value>
 * </mailet>
 * }</pre>
 */
public class SentByMember extends GenericMatcher {
    private final ConfigurationInForce configuration;
    private Optional<SharedMailboxCondition> sharedMailbox = Optional.empty();

    @Inject
    public SentByMember(ConfigurationInForce configuration) {
        this.configuration = configuration;
    }

    @Override
    public void init() throws MessagingException {
        if (getCondition() != null && !getCondition().isBlank()) {
            sharedMailbox = Optional.of(SharedMailboxCondition.parse("SentByMember", Optional.of(getCondition())));
        }
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        Optional<MailAddress> user = AttributeUtils.getValueAndCastFromMail(mail, Mail.SMTP_AUTH_USER, String.class)
            .flatMap(SentByMember::address);
        boolean member = user.filter(address -> mailboxes().anyMatch(mailbox -> mailbox.members().stream()
            .anyMatch(candidate -> candidate.address().equals(address)))).isPresent();
        return member ? mail.getRecipients() : List.of();
    }

    @Override
    public String getMatcherInfo() {
        return "Mail sent, after SMTP AUTH, by a member of " + sharedMailbox.map(condition -> "the shared mailbox "
            + condition.address().asString()).orElse("any shared mailbox");
    }

    private Stream<SharedMailbox> mailboxes() {
        return sharedMailbox.map(condition -> condition.in(configuration).stream())
            .orElseGet(() -> configuration.current().sharedMailboxes().stream());
    }

    /** James stores the AUTH identity as the user name: a full address on a virtual-hosting server. */
    private static Optional<MailAddress> address(String user) {
        try {
            return Optional.of(new MailAddress(user));
        } catch (javax.mail.internet.AddressException e) {
            return Optional.empty();
        }
    }
}
