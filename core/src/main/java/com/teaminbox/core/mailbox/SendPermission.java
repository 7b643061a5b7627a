package com.teaminbox.core.mailbox;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a member may do with the shared address when sending mail. */
public enum SendPermission {
    /** The member may not send as the shared mailbox at all. */
    NONE("none"),
    /** {@code From:} the shared address, nothing reveals the member (Exchange "Send As"). */
    SEND_AS("send-as"),
    /** {@code From:} the shared address with {@code Sender:} the member (Exchange "Send on Behalf"). */
    SEND_ON_BEHALF("send-on-behalf");

    private final String xmlName;

    SendPermission(String xmlName) {
        this.xmlName = xmlName;
    }

    public String xmlName() {
        return xmlName;
    }

    public static Optional<SendPermission> fromXmlName(String value) {
        return Arrays.stream(values()).filter(permission -> permission.xmlName.equals(value)).findFirst();
    }

    public static String acceptedXmlNames() {
        return Arrays.stream(values()).map(SendPermission::xmlName).collect(Collectors.joining(", "));
    }
}
