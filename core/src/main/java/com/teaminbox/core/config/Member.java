package com.teaminbox.core.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apache.james.core.MailAddress;

/**
 * A person who works in a shared mailbox, with the role the configuration gives them, and, on
 * some folders, another role or none:
 * <pre>{@code
 * <member address="bob@example.test" role="read-only">
 *   <folder name="Billing" role="full"/>
 *   <folder name="Junk" role="none"/>
 * </member>
 * }</pre>
 */
public final class Member {
    private final MailAddress address;
    private final Role role;
    private final SourceLocation location;
    private final Map<FolderName, Optional<Role>> folderRoles;

    public Member(MailAddress address, Role role, SourceLocation location) {
        this(address, role, location, Map.of());
    }

    /** @param folderRoles per-folder roles; an empty role means no access to that folder */
    public Member(MailAddress address, Role role, SourceLocation location, Map<FolderName, Optional<Role>> folderRoles) {
        this.address = Objects.requireNonNull(address, "address");
        this.role = Objects.requireNonNull(role, "role");
        this.location = Objects.requireNonNull(location, "location");
        this.folderRoles = Map.copyOf(folderRoles);
    }

    /** The role on this folder: its override if the configuration gives one, else the member's role; empty: no access. */
    public Optional<Role> roleOn(FolderName folder) {
        return folderRoles.getOrDefault(folder, Optional.of(role));
    }

    public Map<FolderName, Optional<Role>> folderRoles() {
        return folderRoles;
    }

    public MailAddress address() {
        return address;
    }

    public Role role() {
        return role;
    }

    public SourceLocation location() {
        return location;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Member)) {
            return false;
        }
        Member that = (Member) o;
        return address.equals(that.address) && role.equals(that.role) && folderRoles.equals(that.folderRoles);
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, role, folderRoles);
    }

    @Override
    public String toString() {
        return address.asString() + " as " + role.name();
    }
}
