package com.teaminbox.core.sending;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Message-IDs a reply answers, most likely first: {@code In-Reply-To}, then {@code References}
 * from the newest (last, RFC 5322 section 3.6.4) to the oldest. Each id once, with its angle
 * brackets, as it appears in the answered message's {@code Message-ID} header.
 */
public final class RepliedMessageIds {
    /** A long thread's References can hold hundreds of ids; the newest ones are the ones that matter. */
    public static final int MAX_IDS = 20;
    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");

    private RepliedMessageIds() {
    }

    public static List<String> of(Optional<String> inReplyTo, Optional<String> references) {
        Set<String> ids = new LinkedHashSet<>(extract(inReplyTo));
        List<String> newestFirst = new ArrayList<>(extract(references));
        Collections.reverse(newestFirst);
        ids.addAll(newestFirst);
        return ids.stream().limit(MAX_IDS).toList();
    }

    private static List<String> extract(Optional<String> header) {
        List<String> ids = new ArrayList<>();
        header.ifPresent(value -> {
            Matcher matcher = MESSAGE_ID.matcher(value);
            while (matcher.find()) {
                ids.add(matcher.group());
            }
        });
        return ids;
    }
}
