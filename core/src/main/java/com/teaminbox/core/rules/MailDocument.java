package com.teaminbox.core.rules;

import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.TextField;

/**
 * What rules see of a mail: addresses, subject, the first characters of its text, attachment
 * names, headers, size and arrival time. Built once per mail, matched against every rule.
 */
public final class MailDocument {
    /** What ends the domain of {@code Jane <jane@customer.test>}: RFC 5322 specials and blanks. */
    private static final String DOMAIN_END = "> \t\n\u000B\f\r,;\"()[]";

    private final List<String> from;
    private final List<String> to;
    private final List<String> cc;
    private final String subject;
    private final String body;
    private final List<String> attachmentNames;
    private final Map<String, List<String>> headers;
    private final long size;
    private final ZonedDateTime received;
    private final Optional<Boolean> inBusinessHours;
    /**
     * The body as characters read in place, or null when it is {@link #body}: a mail read for one
     * evaluation ({@link RuleSet#evaluate(javax.mail.internet.MimeMessage, long, ZonedDateTime, Optional)})
     * whose text stays in the evaluating thread's buffer.
     */
    private final BodyText bodyText;

    public MailDocument(List<String> from, List<String> to, List<String> cc, String subject, String body,
                        List<String> attachmentNames, Map<String, List<String>> headers, long size, ZonedDateTime received,
                        Optional<Boolean> inBusinessHours) {
        this(from, to, cc, subject, body, attachmentNames, headers, size, received, inBusinessHours, null);
    }

    private MailDocument(Builder builder) {
        this(builder.from, builder.to, builder.cc, builder.subject, builder.body, builder.attachments, builder.headers, builder.size,
            builder.received, builder.inBusinessHours, builder.bodyText);
    }

    private MailDocument(List<String> from, List<String> to, List<String> cc, String subject, String body,
                         List<String> attachmentNames, Map<String, List<String>> headers, long size, ZonedDateTime received,
                         Optional<Boolean> inBusinessHours, BodyText bodyText) {
        this.inBusinessHours = Objects.requireNonNull(inBusinessHours);
        this.from = List.copyOf(from);
        this.to = List.copyOf(to);
        this.cc = List.copyOf(cc);
        this.subject = Objects.requireNonNull(subject);
        this.body = Objects.requireNonNull(body);
        this.attachmentNames = List.copyOf(attachmentNames);
        this.headers = Map.copyOf(headers);
        this.size = size;
        this.received = Objects.requireNonNull(received);
        this.bodyText = bodyText;
    }

    public String subject() {
        return subject;
    }

    public String body() {
        return bodyText == null ? body : bodyText.toString();
    }

    /** The body's characters read in place ({@link BodyText}), or null when the body is a String ({@link #body()}). */
    BodyText bodyText() {
        return bodyText;
    }

    public ZonedDateTime received() {
        return received;
    }

    public List<String> attachmentNames() {
        return attachmentNames;
    }

    Document toLucene() {
        Document document = new Document();
        textFields().forEach((field, values) -> values.forEach(value -> document.add(new TextField(field, value, Field.Store.NO))));
        addNumbers(document);
        return document;
    }

    /** The numeric fields, searched by range: the same in every index of the mail. */
    void addNumbers(Document document) {
        document.add(new LongPoint(RuleFields.SIZE, size));
        document.add(new IntPoint(RuleFields.HOUR, received.getHour()));
    }

    /** Every text field with its values in indexing order (positions run on from one value to the next). */
    Map<String, List<String>> textFields() {
        return textFields(field -> true);
    }

    /**
     * The text fields {@code wanted} accepts, with their values: the others are not even built (a
     * rule set names a few fields, and a mail is read for it alone).
     */
    Map<String, List<String>> textFields(Predicate<String> wanted) {
        return textFields(wanted, true);
    }

    /**
     * As {@link #textFields(Predicate)}; without the body when {@code withBody} is false: {@link ReducedMail}
     * reads the characters of a {@link #bodyText()} in place.
     */
    Map<String, List<String>> textFields(Predicate<String> wanted, boolean withBody) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        putAddresses(fields, wanted, RuleFields.FROM, from);
        putAddresses(fields, wanted, RuleFields.TO, to);
        putAddresses(fields, wanted, RuleFields.CC, cc);
        putIfWanted(fields, wanted, RuleFields.SUBJECT, List.of(subject));
        if (withBody) {
            putIfWanted(fields, wanted, RuleFields.BODY, List.of(body()));
        }
        putIfWanted(fields, wanted, RuleFields.ATTACHMENT, attachmentNames);
        headers.forEach((name, values) -> putIfWanted(fields, wanted, RuleFields.header(name), values));
        if (wanted.test(RuleFields.DAY)) {
            fields.put(RuleFields.DAY, List.of(received.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH)));
        }
        if (wanted.test(RuleFields.BUSINESS_HOURS)) {
            inBusinessHours.ifPresent(open -> fields.put(RuleFields.BUSINESS_HOURS, List.of(open ? "open" : "closed")));
        }
        return fields;
    }

    private static void putAddresses(Map<String, List<String>> fields, Predicate<String> wanted, String field, List<String> addresses) {
        if (!addresses.isEmpty() && wanted.test(field)) {
            // a loop, not a stream: this runs for every mail, in the server mostly at C1
            List<String> values = new ArrayList<>(addresses.size());
            for (String address : addresses) {
                values.add(withDomain(address));
            }
            fields.put(field, values);
        }
    }

    private static void putIfWanted(Map<String, List<String>> fields, Predicate<String> wanted, String field, List<String> values) {
        if (!values.isEmpty() && wanted.test(field)) {
            fields.put(field, values);
        }
    }

    /** {@code Jane <jane@customer.test>} is also indexed as {@code customer.test}, so rules can name a whole domain. */
    static String withDomain(String address) {
        int at = address.lastIndexOf('@');
        if (at < 0) {
            return address;
        }
        // A scan, not "[>\\s,;…].*$": that pattern tried every delimiter and ran to a line break each time, quadratic.
        int end = at + 1;
        while (end < address.length() && DOMAIN_END.indexOf(address.charAt(end)) < 0) {
            end++;
        }
        String domain = address.substring(at + 1, end);
        return domain.isEmpty() ? address : address + " " + domain;
    }

    /** A builder for tests and the offline tester. */
    public static Builder builder(ZonedDateTime received) {
        return new Builder(received);
    }

    /** Collects a mail's fields. */
    public static final class Builder {
        private final ZonedDateTime received;
        private final List<String> from = new ArrayList<>();
        private final List<String> to = new ArrayList<>();
        private final List<String> cc = new ArrayList<>();
        private final List<String> attachments = new ArrayList<>();
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private String subject = "";
        private String body = "";
        private long size;
        private Optional<Boolean> inBusinessHours = Optional.empty();
        private BodyText bodyText;

        private Builder(ZonedDateTime received) {
            this.received = received;
        }

        public Builder from(String address) {
            from.add(address);
            return this;
        }

        public Builder to(String address) {
            to.add(address);
            return this;
        }

        public Builder cc(String address) {
            cc.add(address);
            return this;
        }

        public Builder subject(String value) {
            subject = value;
            return this;
        }

        public Builder body(String value) {
            body = value;
            return this;
        }

        public Builder attachment(String name) {
            attachments.add(name);
            return this;
        }

        public Builder header(String name, String value) {
            headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), any -> new ArrayList<>()).add(value);
            return this;
        }

        public Builder size(long value) {
            size = value;
            return this;
        }

        /** Whether the mail arrived while the shared mailbox is open. */
        public Builder inBusinessHours(boolean open) {
            inBusinessHours = Optional.of(open);
            return this;
        }

        /** The body read in place, instead of {@link #body(String)}: {@link MimeMailReader} for one evaluation. */
        Builder bodyText(BodyText text) {
            bodyText = text;
            return this;
        }

        public MailDocument build() {
            return new MailDocument(this);
        }
    }
}
