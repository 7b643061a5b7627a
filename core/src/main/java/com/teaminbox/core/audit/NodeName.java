package com.teaminbox.core.audit;

import java.util.regex.Pattern;

/** A node name goes into file names and records, so it is kept to a portable, unambiguous set. */
final class NodeName {
    static final int MAX_LENGTH = 64;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_LENGTH + "}");

    private NodeName() {
    }

    static String check(String node) {
        if (!VALID.matcher(node).matches()) {
            throw new IllegalArgumentException("Invalid audit node name '" + node + "': expected 1 to " + MAX_LENGTH
                + " ASCII letters, digits, '-', '_' or '.'");
        }
        return node;
    }
}
