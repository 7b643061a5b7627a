package com.teaminbox.james.autoreply;

import java.util.Collection;
import java.util.Enumeration;

import javax.mail.Header;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import com.teaminbox.core.autoreply.HeaderFields;

/** The raw header fields of a James mail, for the governor; a header javax.mail cannot read is skipped. */
public final class MailHeaderFields {
    /** Hostile mail may carry thousands of headers; the rules need only the first ones of each kind. */
    static final int MAX_HEADERS = 2000;

    private MailHeaderFields() {
    }

    public static HeaderFields of(MimeMessage message) {
        HeaderFields.Builder builder = HeaderFields.builder();
        try {
            add(builder, message.getAllHeaders());
        } catch (MessagingException e) {
            // The fields read so far still decide; an unreadable header block is no reason to answer more.
        }
        return builder.build();
    }

    /**
     * Only the fields of these names (as {@code AutoResponseGovernor.HEADERS_READ}), up to
     * {@link #MAX_HEADERS} of them: javax.mail hands the matching headers without building an
     * object for each of the mail's other headers, which {@link #of(MimeMessage)} reads, lower-cases
     * and sorts for nothing. The limit counts gathered fields, not every header: a field of these
     * names beyond the 2,000th header of a mail is seen, where {@link #of(MimeMessage)} ignores it.
     */
    public static HeaderFields of(MimeMessage message, Collection<String> names) {
        return of(message, HeaderFields.Names.of(names));
    }

    /** As {@link #of(MimeMessage, Collection)}, for names prepared once ({@link HeaderFields.Names}), not for each mail. */
    public static HeaderFields of(MimeMessage message, HeaderFields.Names names) {
        HeaderFields.Builder builder = HeaderFields.builder().only(names);
        try {
            add(builder, message.getMatchingHeaders(names.asList().toArray(String[]::new)));
        } catch (MessagingException e) {
            // As above: what was read still decides.
        }
        return builder.build();
    }

    private static void add(HeaderFields.Builder builder, Enumeration<Header> headers) {
        for (int count = 0; headers.hasMoreElements() && count < MAX_HEADERS; count++) {
            Header header = headers.nextElement();
            builder.add(header.getName(), header.getValue());
        }
    }
}
