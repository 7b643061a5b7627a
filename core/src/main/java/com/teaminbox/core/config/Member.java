package com.teaminbox.core.config;

import java.util.Objects;

import org.apache.james.core.MailAddress;

/** A person who works in a shared mailbox, with the role the configuration gives them. */
public final class Member {
    private final MailAddress address;
    private final Role role;
    private final SourceLocation location;

    public Member(MailAddress address, Role role, SourceLocation location) {
        this.address = Objects.requireNonNull(address, "address");
        this.role = Objects.requireNonNull(role, "role");
        this.location = Objects.requireNonNull(location, "location");
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
        return address.equals(that.address) && role.equals(that.role);
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, role);
    }

    @Override
    public String toString() {
        return address.asString() + " as " + role.name();
    }
}
