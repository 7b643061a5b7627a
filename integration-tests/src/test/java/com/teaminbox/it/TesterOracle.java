package com.teaminbox.it;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.assertj.core.api.SoftAssertions;

import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.audit.AuditRecord;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.rules.Rule;
import com.teaminbox.core.rules.RuleDelivery;
import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.core.tools.RulesPrediction;
import com.teaminbox.it.StoredMessages.StoredMessage;

/**
 * Compares, mail by mail and field by field, what the offline rules tester predicted with what a
 * real server did: folder, flags and keywords, subject, ticket, header edits, rules applied and
 * audited, actions skipped, autoresponse decision, and the notifications sent. Each mail is found
 * by a header naming its case ({@value #CASE_HEADER}).
 *
 * <p>The tester has no ticket registry (RulesPrediction says so): a new ticket's number is read from
 * the stored message's {@code X-Ticket} and filled into the predicted subjects; a tag in a subject is
 * assumed issued, which the test makes true before sending (tickets issued up to the highest tag).
 */
final class TesterOracle {
    static final String CASE_HEADER = "X-Corpus-Case";
    private static final String ABSENT = "(absent)";

    private final TeamInboxServer server;
    private final String member;
    private final List<String> folders;

    TesterOracle(TeamInboxServer server, String member, List<String> folders) {
        this.server = server;
        this.member = member;
        this.folders = folders;
    }

    /** Asserts every difference at once; {@code cases} maps each case to the tester's prediction for the mail as sent. */
    void assertServerDidWhatTheTesterPredicted(Map<String, RulesPrediction> cases) throws Exception {
        Map<String, StoredMessage> stored = stored(cases);
        Map<String, List<AuditRecord>> records = AuditRecords.of(server).stream().filter(record -> record.messageId().isPresent())
            .collect(Collectors.groupingBy(record -> record.messageId().get()));
        SoftAssertions softly = new SoftAssertions();
        Map<String, List<String>> expectedNotifications = new HashMap<>();
        for (Map.Entry<String, RulesPrediction> entry : cases.entrySet()) {
            String name = entry.getKey();
            RulesPrediction prediction = entry.getValue();
            StoredMessage message = stored.get(name);
            softly.assertThat(message).as(name + " stored in one of " + folders).isNotNull();
            if (message == null) {
                continue;
            }
            SharedMailbox mailbox = prediction.sharedMailbox().orElseThrow();
            TicketId ticket = message.header("X-Ticket").flatMap(value -> TicketId.parse(value, mailbox.ticketPrefix())).orElseThrow();
            List<AuditRecord> about = message.header("Message-ID").map(id -> records.getOrDefault(id, List.of())).orElse(List.of());
            softly.assertThat(observed(mailbox, prediction, message, about)).as(name).isEqualTo(predicted(prediction, ticket));
            prediction.delivery().orElseThrow().notifications().forEach(notification -> expectedNotifications
                .computeIfAbsent(notification.to().asString(), to -> new ArrayList<>()).add(prediction.notificationSubject(notification, ticket)));
        }
        for (Map.Entry<String, List<String>> recipient : expectedNotifications.entrySet()) {
            softly.assertThat(notificationsReceivedBy(recipient.getKey())).as("notifications to " + recipient.getKey())
                .containsExactlyInAnyOrderElementsOf(recipient.getValue());
        }
        softly.assertAll();
    }

    /** Every message of the cases' shared mailboxes that carries a case header, by case. */
    Map<String, StoredMessage> stored(Map<String, RulesPrediction> cases) throws Exception {
        Map<String, StoredMessage> stored = new HashMap<>();
        for (String mailbox : cases.values().stream().map(prediction -> prediction.sharedMailbox().orElseThrow().address().asString())
            .collect(Collectors.toCollection(TreeSet::new))) {
            try (ImapTestClient imap = server.imapAsMemberOf(mailbox, member)) {
                for (StoredMessage message : StoredMessages.read(imap, folders)) {
                    message.header(CASE_HEADER).ifPresent(name -> stored.put(name, message));
                }
            }
        }
        return stored;
    }

    /** How many messages the folders of these shared mailboxes hold: cheap enough to poll while mail arrives. */
    int messageCount(Collection<String> mailboxes) throws Exception {
        int count = 0;
        for (String mailbox : mailboxes) {
            try (ImapTestClient imap = server.imapAsMemberOf(mailbox, member)) {
                for (String folder : folders) {
                    count += Math.max(0, imap.messageCount(folder));
                }
            }
        }
        return count;
    }

    int notificationCount(Map<String, RulesPrediction> cases, String recipient) {
        return (int) cases.values().stream().flatMap(prediction -> prediction.delivery().orElseThrow().notifications().stream())
            .filter(notification -> notification.to().asString().equals(recipient)).count();
    }

    /** Subjects of the rule notifications in the user's INBOX: machine mail ({@code auto-generated}) from a shared mailbox. */
    List<String> notificationsReceivedBy(String user) throws Exception {
        try (ImapTestClient imap = server.imapAs(user)) {
            return StoredMessages.read(imap, List.of("INBOX")).stream()
                .filter(message -> message.header("Auto-Submitted").filter("auto-generated"::equals).isPresent())
                .map(message -> message.decoded("Subject").orElse(""))
                .collect(Collectors.toList());
        }
    }

    private static Map<String, String> predicted(RulesPrediction prediction, TicketId serverTicket) {
        RuleDelivery delivery = prediction.delivery().orElseThrow();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("folder", delivery.folder().map(Object::toString).orElse("INBOX"));
        fields.put("flags", new TreeSet<>(prediction.flagsAndKeywords()).toString());
        fields.put("subject", subject(prediction, prediction.subject(serverTicket)));
        fields.put("ticket", prediction.threadedTicket().map(threaded -> threaded + " threaded").orElse("new"));
        fields.put("headers", finalHeaders(delivery).toString());
        fields.put("rules", names(prediction.applied()));
        fields.put("audit rules", names(prediction.audited()));
        fields.put("skipped", delivery.skipped().stream().map(skipped -> skipped.rule() + ": " + skipped.action())
            .collect(Collectors.toList()).toString());
        fields.put("autoresponse", prediction.autoresponse());
        return fields;
    }

    private static Map<String, String> observed(SharedMailbox mailbox, RulesPrediction prediction, StoredMessage message, List<AuditRecord> about) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("folder", message.folder().replace('.', '/'));
        fields.put("flags", new TreeSet<>(message.flags()).toString());
        fields.put("subject", subject(prediction, message.decoded("Subject").orElse("")));
        fields.put("ticket", about.stream().anyMatch(record -> record.type() == AuditEventType.TICKET_THREADED)
            ? message.header("X-Ticket").orElse("?") + " threaded" : "new");
        Map<String, String> headers = new LinkedHashMap<>();
        finalHeaders(prediction.delivery().orElseThrow()).keySet()
            .forEach(name -> headers.put(name, message.header(name).orElse(ABSENT)));
        fields.put("headers", headers.toString());
        fields.put("rules", ruleNames(about, AuditEventType.RULE_MATCHED));
        fields.put("audit rules", ruleNames(about, AuditEventType.RULE_AUDITED));
        fields.put("skipped", about.stream().filter(record -> record.type() == AuditEventType.RULE_ACTION_SKIPPED)
            .map(record -> record.details().get("rule") + ": " + record.details().get("action")).collect(Collectors.toList()).toString());
        fields.put("autoresponse", autoresponse(mailbox, about));
        return fields;
    }

    /**
     * The subject as compared. A subject of raw 8-bit bytes is read by the tester as ISO-8859-1 and by
     * the server otherwise (a {@code ?} per byte was seen), as the prediction says: there, each run of
     * characters outside printable ASCII, and of {@code ?}, counts as one unknown character.
     */
    private static String subject(RulesPrediction prediction, String subject) {
        return prediction.rawEightBitSubject() ? subject.replaceAll("([^\\x20-\\x7E]|\\?)+", "?") : subject;
    }

    /** Each edited header's value after every edit, unfolded; {@value #ABSENT} when removed. */
    private static Map<String, String> finalHeaders(RuleDelivery delivery) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (RuleDelivery.HeaderEdit edit : delivery.headerEdits()) {
            headers.put(edit.name(), edit.value().map(value -> value.replaceAll("\r\n", "").strip()).orElse(ABSENT));
        }
        return headers;
    }

    private static String autoresponse(SharedMailbox mailbox, List<AuditRecord> about) {
        Optional<AuditRecord> decision = about.stream().filter(record -> record.type() == AuditEventType.AUTORESPONSE_SENT
            || record.type() == AuditEventType.AUTORESPONSE_SUPPRESSED).findFirst();
        if (decision.isEmpty()) {
            return mailbox.acknowledgement().isEmpty() ? RulesPrediction.NO_ACKNOWLEDGEMENT : RulesPrediction.NOT_A_NEW_TICKET;
        }
        if (decision.get().type() == AuditEventType.AUTORESPONSE_SUPPRESSED) {
            return "suppressed, " + decision.get().reason().orElse("");
        }
        String kind = decision.get().details().getOrDefault("template", "").replaceFirst("/.*", "");
        return RulesPrediction.ACKNOWLEDGE + (kind.equals("ack") || kind.equals("out-of-hours") ? "" : " with template " + kind);
    }

    private static String names(List<Rule> rules) {
        return rules.stream().map(Rule::name).collect(Collectors.toList()).toString();
    }

    private static String ruleNames(List<AuditRecord> records, AuditEventType type) {
        return records.stream().filter(record -> record.type() == type).map(record -> record.details().get("rule"))
            .collect(Collectors.toList()).toString();
    }
}
