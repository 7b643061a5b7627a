package com.teaminbox.james.retention;

import org.apache.james.mailbox.MessageUid;

import com.teaminbox.core.retention.RetentionDecision;

/** A candidate the rules decided to delete or move, with the decision its receipt quotes. */
record DueMessage(RetentionCandidate message, RetentionDecision decision) {
    MessageUid uid() {
        return message.uid();
    }
}
