package com.teaminbox.james.mailets;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.james.common.SharedMailboxRecipients;

/**
 * A mail written to two shared mailboxes becomes two mails, one per shared mailbox, because each
 * gets its own ticket tag in its own subject. The first shared mailbox keeps this mail (and any
 * other recipient); each other one gets a copy sent back to the start of this processor, or of
 * the processor named by the optional {@code processor} parameter (which must then tag and deliver
 * it as this one does).
 * <pre>{@code
 * <processor state="shared-mailbox">
 *   <mailet match="All" class="com.teaminbox.james.mailets.SplitPerSharedMailbox"/>
 *   ...
 * }</pre>
 */
public class SplitPerSharedMailbox extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(SplitPerSharedMailbox.class);

    static final String PROCESSOR = "processor";

    private final ConfigurationInForce configurationStore;
    private Optional<String> processor = Optional.empty();

    @Inject
    public SplitPerSharedMailbox(ConfigurationInForce configurationStore) {
        this.configurationStore = configurationStore;
    }

    @Override
    public void init() throws MessagingException {
        MailetParameters parameters = MailetParameters.of(this, Set.of(PROCESSOR));
        if (getInitParameter(PROCESSOR) != null && parameters.optional(PROCESSOR).isEmpty()) {
            throw parameters.refused(PROCESSOR, getInitParameter(PROCESSOR), "a processor name, or no parameter for this processor");
        }
        processor = parameters.optional(PROCESSOR);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        serve(mail, MailView.of(mail));
    }

    /** This step on the view the parts of {@link ServeSharedMailbox} share: the grouping it leaves is theirs. */
    void serve(Mail mail, MailView view) throws MessagingException {
        SharedMailboxesConfiguration configuration = configurationStore.current();
        Map<SharedMailbox, List<MailAddress>> groups = SharedMailboxRecipients.group(configuration, mail.getRecipients());
        if (groups.isEmpty()) {
            return;
        }
        Iterator<Map.Entry<SharedMailbox, List<MailAddress>>> entries = groups.entrySet().iterator();
        Map.Entry<SharedMailbox, List<MailAddress>> first = entries.next();
        if (groups.size() == 1) {
            rememberWhenOnlyShared(mail, view, configuration, first.getKey(), first.getValue(), mail.getRecipients());
            return;
        }
        Iterator<List<MailAddress>> others = groups.values().iterator();
        List<MailAddress> kept = new ArrayList<>(mail.getRecipients());
        others.next();
        while (others.hasNext()) {
            List<MailAddress> recipients = others.next();
            kept.removeAll(recipients);
            Mail copy = mail.duplicate();
            copy.setRecipients(recipients);
            try {
                getMailetContext().sendMail(copy, processor.orElse(mail.getState()));
            } finally {
                // sendMail stored its own copy in the spool; ours holds a message source to release.
                LifecycleUtil.dispose(copy);
            }
            LOGGER.debug("Split mail {} for shared mailbox {} into {}", mail.getName(), recipients, copy.getName());
        }
        mail.setRecipients(kept);
        rememberWhenOnlyShared(mail, view, configuration, first.getKey(), first.getValue(), kept);
    }

    /**
     * The mailets after this one group the recipients again unless told: told only when every
     * recipient left is the one shared mailbox's (a recipient that is no shared mailbox, kept
     * here, must not get that mailbox's keywords).
     */
    private static void rememberWhenOnlyShared(Mail mail, MailView view, SharedMailboxesConfiguration configuration,
                                               SharedMailbox sharedMailbox, List<MailAddress> group, Collection<MailAddress> recipients) {
        if (sameInOrder(recipients, group)) {
            SharedMailboxRecipients.remember(mail, sharedMailbox, group);
            // What SharedMailboxRecipients.group reads back from that attribute under this configuration.
            Map<SharedMailbox, List<MailAddress>> remembered = new LinkedHashMap<>();
            remembered.put(sharedMailbox, new ArrayList<>(group));
            view.remember(configuration, remembered);
        } else {
            mail.removeAttribute(SharedMailboxRecipients.ATTRIBUTE);
        }
    }

    /** {@code List.copyOf(recipients).equals(group)} without the copy: every mail for a shared mailbox passes here. */
    private static boolean sameInOrder(Collection<MailAddress> recipients, List<MailAddress> group) {
        if (recipients.size() != group.size()) {
            return false;
        }
        Iterator<MailAddress> grouped = group.iterator();
        for (MailAddress recipient : recipients) {
            if (!recipient.equals(grouped.next())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String getMailetInfo() {
        return "One mail per shared mailbox";
    }
}
