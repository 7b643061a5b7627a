package com.teaminbox.james.imap;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.james.imap.api.message.IdRange;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.MailboxPath;

import com.teaminbox.core.audit.AuditEventType;

/** A member's change (or read) as the audit trail records it: what, with which command, where, on which messages. */
record MemberAction(AuditEventType type, String command, Optional<MailboxPath> folder, Map<String, String> details) {
    static MemberAction of(AuditEventType type, String command, MailboxPath folder) {
        return of(type, command, Optional.of(folder));
    }

    /** No folder: nothing is selected, James refuses the command itself and there is nothing to record. */
    static MemberAction of(AuditEventType type, String command, Optional<MailboxPath> folder) {
        return new MemberAction(type, command, folder, Map.of());
    }

    MemberAction with(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(details);
        more.put(key, value);
        return new MemberAction(type, command, folder, more);
    }

    /**
     * The messages as IMAP sets write them, e.g. {@code 1:4,7}: {@code uids} for a UID command; for
     * a command by sequence numbers, {@code messages} as sent and {@code uids} as they stand when it
     * is recorded, since a sequence number names another message after the next expunge.
     */
    MemberAction withMessages(IdRange[] ranges, boolean useUids, Optional<SelectedMailbox> selected) {
        String asSent = Arrays.stream(ranges).map(MemberAction::sequenceSet).collect(Collectors.joining(","));
        if (useUids) {
            return with("uids", asSent);
        }
        MemberAction action = with("messages", asSent);
        return selected.map(mailbox -> action.with("uids", uidSet(ranges, mailbox))).orElse(action);
    }

    MemberAction withUids(IdRange[] ranges) {
        return withMessages(ranges, true, Optional.empty());
    }

    /** Sequence numbers follow UID order, so a range of them is the range between their two UIDs. */
    private static String uidSet(IdRange[] ranges, SelectedMailbox mailbox) {
        long exists = mailbox.existsCount();
        return Arrays.stream(ranges)
            .flatMap(range -> {
                long high = Math.min(range.getHighVal(), exists);
                Optional<MessageUid> first = uidAt(mailbox, range.getLowVal());
                Optional<MessageUid> last = uidAt(mailbox, high);
                if (range.getLowVal() > high || first.isEmpty() || last.isEmpty()) {
                    return Stream.empty();
                }
                return Stream.of(first.get().equals(last.get())
                    ? Long.toString(first.get().asLong())
                    : first.get().asLong() + ":" + last.get().asLong());
            })
            .collect(Collectors.joining(","));
    }

    private static Optional<MessageUid> uidAt(SelectedMailbox mailbox, long sequenceNumber) {
        return sequenceNumber < 1 || sequenceNumber > Integer.MAX_VALUE ? Optional.empty() : mailbox.uid((int) sequenceNumber);
    }

    private static String sequenceSet(IdRange range) {
        String high = range.getHighVal() == Long.MAX_VALUE ? "*" : Long.toString(range.getHighVal());
        return range.getLowVal() == range.getHighVal() ? high : range.getLowVal() + ":" + high;
    }
}
