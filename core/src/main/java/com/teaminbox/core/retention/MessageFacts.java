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
public record MessageFacts(FolderName folder, Instant internalDate, Set<String> flags, Optional<MailAddress> sender,
                           Optional<String> subject) {
    public MessageFacts {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(internalDate, "internalDate");
        flags = Set.copyOf(flags);
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(subject, "subject");
    }

    /** System flags compare case-insensitively (RFC 3501 2.3.2); keywords too, as James stores them. */
    public boolean hasFlag(String flag) {
        return flags.stream().anyMatch(candidate -> candidate.equalsIgnoreCase(flag));
    }

    @Override
    public String toString() {
        return folder + " " + internalDate + " " + flags + sender.map(value -> " from " + value.asString()).orElse("");
    }
}
