package com.teaminbox.core.autoreply;

/** Why no automatic response is sent; each names the rule it applies, for logs and docs. */
public enum SuppressionReason {
    NULL_REVERSE_PATH("null reverse-path or Return-Path <> (RFC 3834 section 2)"),
    AUTO_SUBMITTED("Auto-Submitted other than 'no' (RFC 3834 section 2, 5)"),
    PRECEDENCE("Precedence bulk, junk or list (RFC 3834 section 2; Pigeonhole vacation)"),
    MAILING_LIST("List-* header of a mailing list (RFC 2369, RFC 2919; RFC 3834 section 2)"),
    RESPONSE_SUPPRESSED("X-Auto-Response-Suppress All, AutoReply or OOF (Microsoft Exchange)"),
    SYSTEM_SENDER("system or no-reply sender (Pigeonhole vacation; RFC 2142)"),
    DELIVERY_REPORT("multipart/report delivery or read receipt (RFC 6522; RFC 3834 section 2)"),
    NOT_ADDRESSED("shared address in no To, Cc, Resent-To or Resent-Cc (RFC 3834 section 2; Pigeonhole vacation)"),
    OUR_OWN_MAILBOX("sender is one of our shared mailboxes (no responder ping-pong)"),
    FILED_AS_JUNK("a rule filed the mail as junk: an answer would be backscatter"),
    ALREADY_ACKNOWLEDGED("this ticket was already acknowledged"),
    SENDER_DAILY_CAP("the sender reached the daily cap of acknowledgements");

    private final String description;

    SuppressionReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
