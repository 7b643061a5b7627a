package com.teaminbox.core.ticket;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The message identifiers a reply points to (RFC 5322 §3.6.4), most relevant first: In-Reply-To,
 * then References from the newest to the oldest. Bounded, because References grows with every
 * reply of a long thread and each identifier costs a lookup.
 */
public final class MessageIds {
    public static final int MAX_LOOKED_UP = 20;
    /** One identifier in a header value: angle brackets around up to 250 characters without space or bracket. */
    public static final String MESSAGE_ID_PATTERN = "<[^<>\\s]{1,250}>";
    private static final Pattern MESSAGE_ID = Pattern.compile(MESSAGE_ID_PATTERN);

    private MessageIds() {
    }

    public static List<String> referencedBy(Optional<String> inReplyTo, Optional<String> references) {
        Set<String> ordered = new LinkedHashSet<>(all(inReplyTo.orElse("")));
        List<String> referenced = all(references.orElse(""));
        for (int index = referenced.size() - 1; index >= 0; index--) {
            ordered.add(referenced.get(index));
        }
        return ordered.stream().limit(MAX_LOOKED_UP).collect(Collectors.toList());
    }

    private static List<String> all(String header) {
        List<String> ids = new ArrayList<>();
        Matcher matcher = MESSAGE_ID.matcher(header);
        while (matcher.find()) {
            ids.add(matcher.group());
        }
        return ids;
    }
}
