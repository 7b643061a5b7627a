package com.teaminbox.core.rules;

import javax.mail.internet.MimePart;

/**
 * A content-type cleaner for javax.mail ({@code mail.mime.contenttypehandler}, set for core's tests in
 * its pom), as James installs its own: it changes only the test types below, so that every other
 * test reads content types as without a cleaner, and {@link PartContentTypeTest} sees whether the
 * cleaner was called, and what a throwing cleaner leaves.
 */
public final class MarkingContentTypeCleaner {
    static final String CLEANED = "x-test/clean-me";
    static final String THROWS = "x-test/throw";

    private MarkingContentTypeCleaner() {
    }

    public static String cleanContentType(MimePart part, String contentType) {
        if (CLEANED.equals(contentType)) {
            return "text/html; charset=utf-8";
        }
        if (THROWS.equals(contentType)) {
            throw new IllegalArgumentException("a cleaner that fails");
        }
        return contentType;
    }
}
