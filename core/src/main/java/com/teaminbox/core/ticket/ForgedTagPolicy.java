package com.teaminbox.core.ticket;

import java.util.Arrays;
import java.util.Optional;

/** What happens to a tag of ours whose number we never issued (typed by hand, or forged). */
public enum ForgedTagPolicy {
    /** The mail opens a new ticket; the bogus tag stays in the subject as plain text. */
    KEEP("keep"),
    /** The mail opens a new ticket; the bogus tag is removed from the subject. */
    REMOVE("remove");

    private final String xmlName;

    ForgedTagPolicy(String xmlName) {
        this.xmlName = xmlName;
    }

    public String xmlName() {
        return xmlName;
    }

    public static Optional<ForgedTagPolicy> fromXmlName(String value) {
        return Arrays.stream(values()).filter(policy -> policy.xmlName.equals(value)).findFirst();
    }
}
