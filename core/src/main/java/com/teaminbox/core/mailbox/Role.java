package com.teaminbox.core.mailbox;

import java.util.List;
import java.util.Objects;

/**
 * A member's role: RFC 4314 rights on the shared mailbox's folders, plus a send permission.
 *
 * <p>Four roles are built in; administrators define others in XML:
 * <pre>{@code
 * <roles>
 *   <role name="agent" rights="lrswt" send="none"/>
 * </roles>
 * }</pre>
 */
public final class Role {
    /** The RFC 4314 right letters, in the order the RFC lists them. */
    public static final String RFC4314_RIGHTS = "lrswipkxtea";

    public static final Role FULL = new Role("full", RFC4314_RIGHTS, SendPermission.SEND_AS);
    public static final Role SEND_AS = new Role("send-as", "", SendPermission.SEND_AS);
    public static final Role SEND_ON_BEHALF = new Role("send-on-behalf", "", SendPermission.SEND_ON_BEHALF);
    public static final Role READ_ONLY = new Role("read-only", "lr", SendPermission.NONE);

    public static final List<Role> BUILT_IN = List.of(FULL, SEND_AS, SEND_ON_BEHALF, READ_ONLY);

    private final String name;
    private final String rights;
    private final SendPermission sendPermission;

    /**
     * @param rights RFC 4314 right letters; each letter at most once, only letters of {@link #RFC4314_RIGHTS}
     */
    public static Role custom(String name, String rights, SendPermission sendPermission) {
        String invalid = rights.chars()
            .filter(letter -> RFC4314_RIGHTS.indexOf(letter) < 0)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString();
        if (!invalid.isEmpty()) {
            throw new IllegalArgumentException("rights '" + rights + "' contain '" + invalid
                + "', which is not an RFC 4314 right; use letters of '" + RFC4314_RIGHTS + "'");
        }
        return new Role(name, canonicalRights(rights), sendPermission);
    }

    private Role(String name, String rights, SendPermission sendPermission) {
        this.name = Objects.requireNonNull(name, "name");
        this.rights = rights;
        this.sendPermission = Objects.requireNonNull(sendPermission, "sendPermission");
    }

    private static String canonicalRights(String rights) {
        StringBuilder canonical = new StringBuilder();
        for (char letter : RFC4314_RIGHTS.toCharArray()) {
            if (rights.indexOf(letter) >= 0) {
                canonical.append(letter);
            }
        }
        return canonical.toString();
    }

    public String name() {
        return name;
    }

    /** RFC 4314 letters in canonical order, possibly empty (a send-only role). */
    public String rights() {
        return rights;
    }

    public SendPermission sendPermission() {
        return sendPermission;
    }

    public boolean isFullAccess() {
        return rights.equals(RFC4314_RIGHTS);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Role)) {
            return false;
        }
        Role that = (Role) o;
        return name.equals(that.name) && rights.equals(that.rights) && sendPermission == that.sendPermission;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, rights, sendPermission);
    }

    @Override
    public String toString() {
        return name + "(rights=" + rights + ", send=" + sendPermission.xmlName() + ")";
    }
}
