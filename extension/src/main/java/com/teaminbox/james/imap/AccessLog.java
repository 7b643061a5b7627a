package com.teaminbox.james.imap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One INFO line per access decision, with the same keys every time so that operators can grep
 * and ship them: {@code decision}, {@code command}, {@code member}, {@code sharedMailbox},
 * {@code folder}, {@code reason}. Never a password; client-supplied text is made printable.
 */
final class AccessLog {
    private static final Logger LOGGER = LoggerFactory.getLogger("com.teaminbox.access");
    private static final int MAX_ECHOED_LENGTH = 200;

    /** What happened to a member's command. */
    enum Decision {
        /** Answered {@code NO [NOPERM]}. */
        COMMAND_REFUSED("command-refused"),
        /** Run in a narrower form: SELECT as EXAMINE, FETCH as PEEK, CLOSE without expunge. */
        COMMAND_RESTRICTED("command-restricted");

        private final String logName;

        Decision(String logName) {
            this.logName = logName;
        }
    }

    private AccessLog() {
    }

    static void loginAccepted(String form, String member, String sharedMailbox) {
        LOGGER.info("decision=login-accepted command={} member={} sharedMailbox={}", form, printable(member), printable(sharedMailbox));
    }

    static void loginRefused(String form, String member, String sharedMailbox, String reason) {
        LOGGER.info("decision=login-refused command={} member={} sharedMailbox={} reason=\"{}\"",
            form, printable(member), printable(sharedMailbox), reason);
    }

    static void command(Decision decision, String command, MemberSession session, String folder, String reason) {
        LOGGER.info("decision={} command={} member={} sharedMailbox={} folder=\"{}\" reason=\"{}\"",
            decision.logName, command, session.member().asString(), session.sharedMailbox().asString(), printable(folder), reason);
    }

    /** Client text may carry CR/LF to forge log lines: control characters become '?'. */
    static String printable(String text) {
        String bounded = text.length() > MAX_ECHOED_LENGTH ? text.substring(0, MAX_ECHOED_LENGTH) + "..." : text;
        return bounded.replaceAll("\\p{Cntrl}", "?");
    }
}
