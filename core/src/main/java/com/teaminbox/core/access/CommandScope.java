package com.teaminbox.core.access;

/** Where a member's rights are read to decide an IMAP command. */
public enum CommandScope {
    /** The command reads and changes no mail (CAPABILITY, NOOP, LOGOUT...): no right needed. */
    NONE,
    /** The selected folder (FETCH, STORE, EXPUNGE...); James itself refuses the command when none is selected. */
    SELECTED,
    /**
     * The folder the command names (SELECT, STATUS, APPEND...). A folder the member may not see
     * ({@code l} missing) is answered as if it did not exist (RFC 4314 section 4).
     */
    NAMED,
    /**
     * Where the named folder is or would be created: its nearest existing ancestor, INBOX at the
     * top level. James creates missing parents on the way, so the right must be held on a folder
     * that exists, whatever path form the client sends.
     */
    PARENT,
    /** Never for a member, whatever her role. */
    REFUSED
}
