package com.teaminbox.core.rules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

import javax.mail.Address;
import javax.mail.Header;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.internet.ContentType;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimePart;
import javax.mail.internet.MimeUtility;
import javax.mail.internet.ParseException;

import com.teaminbox.core.autoreply.BusinessHours;
import com.teaminbox.core.text.HtmlText;

/**
 * Turns a MIME message into the {@link MailDocument} rules see, reading no more than a bounded
 * prefix of its text: a 50 MB mail costs what its first {@code bodyPrefixChars} characters cost.
 * Attachments contribute their file names, never their content. Hostile structure (deep nesting,
 * broken parts, unknown charsets) is read as far as it makes sense and never fails the mail.
 */
public final class MimeMailReader {
    /** Deeper nesting is someone trying to exhaust the stack: parts below are ignored. */
    public static final int MAX_DEPTH = 20;
    /** At most this many headers are indexed, so a mail with 100,000 headers stays cheap. */
    public static final int MAX_HEADERS = 500;
    /** Header values are cut at this length before analysis. */
    public static final int MAX_HEADER_CHARS = 4_096;

    private final int bodyPrefixChars;
    private final Predicate<String> readsHeader;
    /**
     * The lower-case names of the headers {@link #readsHeader} accepts, when the rules name a few: a header's
     * name is compared with them in place, no lower-case copy made of each header's name. Null: ask the predicate.
     */
    private final String[] headersRead;
    private final boolean readsFrom;
    private final boolean readsTo;
    private final boolean readsCc;
    private final boolean readsSubject;
    private final boolean readsBody;
    private final boolean readsAttachments;
    private final boolean readsBusinessHours;

    /** A reader of every header, for the offline tester and the naive evaluation. */
    public MimeMailReader(int bodyPrefixChars) {
        this(bodyPrefixChars, name -> true);
    }

    /**
     * @param readsHeader whether a rule reads the header of this lower-case name ({@link RuleSet#readsHeader}):
     *     the others are not decoded, which cannot change a decision since no rule would see them
     */
    public MimeMailReader(int bodyPrefixChars, Predicate<String> readsHeader) {
        this(bodyPrefixChars, readsHeader, field -> true);
    }

    /**
     * @param readsField whether a rule reads this field ({@link RuleSet#readsField}: {@code from}, {@code to},
     *     {@code cc}, {@code subject}, {@code body}, {@code attachment}, {@code business-hours}): the others are left empty, neither
     *     parsed nor decoded, which cannot change a decision since no rule would see them
     */
    public MimeMailReader(int bodyPrefixChars, Predicate<String> readsHeader, Predicate<String> readsField) {
        this(bodyPrefixChars, readsHeader, readsField, null);
    }

    /** @param headersRead the lower-case names of every header {@code readsHeader} accepts, or null when not known */
    private MimeMailReader(int bodyPrefixChars, Predicate<String> readsHeader, Predicate<String> readsField, String[] headersRead) {
        this.bodyPrefixChars = bodyPrefixChars;
        this.readsHeader = readsHeader;
        this.headersRead = headersRead;
        this.readsFrom = readsField.test(RuleFields.FROM);
        this.readsTo = readsField.test(RuleFields.TO);
        this.readsCc = readsField.test(RuleFields.CC);
        this.readsSubject = readsField.test(RuleFields.SUBJECT);
        this.readsBody = readsField.test(RuleFields.BODY);
        this.readsAttachments = readsField.test(RuleFields.ATTACHMENT);
        this.readsBusinessHours = readsField.test(RuleFields.BUSINESS_HOURS);
    }

    /** A reader of what this rule set reads, and nothing else: what the server runs for each mail. */
    public static MimeMailReader forRules(RuleSet ruleSet) {
        return new MimeMailReader(ruleSet.rules().bodyPrefixChars(), ruleSet::readsHeader, ruleSet::readsField,
            ruleSet.headersRead().orElse(null));
    }

    public MailDocument read(MimeMessage message, long size, ZonedDateTime received) {
        return read(message, size, received, Optional.empty());
    }

    /** @param businessHours the shared mailbox's opening hours, for the {@code business-hours} field */
    public MailDocument read(MimeMessage message, long size, ZonedDateTime received, Optional<BusinessHours> businessHours) {
        MailDocument.Builder document = fields(message, size, received, businessHours);
        if (readsBody || readsAttachments) {
            // Sized for the whole text at once, as the builder of the Strings reader was.
            BodyText text = new BodyText(readsBody ? (int) Math.min(bodyPrefixChars + 2L, Math.max(16L, size + 1)) : 16);
            walk(message, 0, text, document);
            document.body(text.toString());
        }
        return document.build();
    }

    /** Every field but the body and the attachment names. */
    private MailDocument.Builder fields(MimeMessage message, long size, ZonedDateTime received, Optional<BusinessHours> businessHours) {
        MailDocument.Builder document = MailDocument.builder(received).size(size);
        if (readsBusinessHours && businessHours.isPresent()) {
            document.inBusinessHours(businessHours.get().isOpen(received.toInstant()));
        }
        // Plain loops, no method reference per address: the server runs this for every mail, much of it at C1.
        if (readsTo) {
            for (String address : addresses(message, Message.RecipientType.TO)) {
                document.to(address);
            }
        }
        if (readsCc) {
            for (String address : addresses(message, Message.RecipientType.CC)) {
                document.cc(address);
            }
        }
        if (readsFrom) {
            for (String address : from(message)) {
                document.from(address);
            }
        }
        if (readsSubject) {
            document.subject(subject(message));
        }
        headers(message, document);
        return document;
    }

    /**
     * As {@link #read(MimeMessage, long, ZonedDateTime, Optional)}, the body's text decoded into
     * {@code body} and left there: the document reads it in place ({@link MailDocument#bodyText()}),
     * valid while {@code body} is not reused. What {@link RuleSet#evaluate(MimeMessage, long,
     * ZonedDateTime, Optional)} runs: no String for the body or any of its parts.
     */
    MailDocument read(MimeMessage message, long size, ZonedDateTime received, Optional<BusinessHours> businessHours, BodyText body) {
        MailDocument.Builder document = fields(message, size, received, businessHours);
        body.clear();
        if (readsBody || readsAttachments) {
            walk(message, 0, body, document);
        }
        return document.bodyText(body).build();
    }

    private void walk(Part part, int depth, BodyText body, MailDocument.Builder document) {
        if (depth > MAX_DEPTH) {
            return;
        }
        try {
            PartType type = PartType.orNull(part, body);
            String fileName = fileName(part, type, readsAttachments);
            if (!fileName.isEmpty()) {
                if (readsAttachments) {
                    document.attachment(fileName);
                }
                return;
            }
            if (type == null) {
                type = PartType.of(part, body);
            }
            if (type.is(MULTIPART)) {
                Object content = part.getContent();
                if (content instanceof Multipart) {
                    Multipart multipart = (Multipart) content;
                    for (int index = 0; index < multipart.getCount() && index < 1_000; index++) {
                        walk(multipart.getBodyPart(index), depth + 1, body, document);
                    }
                }
                return;
            }
            if (!readsBody || body.length() >= bodyPrefixChars) {
                return;
            }
            if (type.is(TEXT_PLAIN)) {
                readText(part, type.charset(body), bodyPrefixChars - body.length(), body, true);
                body.append('\n');
            } else if (type.is(TEXT_HTML)) {
                int start = body.length();
                readText(part, type.charset(body), bodyPrefixChars - start, body, false);
                // the markup read after the text as characters, then replaced by its text
                String html = body.cut(start);
                body.append(HtmlText.of(html));
                body.append('\n');
            }
        } catch (MessagingException | IOException | RuntimeException e) {
            // A broken part contributes what could be read; the rest of the mail is still analysed.
        }
    }

    /**
     * Appends at most {@code budget} characters of the part's text to {@code text}, decoded in its
     * buffers ({@link BodyText#read}); a part that fails while being read adds nothing, as when its
     * text was read apart first. With {@code asBytes}, kept as bytes where it can be ({@link BodyText}).
     */
    private static void readText(Part part, Charset charset, int budget, BodyText text, boolean asBytes)
        throws MessagingException, IOException {
        int before = text.length();
        try (InputStream input = part.getInputStream()) {
            text.read(input, charset, budget, part.getSize(), asBytes);
        } catch (MessagingException | IOException | RuntimeException e) {
            text.setLength(before);
            throw e;
        }
    }

    private static final KnownType MULTIPART = new KnownType("multipart/*");
    private static final KnownType TEXT_PLAIN = new KnownType("text/plain");
    private static final KnownType TEXT_HTML = new KnownType("text/html");

    /**
     * A type the reader asks a part about, parsed once: {@code ContentType.match(String)} is
     * {@code match(new ContentType(text))}. Never changed after it is made (javax.mail's ContentType
     * could be), so shared by every thread.
     */
    private static final class KnownType {
        private final String text;
        private final ContentType parsed;

        KnownType(String text) {
            this.text = text;
            this.parsed = PartType.parse(text);
        }
    }

    /**
     * A part's content type, parsed once for the questions asked of it (multipart? plain text? HTML?
     * which charset?): javax.mail's {@link Part#isMimeType} parses it anew at each. Answers as
     * {@code MimeBodyPart.isMimeType} does, down to a type that cannot be parsed (its text before
     * the first {@code ;}, else the whole text compared).
     */
    private static final class PartType {
        private final Part part;
        /** The Content-Type of a MIME part, or null for another kind of part, asked each time. */
        private final String text;
        /** That type parsed, or null when it cannot be. */
        private final ContentType parsed;

        private PartType(Part part, String text, ContentType parsed) {
            this.part = part;
            this.text = text;
            this.parsed = parsed;
        }

        /** As {@link #of}, or null when the part's content type cannot be read at all. */
        static PartType orNull(Part part, BodyText memory) {
            try {
                return of(part, memory);
            } catch (MessagingException | RuntimeException e) {
                return null;
            }
        }

        /**
         * The {@code name} parameter of the part's Content-Type, as {@code MimeBodyPart.getFileName}
         * reads it when the part has no Content-Disposition: from the header itself, null when absent.
         */
        String nameParameter() throws MessagingException {
            if (text == null) {
                return null;
            }
            String[] header = ((MimePart) part).getHeader("Content-Type");
            if (header == null || header.length == 0 || header[0] == null) {
                // no Content-Type: getContentType() answers text/plain, getFileName() no name
                return null;
            }
            if (!containsName(text)) {
                return null;
            }
            return parsed == null ? null : parsed.getParameter("name");
        }

        static boolean containsName(String value) {
            return indexOfIgnoreCase(value, "name") >= 0;
        }

        /** @param memory where the last type parsed is remembered: mails of one sender repeat theirs, a part's type is not changed */
        static PartType of(Part part, BodyText memory) throws MessagingException {
            if (!(part instanceof MimePart)) {
                return new PartType(part, null, null);
            }
            String text = PartContentType.of((MimePart) part);
            ContentType parsed = memory.lastContentType(text);
            if (parsed == null) {
                parsed = parse(text);
                memory.rememberContentType(text, parsed);
            }
            return new PartType(part, text, parsed);
        }

        /**
         * Whether the part is of this type: {@code ContentType.match(String)} parses its argument at each
         * call, three times per part of every mail; the types asked are parsed once ({@link KnownType}).
         */
        boolean is(KnownType mimeType) throws MessagingException {
            if (text == null) {
                return part.isMimeType(mimeType.text);
            }
            if (parsed != null) {
                return parsed.match(mimeType.parsed);
            }
            int parameters = text.indexOf(';');
            ContentType bare = parameters > 0 ? parse(text.substring(0, parameters)) : null;
            return bare != null ? bare.match(mimeType.parsed) : text.equalsIgnoreCase(mimeType.text);
        }

        /**
         * The charset its text is in: UTF-8 when it names none, an unknown one, or cannot be parsed. The
         * name's resolution is remembered in {@code body} for the next part that names the same.
         */
        Charset charset(BodyText body) {
            try {
                ContentType type = text == null ? parse(part.getContentType()) : parsed;
                String name = type == null ? null : type.getParameter("charset");
                if (name == null) {
                    return StandardCharsets.UTF_8;
                }
                Charset known = body.lastCharset(name);
                if (known != null) {
                    return known;
                }
                Charset charset = StandardCharsets.UTF_8;
                if (Charset.isSupported(MimeUtility.javaCharset(name))) {
                    charset = Charset.forName(MimeUtility.javaCharset(name));
                }
                body.rememberCharset(name, charset);
                return charset;
            } catch (MessagingException | RuntimeException e) {
                // unknown or malformed charset: read as UTF-8 below
            }
            return StandardCharsets.UTF_8;
        }

        private static ContentType parse(String text) {
            try {
                return new ContentType(text);
            } catch (ParseException | RuntimeException e) {
                return null;
            }
        }
    }

    /**
     * The part's decoded file name, or "" for none: {@link Part#getFileName()}, decoded, without parsing
     * its content type a second time. javax.mail 1.6 reads the Content-Disposition's {@code filename},
     * else the Content-Type's {@code name}: a part with neither a Content-Disposition nor the letters
     * {@code name} in its Content-Type has none. When {@code decoded} is false only whether it is
     * empty matters: a name with no encoded word ({@code =?}) decodes to itself.
     */
    private static String fileName(Part part, PartType type, boolean decoded) {
        try {
            String name;
            if (type != null && type.text != null && part.getHeader("Content-Disposition") == null) {
                name = type.nameParameter();
            } else {
                name = part.getFileName();
            }
            if (name == null || name.isEmpty()) {
                return "";
            }
            return decoded || name.contains("=?") ? MimeUtility.decodeText(name) : name;
        } catch (MessagingException | IOException | RuntimeException e) {
            return "";
        }
    }

    /** Where {@code lowerCase}, an ASCII word, occurs in {@code value} in any case; -1 if nowhere. */
    private static int indexOfIgnoreCase(String value, String lowerCase) {
        int last = value.length() - lowerCase.length();
        char first = lowerCase.charAt(0);
        for (int start = 0; start <= last; start++) {
            // compared in full only where the first letter is there, in either case
            if ((value.charAt(start) | 0x20) == first && value.regionMatches(true, start, lowerCase, 0, lowerCase.length())) {
                return start;
            }
        }
        return -1;
    }

    private void headers(MimeMessage message, MailDocument.Builder document) {
        try {
            int count = 0;
            // Unread headers still count towards MAX_HEADERS: the same headers are indexed whichever rules there are.
            for (Enumeration<Header> headers = message.getAllHeaders(); headers.hasMoreElements() && count < MAX_HEADERS; count++) {
                Header header = headers.nextElement();
                String name = readName(header.getName());
                if (name == null) {
                    continue;
                }
                String value = header.getValue() == null ? "" : decode(header.getValue());
                document.header(name, value.length() > MAX_HEADER_CHARS ? value.substring(0, MAX_HEADER_CHARS) : value);
            }
        } catch (MessagingException e) {
            // no headers readable: rules on headers simply do not match
        }
    }

    /** The header's lower-case name when a rule reads it, else null. */
    private String readName(String name) {
        if (headersRead != null && isAscii(name)) {
            for (String read : headersRead) {
                if (sameIgnoringAsciiCase(read, name)) {
                    return read;
                }
            }
            return null;
        }
        String lowerCase = name.toLowerCase(Locale.ROOT);
        return readsHeader.test(lowerCase) ? lowerCase : null;
    }

    private static boolean isAscii(String name) {
        for (int index = 0; index < name.length(); index++) {
            if (name.charAt(index) >= 128) {
                return false;
            }
        }
        return true;
    }

    /** Whether the ASCII {@code name}, lower-cased as {@link String#toLowerCase(Locale)} does it, is {@code lowerCase}. */
    private static boolean sameIgnoringAsciiCase(String lowerCase, String name) {
        if (lowerCase.length() != name.length()) {
            return false;
        }
        for (int index = 0; index < name.length(); index++) {
            char c = name.charAt(index);
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lowerCase.charAt(index)) {
                return false;
            }
        }
        return true;
    }

    private static String subject(MimeMessage message) {
        try {
            String subject = message.getSubject();
            return subject == null ? "" : subject;
        } catch (MessagingException | RuntimeException e) {
            return "";
        }
    }

    private static Iterable<String> from(MimeMessage message) {
        try {
            return toStrings(message.getFrom());
        } catch (MessagingException | RuntimeException e) {
            return Collections.emptyList();
        }
    }

    private static Iterable<String> addresses(MimeMessage message, Message.RecipientType type) {
        try {
            return toStrings(message.getRecipients(type));
        } catch (MessagingException | RuntimeException e) {
            return Collections.emptyList();
        }
    }

    private static List<String> toStrings(Address[] addresses) {
        List<String> values = new ArrayList<>();
        if (addresses != null) {
            for (Address address : addresses) {
                values.add(address instanceof InternetAddress ? ((InternetAddress) address).toUnicodeString() : address.toString());
            }
        }
        return values;
    }

    private static String decode(String value) {
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(value));
        } catch (IOException | RuntimeException e) {
            return value;
        }
    }
}
