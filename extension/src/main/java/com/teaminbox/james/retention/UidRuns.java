package com.teaminbox.james.retention;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.MessageRange;

/**
 * Blocks of consecutive UIDs. Mail arrives in UID order, so what is due in a folder is mostly one
 * block, broken only where a message is kept; acting on a block as one {@link MessageRange} can
 * then never touch a message that is not in it.
 */
final class UidRuns {
    private UidRuns() {
    }

    /** Splits the messages where a UID is skipped; each run sorted by UID. */
    static List<List<DueMessage>> consecutive(List<DueMessage> messages) {
        List<List<DueMessage>> runs = new ArrayList<>();
        List<DueMessage> sorted = new ArrayList<>(messages);
        sorted.sort(Comparator.comparing(DueMessage::uid));
        for (DueMessage message : sorted) {
            List<DueMessage> last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && last.get(last.size() - 1).uid().next().equals(message.uid())) {
                last.add(message);
            } else {
                List<DueMessage> run = new ArrayList<>();
                run.add(message);
                runs.add(run);
            }
        }
        return runs;
    }

    /** The range of one run of {@link #consecutive}: exactly its messages. */
    static MessageRange rangeOf(List<DueMessage> run) {
        return MessageRange.range(run.get(0).uid(), run.get(run.size() - 1).uid());
    }

    /** The smallest range holding the UIDs: those in between are read and skipped. */
    static MessageRange covering(List<MessageUid> uids) {
        MessageUid lowest = uids.get(0);
        MessageUid highest = uids.get(0);
        for (MessageUid uid : uids) {
            lowest = uid.compareTo(lowest) < 0 ? uid : lowest;
            highest = uid.compareTo(highest) > 0 ? uid : highest;
        }
        return MessageRange.range(lowest, highest);
    }
}
