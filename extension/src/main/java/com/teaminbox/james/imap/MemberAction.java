package com.teaminbox.james.imap;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.james.imap.api.message.IdRange;
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

    /** {@code uids} or {@code messages} (sequence numbers) as IMAP writes them, e.g. {@code 1:4,7}. */
    MemberAction withMessages(IdRange[] ranges, boolean useUids) {
        return with(useUids ? "uids" : "messages", Arrays.stream(ranges).map(MemberAction::sequenceSet).collect(Collectors.joining(",")));
    }

    private static String sequenceSet(IdRange range) {
        String high = range.getHighVal() == Long.MAX_VALUE ? "*" : Long.toString(range.getHighVal());
        return range.getLowVal() == range.getHighVal() ? high : range.getLowVal() + ":" + high;
    }
}
