package com.teaminbox.core.deployment;

import java.util.List;
import java.util.Objects;

/**
 * One {@code <mailet>} of {@code mailetcontainer.xml}, as the start check sees it.
 *
 * @param processor   the {@code state} of its {@code <processor>}
 * @param match       its {@code match} attribute
 * @param className   its {@code class} attribute
 * @param headerNames its {@code <name>} parameter split at commas (what {@code RemoveMimeHeader} removes); empty otherwise
 */
public record MailetSetup(String processor, String match, String className, List<String> headerNames) {
    public MailetSetup {
        Objects.requireNonNull(processor, "processor");
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(className, "className");
        headerNames = List.copyOf(headerNames);
    }

    boolean isOurs() {
        return className.startsWith(MailetPipelineCheck.OUR_PACKAGE) || match.startsWith(MailetPipelineCheck.OUR_PACKAGE);
    }

    boolean removesBcc() {
        return (className.equals("RemoveMimeHeader") || className.endsWith(".RemoveMimeHeader"))
            && headerNames.stream().anyMatch(name -> name.trim().equalsIgnoreCase("bcc"));
    }

    String describe() {
        return "<mailet match=\"" + match + "\" class=\"" + className + "\"> in processor '" + processor + "'";
    }
}
