package com.teaminbox.matchers;

import java.util.Optional;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;

import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailbox;

/**
 * The condition most of our matchers take, {@code HasTicketTag=support@example.test}: the address
 * of one shared mailbox. Read and checked in {@code init()}; looked up in the configuration in
 * force on each mail, so that a reload that changes the mailbox is seen at once (and one that
 * removes it makes the matcher match nothing rather than fail the mail).
 */
final class SharedMailboxCondition {
    private final MailAddress address;

    private SharedMailboxCondition(MailAddress address) {
        this.address = address;
    }

    /** @throws MessagingException naming the matcher and the accepted form, as James shows it at start */
    static SharedMailboxCondition parse(String matcherName, Optional<String> condition) throws MessagingException {
        String value = condition.map(String::strip).filter(text -> !text.isEmpty())
            .orElseThrow(() -> new MessagingException(matcherName + " needs the address of a shared mailbox, as in "
                + matcherName + "=support@example.test"));
        try {
            return new SharedMailboxCondition(new MailAddress(value));
        } catch (javax.mail.internet.AddressException e) {
            throw new MessagingException(matcherName + "=" + value + ": '" + value
                + "' is not a mail address; write the shared mailbox's address, as in " + matcherName + "=support@example.test", e);
        }
    }

    MailAddress address() {
        return address;
    }

    Optional<SharedMailbox> in(ConfigurationInForce configuration) {
        return configuration.current().find(address);
    }
}
