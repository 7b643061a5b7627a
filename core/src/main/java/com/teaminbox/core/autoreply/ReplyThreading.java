package com.teaminbox.core.autoreply;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * In-Reply-To and References of a reply, as RFC 5322 section 3.6.4 builds them: In-Reply-To is
 * the parent's Message-ID; References is the parent's References (or else its single
 * In-Reply-To) followed by the parent's Message-ID. Only well-formed {@code <id>} tokens are
 * copied, so nothing a sender wrote can add a line; the oldest ones are dropped past a bound.
 */
public final class ReplyThreading {
    public static final int MAX_REFERENCES = 20;
    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s\\p{Cntrl}]{1,250}>");

    private final Optional<String> inReplyTo;
    private final List<String> references;

    private ReplyThreading(Optional<String> inReplyTo, List<String> references) {
        this.inReplyTo = inReplyTo;
        this.references = List.copyOf(references);
    }

    public static ReplyThreading replyTo(Optional<String> parentMessageId, Optional<String> parentReferences,
                                         Optional<String> parentInReplyTo) {
        Optional<String> id = parentMessageId.flatMap(value -> ids(value).stream().findFirst());
        List<String> chain = ids(parentReferences.orElse(""));
        if (chain.isEmpty()) {
            List<String> parentParents = ids(parentInReplyTo.orElse(""));
            if (parentParents.size() == 1) {
                chain.addAll(parentParents);
            }
        }
        id.ifPresent(chain::add);
        List<String> bounded = chain.size() > MAX_REFERENCES ? chain.subList(chain.size() - MAX_REFERENCES, chain.size()) : chain;
        return new ReplyThreading(id, bounded);
    }

    private static List<String> ids(String header) {
        List<String> ids = new ArrayList<>();
        Matcher matcher = MESSAGE_ID.matcher(header);
        while (matcher.find()) {
            ids.add(matcher.group());
        }
        return ids;
    }

    public Optional<String> inReplyTo() {
        return inReplyTo;
    }

    /** Space-separated, ready for the header; empty when the parent had no identifier at all. */
    public Optional<String> references() {
        return references.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", references));
    }
}
