package com.teaminbox.core.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What to look for in the audit index: every filter is optional and they all apply together.
 * {@code since} is inclusive and {@code until} exclusive; actor names, mailboxes and tickets
 * match whole and ignore case. Pages count from 1.
 *
 * <pre>{@code
 * AuditQuery.builder().mailbox("support@example.test").since(Instant.parse("2026-11-01T00:00:00Z"))
 *     .page(2).pageSize(100).build();
 * }</pre>
 */
public final class AuditQuery {
    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 1000;
    /** Deep pages cost memory in the index; past this, narrow the query with since and until. */
    public static final int MAX_RESULT_WINDOW = 100_000;

    private final Optional<Instant> since;
    private final Optional<Instant> until;
    private final Optional<String> actor;
    private final Optional<AuditEventType> type;
    private final Optional<String> ticket;
    private final Optional<String> mailbox;
    private final int page;
    private final int pageSize;

    private AuditQuery(Builder builder) {
        this.since = builder.since;
        this.until = builder.until;
        this.actor = builder.actor;
        this.type = builder.type;
        this.ticket = builder.ticket;
        this.mailbox = builder.mailbox;
        this.page = builder.page;
        this.pageSize = builder.pageSize;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<Instant> since() {
        return since;
    }

    public Optional<Instant> until() {
        return until;
    }

    public Optional<String> actor() {
        return actor;
    }

    public Optional<AuditEventType> type() {
        return type;
    }

    public Optional<String> ticket() {
        return ticket;
    }

    public Optional<String> mailbox() {
        return mailbox;
    }

    public int page() {
        return page;
    }

    public int pageSize() {
        return pageSize;
    }

    /** How many hits precede this page. */
    public int offset() {
        return (page - 1) * pageSize;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuditQuery && toString().equals(o.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return "AuditQuery{since=" + since + ", until=" + until + ", actor=" + actor + ", type=" + type
            + ", ticket=" + ticket + ", mailbox=" + mailbox + ", page=" + page + ", pageSize=" + pageSize + "}";
    }

    public static final class Builder {
        private Optional<Instant> since = Optional.empty();
        private Optional<Instant> until = Optional.empty();
        private Optional<String> actor = Optional.empty();
        private Optional<AuditEventType> type = Optional.empty();
        private Optional<String> ticket = Optional.empty();
        private Optional<String> mailbox = Optional.empty();
        private int page = 1;
        private int pageSize = DEFAULT_PAGE_SIZE;

        private Builder() {
        }

        public Builder since(Instant since) {
            this.since = Optional.of(since);
            return this;
        }

        public Builder until(Instant until) {
            this.until = Optional.of(until);
            return this;
        }

        public Builder actor(String actor) {
            this.actor = Optional.of(Objects.requireNonNull(actor, "actor"));
            return this;
        }

        public Builder type(AuditEventType type) {
            this.type = Optional.of(type);
            return this;
        }

        public Builder ticket(String ticket) {
            this.ticket = Optional.of(Objects.requireNonNull(ticket, "ticket"));
            return this;
        }

        public Builder mailbox(String mailbox) {
            this.mailbox = Optional.of(Objects.requireNonNull(mailbox, "mailbox"));
            return this;
        }

        public Builder page(int page) {
            this.page = page;
            return this;
        }

        public Builder pageSize(int pageSize) {
            this.pageSize = pageSize;
            return this;
        }

        /** @throws IllegalArgumentException naming the rejected value and what is accepted */
        public AuditQuery build() {
            if (page < 1) {
                throw new IllegalArgumentException("page must be 1 or more: " + page);
            }
            if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
                throw new IllegalArgumentException("pageSize must be between 1 and " + MAX_PAGE_SIZE + ": " + pageSize);
            }
            if ((long) page * pageSize > MAX_RESULT_WINDOW) {
                throw new IllegalArgumentException("page " + page + " of " + pageSize + " goes past the first "
                    + MAX_RESULT_WINDOW + " hits: narrow the query with since and until");
            }
            if (since.isPresent() && until.isPresent() && !since.get().isBefore(until.get())) {
                throw new IllegalArgumentException("since (" + since.get() + ") must be before until (" + until.get() + ")");
            }
            return new AuditQuery(this);
        }
    }
}
