package com.teaminbox.core.mailbox;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apache.james.core.MailAddress;

import com.teaminbox.core.config.xml.SourceLocation;

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

    /**
     * The role on this folder: the override the configuration gives it or, failing that, its
     * nearest parent (a folder created or moved under {@code Billing} is governed like
     * {@code Billing}), else the member's role; empty: no access.
     */
    public Optional<Role> roleOn(FolderName folder) {
        List<String> levels = folder.levels();
        for (int depth = levels.size(); depth > 0; depth--) {
            Optional<Role> override = folderRoles.get(FolderName.of(String.join("/", levels.subList(0, depth))));
            if (override != null) {
                return override;
            }
        }
        return Optional.of(role);
    }

    /**
     * True when a per-folder role governs this folder (on it or a parent) or a folder inside it:
     * renaming it would carry mail out of that role's reach, since roles follow folder names.
     */
    public boolean isGovernedByFolderRole(FolderName folder) {
        return folderRoles.keySet().stream().anyMatch(named -> within(named, folder) || within(folder, named));
    }

    private static boolean within(FolderName inner, FolderName outer) {
        return inner.equals(outer) || inner.path().startsWith(outer.path() + "/");
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
