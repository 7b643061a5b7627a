package com.teaminbox.core.retention;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.apache.james.core.MailAddress;

import com.teaminbox.core.mailbox.FolderName;

/**
 * What retention needs to know about one message, read from its metadata and headers only:
 * folder, internal date, flags and keywords (system flags written {@code \Answered}), the
 * {@code From} address and the subject (for the ticket tag).
 */
public final class MessageFacts {
    private final FolderName folder;
    private final Instant internalDate;
    private final Set<String> flags;
    private final Optional<MailAddress> sender;
    private final Optional<String> subject;

    public MessageFacts(FolderName folder, Instant internalDate, Set<String> flags, Optional<MailAddress> sender,
                        Optional<String> subject) {
        this.folder = Objects.requireNonNull(folder, "folder");
        this.internalDate = Objects.requireNonNull(internalDate, "internalDate");
        this.flags = Set.copyOf(flags);
        this.sender = Objects.requireNonNull(sender, "sender");
        this.subject = Objects.requireNonNull(subject, "subject");
    }

    public FolderName folder() {
        return folder;
    }

    public Instant internalDate() {
        return internalDate;
    }

    public Set<String> flags() {
        return flags;
    }

    /** System flags compare case-insensitively (RFC 3501 2.3.2); keywords too, as James stores them. */
    public boolean hasFlag(String flag) {
        return flags.stream().anyMatch(candidate -> candidate.equalsIgnoreCase(flag));
    }

    public Optional<MailAddress> sender() {
        return sender;
    }

    public Optional<String> subject() {
        return subject;
    }

    @Override
    public String toString() {
        return folder + " " + internalDate + " " + flags + sender.map(value -> " from " + value.asString()).orElse("");
    }
}
