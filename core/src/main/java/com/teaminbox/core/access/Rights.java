package com.teaminbox.core.access;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import com.teaminbox.core.mailbox.Role;

/**
 * A set of RFC 4314 rights, as a member holds them on one folder of a shared mailbox.
 * Letters outside RFC 4314 (James also knows the obsolete {@code c} and {@code d}) are ignored:
 * they never grant anything here.
 */
public final class Rights {
    public static final Rights NONE = new Rights(EnumSet.noneOf(Right.class));

    /** What a member needs at least to open a shared mailbox over IMAP: see its folders and read them. */
    public static final Rights TO_OPEN = of(Right.LOOKUP, Right.READ);

    private final Set<Right> rights;

    public static Rights parse(String letters) {
        EnumSet<Right> parsed = EnumSet.noneOf(Right.class);
        for (char letter : letters.toCharArray()) {
            Right.fromLetter(letter).ifPresent(parsed::add);
        }
        return new Rights(parsed);
    }

    public static Rights of(Right... rights) {
        EnumSet<Right> set = EnumSet.noneOf(Right.class);
        set.addAll(List.of(rights));
        return new Rights(set);
    }

    public static Rights of(Collection<Right> rights) {
        return rights.isEmpty() ? NONE : new Rights(EnumSet.copyOf(rights));
    }

    /** The rights a role gives on every folder of the shared mailbox. */
    public static Rights of(Role role) {
        return parse(role.rights());
    }

    private Rights(EnumSet<Right> rights) {
        this.rights = rights;
    }

    public boolean contains(Right right) {
        return rights.contains(right);
    }

    public boolean containsAll(Rights required) {
        return rights.containsAll(required.rights);
    }

    /** The rights of {@code required} this set lacks, empty when it is enough. */
    public Rights missing(Rights required) {
        EnumSet<Right> missing = EnumSet.noneOf(Right.class);
        missing.addAll(required.rights);
        missing.removeAll(rights);
        return new Rights(missing);
    }

    /** The rights held in both sets: what an ACL entry allows within what the role allows. */
    public Rights intersection(Rights other) {
        EnumSet<Right> common = EnumSet.noneOf(Right.class);
        common.addAll(rights);
        common.retainAll(other.rights);
        return new Rights(common);
    }

    public boolean isEmpty() {
        return rights.isEmpty();
    }

    /** RFC 4314 letters in the RFC's order, as MYRIGHTS and ACL answers write them. */
    public String letters() {
        return rights.stream().map(right -> String.valueOf(right.letter())).collect(Collectors.joining());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rights && rights.equals(((Rights) o).rights);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rights);
    }

    @Override
    public String toString() {
        return letters();
    }
}
