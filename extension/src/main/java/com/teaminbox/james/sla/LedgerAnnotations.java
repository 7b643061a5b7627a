package com.teaminbox.james.sla;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.james.mailbox.model.MailboxAnnotation;
import org.apache.james.mailbox.model.MailboxAnnotationKey;

import com.teaminbox.core.sla.LedgerEntries;
import com.teaminbox.core.sla.TicketFact;

/**
 * SLA ledger facts as RFC 5464 annotations of the ledger folder (docs/sla.md): one annotation per
 * burst of facts, {@code /private/vendor/teaminbox/slaledger/<minute>/<random>} = one
 * {@link LedgerEntries} line per fact. The minute (since the epoch, by the writer's clock) lets a
 * reader ask only the annotations of the minutes since its last read, in one call (James's mapper
 * reads a key and everything under it: a range of keys on Cassandra); the random part keeps two
 * writers apart without asking anything. Annotation keys accept letters and digits.
 */
final class LedgerAnnotations {
    static final MailboxAnnotationKey ROOT = new MailboxAnnotationKey("/private/vendor/teaminbox/slaledger");
    /** A reader reads again this many minutes before its last read: a write still on its way, another node's clock behind. */
    static final long LATE_MINUTES = 2;
    /** Past this many minutes since its last read, a reader reads the annotations whole rather than minute by minute. */
    static final long MAX_MINUTES_READ = 60;
    /** A reader reads the annotations whole this often: a node whose clock is further behind than {@link #LATE_MINUTES} is read then. */
    static final Duration WHOLE_READ_EVERY = Duration.ofHours(1);

    private LedgerAnnotations() {
    }

    static long minute(long epochMillis) {
        return Math.floorDiv(epochMillis, 60_000L);
    }

    /** The keys of the minutes from {@code first} to {@code last}: each with everything under it. */
    static Set<MailboxAnnotationKey> minutes(long first, long last) {
        Set<MailboxAnnotationKey> keys = new HashSet<>();
        for (long minute = first; minute <= last; minute++) {
            keys.add(new MailboxAnnotationKey(ROOT.asString() + "/" + minute));
        }
        return keys;
    }

    static MailboxAnnotation annotation(long epochMillis, List<TicketFact> facts) {
        StringBuilder value = new StringBuilder(120 * facts.size());
        for (TicketFact fact : facts) {
            value.append(LedgerEntries.write(fact)).append("\r\n");
        }
        // one random UUID (a SecureRandom draw, which threads of the server share): 122 random bits
        UUID unique = UUID.randomUUID();
        String random = Long.toUnsignedString(unique.getMostSignificantBits(), 36) + "x"
            + Long.toUnsignedString(unique.getLeastSignificantBits(), 36);
        return MailboxAnnotation.newInstance(new MailboxAnnotationKey(ROOT.asString() + "/" + minute(epochMillis) + "/" + random),
            value.toString());
    }

    /** The facts of one annotation; a line that is not one (an administrator's SETMETADATA) is none. */
    static List<TicketFact> facts(MailboxAnnotation annotation) {
        List<TicketFact> facts = new ArrayList<>();
        annotation.getValue().ifPresent(value -> {
            for (String line : value.split("\n")) {
                if (!line.isBlank()) {
                    LedgerEntries.read(line.strip()).ifPresent(facts::add);
                }
            }
        });
        return facts;
    }
}
