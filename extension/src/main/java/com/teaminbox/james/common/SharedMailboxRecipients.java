package com.teaminbox.james.common;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.james.core.MailAddress;

import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.config.SharedMailboxesConfiguration;

/** Groups a mail's recipients by the shared mailbox they are, in the order they were given. */
public final class SharedMailboxRecipients {
    private SharedMailboxRecipients() {
    }

    public static Map<SharedMailbox, List<MailAddress>> group(SharedMailboxesConfiguration configuration,
                                                       Collection<MailAddress> recipients) {
        Map<SharedMailbox, List<MailAddress>> groups = new LinkedHashMap<>();
        for (MailAddress recipient : recipients) {
            Optional<SharedMailbox> sharedMailbox = configuration.find(recipient);
            sharedMailbox.ifPresent(mailbox -> groups.computeIfAbsent(mailbox, any -> new ArrayList<>()).add(recipient));
        }
        return groups;
    }
}
