package com.teaminbox.core.rules;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import javax.mail.internet.MimeUtility;

/**
 * The text a {@code <set-header>} value is written as: as it is when it is printable ASCII, else
 * as RFC 2047 encoded-words in UTF-8; folded at spaces (RFC 5322 section 2.2.3). A value that
 * still leaves a line longer than {@value #MAX_LINE_LENGTH} characters (a long run without
 * spaces) cannot be written as a header at all: RFC 5322 section 2.1.1.
 */
public final class RuleHeaderValues {
    /** RFC 5322 section 2.1.1: each line of characters MUST be no more than 998 characters, excluding the CRLF. */
    public static final int MAX_LINE_LENGTH = 998;

    private RuleHeaderValues() {
    }

    /** The value as it goes into the header, or empty when no valid header line can carry it. */
    public static Optional<String> encode(String name, String value) {
        String encoded;
        if (value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            encoded = value;
        } else {
            try {
                encoded = MimeUtility.encodeText(value, StandardCharsets.UTF_8.name(), null);
            } catch (UnsupportedEncodingException | RuntimeException e) {
                return Optional.empty();
            }
        }
        String folded = MimeUtility.fold(name.length() + 2, encoded);
        for (String line : (name + ": " + folded).split("\r\n")) {
            if (line.length() > MAX_LINE_LENGTH) {
                return Optional.empty();
            }
        }
        return Optional.of(folded);
    }
}
