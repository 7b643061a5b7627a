package com.teaminbox.core.config;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apache.james.core.MailAddress;

import com.teaminbox.core.audit.AuditSettings;
import com.teaminbox.core.mailbox.Addresses;
import com.teaminbox.core.mailbox.Role;

/** Everything the configuration file declares: the shared mailboxes and the roles they use. */
public final class SharedMailboxesConfiguration {
    public static final SharedMailboxesConfiguration EMPTY = new SharedMailboxesConfiguration(List.of(), Role.BUILT_IN);

    private final List<SharedMailbox> sharedMailboxes;
    /** By the configured (normalized) address's text: every recipient of every mail is looked up here. */
    private final Map<String, SharedMailbox> byAddress;
    private final List<Role> roles;
    private final AuditSettings audit;
    private final boolean ungovernedSmtpServersAllowed;

    public SharedMailboxesConfiguration(List<SharedMailbox> sharedMailboxes, List<Role> roles) {
        this(sharedMailboxes, roles, AuditSettings.DEFAULT);
    }

    public SharedMailboxesConfiguration(List<SharedMailbox> sharedMailboxes, List<Role> roles, AuditSettings audit) {
        this(sharedMailboxes, roles, audit, false);
    }

    private SharedMailboxesConfiguration(List<SharedMailbox> sharedMailboxes, List<Role> roles, AuditSettings audit,
                                         boolean ungovernedSmtpServersAllowed) {
        this.sharedMailboxes = List.copyOf(sharedMailboxes);
        Map<String, SharedMailbox> index = new HashMap<>();
        for (SharedMailbox sharedMailbox : this.sharedMailboxes) {
            index.putIfAbsent(key(sharedMailbox.address()), sharedMailbox);
        }
        this.byAddress = Map.copyOf(index);
        this.roles = List.copyOf(roles);
        this.audit = Objects.requireNonNull(audit, "audit");
        this.ungovernedSmtpServersAllowed = ungovernedSmtpServersAllowed;
    }

    /** This configuration with the root's {@code ungoverned-smtp-servers="allow"} (true) or its default {@code refuse}. */
    public SharedMailboxesConfiguration withUngovernedSmtpServersAllowed(boolean allowed) {
        return new SharedMailboxesConfiguration(sharedMailboxes, roles, audit, allowed);
    }

    /**
     * {@code ungoverned-smtp-servers="allow"}: the administrator accepts, explicitly, SMTP servers
     * where AUTH succeeds without our send rules; James starts with a warning at every start.
     */
    public boolean ungovernedSmtpServersAllowed() {
        return ungovernedSmtpServersAllowed;
    }

    /** The {@code <audit>} element, or the defaults when there is none. */
    public AuditSettings audit() {
        return audit;
    }

    public List<SharedMailbox> sharedMailboxes() {
        return sharedMailboxes;
    }

    public List<Role> roles() {
        return roles;
    }

    public Optional<SharedMailbox> find(MailAddress address) {
        // A dot-atom address is normalized by lower-casing its text (James's Domain is already lower
        // case); only a quoted local part needs the parse that may unquote it.
        SharedMailbox found = byAddress.get(key(address));
        if (found != null || !address.getLocalPart().startsWith("\"")) {
            return Optional.ofNullable(found);
        }
        return Optional.ofNullable(byAddress.get(key(Addresses.normalize(address))));
    }

    private static String key(MailAddress address) {
        return address.asString().toLowerCase(Locale.ROOT);
    }

    public boolean isSharedMailbox(MailAddress address) {
        return find(address).isPresent();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SharedMailboxesConfiguration)) {
            return false;
        }
        SharedMailboxesConfiguration that = (SharedMailboxesConfiguration) o;
        return sharedMailboxes.equals(that.sharedMailboxes) && roles.equals(that.roles) && audit.equals(that.audit)
            && ungovernedSmtpServersAllowed == that.ungovernedSmtpServersAllowed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(sharedMailboxes, roles, audit, ungovernedSmtpServersAllowed);
    }

    @Override
    public String toString() {
        return "SharedMailboxesConfiguration" + sharedMailboxes;
    }
}
