package com.teaminbox.core.sending;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.james.core.MailAddress;

import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.config.SharedMailboxesConfiguration;

/**
 * The shared mailboxes of one configuration by their address as lower-case text, built once per
 * configuration: checks that run on every SMTP command or mail ask a hash lookup instead of
 * parsing each address again and walking the configuration
 * ({@link SharedMailboxesConfiguration#find} does both). The answers are
 * {@link SharedMailboxesConfiguration#find}'s: a configured address is stored normalized (lower
 * case, no needless quotes), so a dot-atom address is ours exactly when its lower-case text is a
 * key; an address with a quoted local part (RFC 5321 section 4.1.2: {@code "support"@…} is
 * {@code support@…}) is rare and asked of the configuration.
 */
public final class SharedAddresses {
    private final SharedMailboxesConfiguration configuration;
    private final Map<String, SharedMailbox> byAddress;

    private SharedAddresses(SharedMailboxesConfiguration configuration) {
        this.configuration = configuration;
        Map<String, SharedMailbox> index = new HashMap<>();
        for (SharedMailbox sharedMailbox : configuration.sharedMailboxes()) {
            // putIfAbsent: find() answers the first shared mailbox of an address.
            index.putIfAbsent(sharedMailbox.address().asString().toLowerCase(Locale.ROOT), sharedMailbox);
        }
        this.byAddress = Map.copyOf(index);
    }

    public static SharedAddresses of(SharedMailboxesConfiguration configuration) {
        return new SharedAddresses(configuration);
    }

    /** Whether this index was built from that very configuration (a reload makes a new one). */
    public boolean isOf(SharedMailboxesConfiguration candidate) {
        return configuration == candidate;
    }

    public boolean isEmpty() {
        return byAddress.isEmpty();
    }

    /** As {@link SharedMailboxesConfiguration#find}. */
    public Optional<SharedMailbox> find(MailAddress address) {
        if (address.getLocalPart().startsWith("\"")) {
            return configuration.find(address);
        }
        return Optional.ofNullable(byAddress.get(address.asString().toLowerCase(Locale.ROOT)));
    }

    /**
     * Adds to {@code claimed} the shared mailboxes whose address the header value shows a reader,
     * as {@link #findSpelling} answers for each of {@link ShownAddresses#spellings}, in the order
     * shown: without the set of spellings, nor an {@code Optional} per spelling.
     */
    public void addShown(String headerValue, Collection<SharedMailbox> claimed) {
        if (byAddress.isEmpty()) {
            return;
        }
        ShownAddresses.forEachSpelling(headerValue, spelling -> {
            SharedMailbox sharedMailbox = byAddress.get(spelling);
            if (sharedMailbox != null) {
                claimed.add(sharedMailbox);
            }
        });
    }

    /** The shared mailbox of a spelling {@link ShownAddresses#spellings} found, if it is one of ours. */
    public Optional<SharedMailbox> findSpelling(String lowerCaseAddress) {
        return Optional.ofNullable(byAddress.get(lowerCaseAddress));
    }
}
