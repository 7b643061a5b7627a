package com.teaminbox.core.audit;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Who did it: a member (the person, not the shared account), our extension itself, the external
 * sender of a mail, or an administrator (WebAdmin, configuration file).
 */
public final class AuditActor {
    public enum Kind {
        MEMBER("member"),
        SYSTEM("system"),
        EXTERNAL_SENDER("external-sender"),
        ADMINISTRATOR("administrator");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static Optional<Kind> fromWireName(String name) {
            return Arrays.stream(values()).filter(kind -> kind.wireName.equals(name)).findFirst();
        }
    }

    private static final AuditActor SYSTEM = new AuditActor(Kind.SYSTEM, "teaminbox");

    private final Kind kind;
    private final String name;

    private AuditActor(Kind kind, String name) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.name = Objects.requireNonNull(name, "name");
    }

    public static AuditActor member(String address) {
        return new AuditActor(Kind.MEMBER, address);
    }

    public static AuditActor system() {
        return SYSTEM;
    }

    /** The envelope or header sender of an incoming mail; {@code <>} for a null reverse-path. */
    public static AuditActor externalSender(String address) {
        return new AuditActor(Kind.EXTERNAL_SENDER, address.isEmpty() ? "<>" : address);
    }

    public static AuditActor administrator(String name) {
        return new AuditActor(Kind.ADMINISTRATOR, name);
    }

    public static AuditActor of(Kind kind, String name) {
        return new AuditActor(kind, name);
    }

    public Kind kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuditActor && kind == ((AuditActor) o).kind && name.equals(((AuditActor) o).name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, name);
    }

    @Override
    public String toString() {
        return kind.wireName() + ":" + name;
    }
}
