package com.teaminbox.core.access;

import java.util.Objects;

import org.apache.james.core.MailAddress;

/**
 * The IMAP {@code LOGIN} name a member uses to open a shared mailbox with her own password:
 * {@code support@example.test*alice@example.test} (target, {@link #SEPARATOR}, member).
 *
 * <p>Clients that cannot send a SASL authorization identity (most LOGIN-only clients) can
 * still reach a shared mailbox this way; Dovecot's master-user logins use the same shape.
 * Anything odd is refused rather than repaired: the name reaches us from the network.
 */
public final class LoginName {
    /** Between the target and the member; cannot appear in an address we accept. */
    public static final char SEPARATOR = '*';
    /** Characters a client could use to smuggle a second token or line into the name. */
    static final String FORBIDDEN_CHARACTERS = "\"\r\n\0\\ ";

    private final MailAddress target;
    private final MailAddress member;

    /**
     * @throws IllegalArgumentException when the name is not exactly {@code target*member}
     *     with two valid addresses and none of {@link #FORBIDDEN_CHARACTERS}
     */
    public static LoginName parse(String name) {
        Objects.requireNonNull(name, "name");
        for (char character : name.toCharArray()) {
            if (FORBIDDEN_CHARACTERS.indexOf(character) >= 0 || Character.isISOControl(character)) {
                throw new IllegalArgumentException("login name contains a quote, backslash, space or control character");
            }
        }
        int separator = name.indexOf(SEPARATOR);
        if (separator < 0) {
            throw new IllegalArgumentException("login name '" + name + "' has no '" + SEPARATOR + "'");
        }
        if (name.indexOf(SEPARATOR, separator + 1) >= 0) {
            throw new IllegalArgumentException("login name '" + name + "' has more than one '" + SEPARATOR + "'");
        }
        return new LoginName(address(name.substring(0, separator), name), address(name.substring(separator + 1), name));
    }

    /** True when the name has the shape of a member login, so that it must never be read as a plain user name. */
    public static boolean looksLikeMemberLogin(String name) {
        return name.indexOf(SEPARATOR) >= 0;
    }

    private static MailAddress address(String part, String name) {
        if (part.isEmpty()) {
            throw new IllegalArgumentException("login name '" + name + "' has an empty part");
        }
        try {
            return new MailAddress(part);
        } catch (Exception e) {
            throw new IllegalArgumentException("login name '" + name + "' has an invalid address '" + part + "'", e);
        }
    }

    private LoginName(MailAddress target, MailAddress member) {
        this.target = target;
        this.member = member;
    }

    public MailAddress target() {
        return target;
    }

    public MailAddress member() {
        return member;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LoginName)) {
            return false;
        }
        LoginName that = (LoginName) o;
        return target.equals(that.target) && member.equals(that.member);
    }

    @Override
    public int hashCode() {
        return Objects.hash(target, member);
    }

    @Override
    public String toString() {
        return target.asString() + SEPARATOR + member.asString();
    }
}
