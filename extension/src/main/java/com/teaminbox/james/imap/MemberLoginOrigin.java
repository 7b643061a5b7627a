package com.teaminbox.james.imap;

import java.util.Map;
import java.util.Optional;

import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.util.MDCBuilder;
import org.slf4j.MDC;

/** Where a member login comes from: the remote address the login throttle counts per. */
final class MemberLoginOrigin {
    /** When James's session does not tell (not a network session): all such attempts share one key. */
    static final String UNKNOWN = "unknown";
    /**
     * James 3.8.1's {@code ImapSession} has no remote address; its channel handler keeps the
     * connection's log context (with the client's IP, or the PROXY protocol's source when James runs
     * behind a proxy) as this session attribute ({@code ImapChannelUpstreamHandler.MDC_KEY}).
     */
    static final String BOUND_MDC_ATTRIBUTE = "bound_MDC";

    private MemberLoginOrigin() {
    }

    static String remoteAddress(ImapSession session) {
        Object bound = session.getAttribute(BOUND_MDC_ATTRIBUTE);
        if (!(bound instanceof MDCBuilder)) {
            return UNKNOWN;
        }
        // MDCBuilder has no getter: its values are read by applying it, and the thread's own log
        // context is put back as it was (applying then closing would remove keys set before).
        Map<String, String> saved = MDC.getCopyOfContextMap();
        try {
            return ((MDCBuilder) bound).execute(() -> Optional.ofNullable(MDC.get(MDCBuilder.IP)))
                .filter(address -> !address.isBlank())
                .orElse(UNKNOWN);
        } finally {
            if (saved == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(saved);
            }
        }
    }
}
