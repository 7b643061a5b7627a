package com.teaminbox.core.autoreply;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.james.core.MailAddress;

/**
 * Decides whether a mail may get an automatic response at all, before any per-ticket or
 * per-sender limit. Every rule comes from RFC 3834 section 2 (who must not be answered), from
 * Pigeonhole's vacation tests, or from Exchange's {@code X-Auto-Response-Suppress}; the reasons
 * are listed in {@link SuppressionReason} and in docs/autoresponses.md. Header values are read
 * leniently: comments, parameters, case and white space never hide a rule.
 */
public final class AutoResponseGovernor {
    private static final List<String> LIST_HEADERS = List.of(
        "List-Id", "List-Help", "List-Unsubscribe", "List-Post", "List-Owner", "List-Archive", "List-Subscribe");
    private static final Set<String> BULK_PRECEDENCES = Set.of("bulk", "junk", "list");
    private static final Set<String> SUPPRESSING_RESPONSE_CLASSES = Set.of("all", "autoreply", "oof");
    private static final Set<String> SYSTEM_LOCAL_PARTS = Set.of(
        "mailer-daemon", "postmaster", "listserv", "majordomo", "noreply", "no-reply");
    private static final Set<String> ADDRESSING_HEADERS = Set.of("To", "Cc", "Resent-To", "Resent-Cc");
    /**
     * Every header {@link #decide} reads: a caller may gather only these from a mail (a mail has
     * dozens of others); {@link HeaderFields} refuses a name left out of them.
     */
    public static final List<String> HEADERS_READ = Stream.concat(
        Stream.of("Return-Path", "From", "Sender", "Auto-Submitted", "Precedence", "X-Auto-Response-Suppress", "Content-Type"),
        Stream.concat(LIST_HEADERS.stream(), ADDRESSING_HEADERS.stream())).toList();
    /** java.util.regex's {@code \\s}: space, tab, LF, VT, FF, CR. */
    private static final String BLANKS = " \t\n\u000B\f\r";
    /** What separates the addresses of an address list: white space and {@code <>(),;:"[]}. */
    private static final String ADDRESS_SEPARATORS = BLANKS + "<>(),;:\"[]";
    private static final List<String> SENDER_HEADERS = List.of("From", "Sender");
    /** Compiled once (String.replaceAll compiled it on every mail). */
    private static final Pattern RESPONSE_CLASS_SEPARATORS = Pattern.compile("[,\\s]+");

    private final MailAddress sharedAddress;
    /** Every shared address of this server as text, compared without case with each sender. */
    private final List<String> ourSharedAddressTexts;

    /**
     * @param sharedAddress      the shared mailbox that would answer
     * @param ourSharedAddresses every shared mailbox of this server, so that two responders never answer each other
     */
    public AutoResponseGovernor(MailAddress sharedAddress, Set<MailAddress> ourSharedAddresses) {
        this.sharedAddress = Objects.requireNonNull(sharedAddress, "sharedAddress");
        this.ourSharedAddressTexts = ourSharedAddresses.stream().map(MailAddress::asString).toList();
    }

    /**
     * Loops, not streams or regular expressions, for what runs on every new ticket: the server runs
     * this code mostly at C1, where the stream and split version cost about 24 µs per mail.
     */
    public AutoResponseDecision decide(Optional<MailAddress> envelopeSender, HeaderFields headers) {
        if (envelopeSender.isEmpty()) {
            return AutoResponseDecision.suppress(SuppressionReason.NULL_REVERSE_PATH, "MAIL FROM:<>");
        }
        for (String value : headers.all("Return-Path")) {
            if (withoutBlanks(withoutComments(value)).equals("<>")) {
                return AutoResponseDecision.suppress(SuppressionReason.NULL_REVERSE_PATH, "Return-Path: <>");
            }
        }
        List<String> senders = senderAddresses(envelopeSender.get(), headers);
        for (String sender : senders) {
            if (isOurs(sender)) {
                return AutoResponseDecision.suppress(SuppressionReason.OUR_OWN_MAILBOX, sender);
            }
        }
        for (String sender : senders) {
            if (isSystemSender(sender)) {
                return AutoResponseDecision.suppress(SuppressionReason.SYSTEM_SENDER, sender);
            }
        }
        for (String value : headers.all("Auto-Submitted")) {
            if (!firstToken(value).equals("no")) {
                return AutoResponseDecision.suppress(SuppressionReason.AUTO_SUBMITTED, "Auto-Submitted: " + shortened(value));
            }
        }
        for (String value : headers.all("Precedence")) {
            if (BULK_PRECEDENCES.contains(firstToken(value))) {
                return AutoResponseDecision.suppress(SuppressionReason.PRECEDENCE, "Precedence: " + shortened(value));
            }
        }
        for (String name : LIST_HEADERS) {
            if (headers.contains(name)) {
                return AutoResponseDecision.suppress(SuppressionReason.MAILING_LIST, name);
            }
        }
        for (String value : headers.all("X-Auto-Response-Suppress")) {
            if (suppressesAutoReplies(value)) {
                return AutoResponseDecision.suppress(SuppressionReason.RESPONSE_SUPPRESSED, "X-Auto-Response-Suppress: " + shortened(value));
            }
        }
        for (String value : headers.all("Content-Type")) {
            if (firstToken(value).equals("multipart/report")) {
                return AutoResponseDecision.suppress(SuppressionReason.DELIVERY_REPORT, "Content-Type: multipart/report");
            }
        }
        if (!isAddressedToSharedMailbox(headers)) {
            return AutoResponseDecision.suppress(SuppressionReason.NOT_ADDRESSED, sharedAddress.asString());
        }
        return AutoResponseDecision.reply();
    }

    private boolean isOurs(String sender) {
        for (String ours : ourSharedAddressTexts) {
            if (ours.equalsIgnoreCase(sender)) {
                return true;
            }
        }
        return false;
    }

    /** The envelope sender and every address of From and Sender: a robot may hide behind either. */
    private static List<String> senderAddresses(MailAddress envelopeSender, HeaderFields headers) {
        List<String> addresses = new ArrayList<>();
        addresses.add(envelopeSender.asString());
        for (String name : SENDER_HEADERS) {
            for (String value : headers.all(name)) {
                addresses.addAll(addressesIn(value));
            }
        }
        return addresses;
    }

    private static boolean isSystemSender(String address) {
        int at = address.lastIndexOf('@');
        String localPart = (at < 0 ? address : address.substring(0, at)).toLowerCase(Locale.ROOT);
        return SYSTEM_LOCAL_PARTS.contains(localPart) || localPart.startsWith("owner-") || localPart.endsWith("-request");
    }

    /** Exchange's list is comma-separated with optional blanks: {@code DR, RN, NRN, OOF, AutoReply}. */
    private static boolean suppressesAutoReplies(String value) {
        for (String token : RESPONSE_CLASS_SEPARATORS.split(withoutComments(value))) {
            if (SUPPRESSING_RESPONSE_CLASSES.contains(token.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private boolean isAddressedToSharedMailbox(HeaderFields headers) {
        String shared = sharedAddress.asString();
        List<String> addresses = new ArrayList<>();
        for (String name : ADDRESSING_HEADERS) {
            for (String value : headers.all(name)) {
                addresses.addAll(addressesIn(value));
            }
        }
        for (String address : addresses) {
            if (address.equalsIgnoreCase(shared)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The tokens of the value, comments removed, that hold an {@code @} neither first nor last,
     * cut at runs of white space and {@code <>(),;:"[]} in one linear pass: no backtracking on a
     * hostile 100 KB header.
     */
    static List<String> addressesIn(String value) {
        List<String> addresses = new ArrayList<>();
        String text = withoutComments(value);
        int start = 0;
        int firstAt = -1;
        for (int index = 0; index <= text.length(); index++) {
            char current = index < text.length() ? text.charAt(index) : ' ';
            if (ADDRESS_SEPARATORS.indexOf(current) >= 0) {
                if (firstAt > start && firstAt < index - 1) {
                    addresses.add(text.substring(start, index));
                }
                start = index + 1;
                firstAt = -1;
            } else if (current == '@' && firstAt < 0) {
                firstAt = index;
            }
        }
        return addresses;
    }

    /** Without the characters of {@code \s} (java.util.regex's white space: space, tab, LF, VT, FF, CR). */
    static String withoutBlanks(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        for (int index = 0; index < text.length(); index++) {
            char current = text.charAt(index);
            if (BLANKS.indexOf(current) < 0) {
                kept.append(current);
            }
        }
        return kept.toString();
    }

    /** The value before any parameter, without comments, lower case: {@code "Auto-Replied; x=1 (bot)"} → {@code auto-replied}. */
    private static String firstToken(String value) {
        String text = withoutComments(value);
        int semicolon = text.indexOf(';');
        return (semicolon < 0 ? text : text.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Removes RFC 5322 comments, nested ones included, in one pass; a quoted-pair {@code \\(} is
     * kept, and an unclosed comment runs to the end of the value.
     */
    static String withoutComments(String value) {
        if (value.indexOf('(') < 0) {
            // The usual value: outside a comment the scan below keeps every character (a quoted pair, a lone ')').
            return value;
        }
        StringBuilder text = new StringBuilder(value.length());
        int depth = 0;
        for (int index = 0; index < value.length(); index++) {
            char current = value.charAt(index);
            if (current == '\\' && index + 1 < value.length()) {
                if (depth == 0) {
                    text.append(current).append(value.charAt(index + 1));
                }
                index++;
            } else if (current == '(') {
                depth++;
            } else if (current == ')' && depth > 0) {
                depth--;
                if (depth == 0) {
                    text.append(' ');
                }
            } else if (depth == 0) {
                text.append(current);
            }
        }
        return text.toString();
    }

    /**
     * For the log line: one line, bounded, no control characters (java.util.regex's
     * {@code \p{Cntrl}}, U+0000 to U+001F and U+007F, each made a space). A loop, not a regular
     * expression: every suppressed acknowledgement of an automatic mail names its header (issue 18).
     */
    static String shortened(String value) {
        StringBuilder line = new StringBuilder(value.length());
        for (int index = 0; index < value.length(); index++) {
            char current = value.charAt(index);
            line.append(current < 0x20 || current == 0x7F ? ' ' : current);
        }
        String stripped = line.toString().strip();
        return stripped.length() > 80 ? stripped.substring(0, 80) + "…" : stripped;
    }
}
