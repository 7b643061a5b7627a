package com.teaminbox.core.outgoing;

/**
 * Drops the lines of a plain-text body that quote the message answered: those starting, after
 * optional blanks, with {@code >} (RFC 3676 section 4.5; what every client writes when replying
 * below or above a quote). One pass, constant memory.
 */
final class QuotedLines implements CharSink {
    private final CharSink next;
    private boolean atLineStart = true;
    private boolean quoted;
    private boolean pendingBlank;

    QuotedLines(CharSink next) {
        this.next = next;
    }

    @Override
    public void put(char c) {
        if (c == '\n') {
            if (!quoted) {
                next.put(c);
            }
            atLineStart = true;
            quoted = false;
            pendingBlank = false;
            return;
        }
        if (quoted) {
            return;
        }
        if (atLineStart) {
            if (c == ' ' || c == '\t') {
                pendingBlank = true;
                return;
            }
            atLineStart = false;
            if (c == '>') {
                quoted = true;
                return;
            }
            if (pendingBlank) {
                next.put(' ');
            }
        }
        next.put(c);
    }

    @Override
    public void end() {
        next.end();
    }
}
