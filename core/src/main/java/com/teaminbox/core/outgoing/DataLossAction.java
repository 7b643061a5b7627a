package com.teaminbox.core.outgoing;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a data-loss detector's finding does to the mail; a mail with findings of several actions gets the strongest. */
public enum DataLossAction {
    /** Delivered, with an {@code X-TeamInbox-DLP} header and an audit record. */
    FLAG("flag"),
    /** Accepted, kept in a mail repository until an administrator releases or discards it; the sender is told. */
    HOLD("hold"),
    /** Refused in the SMTP dialogue with 550 5.7.1, naming the detector and where, never the value. */
    REFUSE("refuse");

    private final String xmlName;

    DataLossAction(String xmlName) {
        this.xmlName = xmlName;
    }

    public String xmlName() {
        return xmlName;
    }

    public static Optional<DataLossAction> fromXmlName(String value) {
        return Arrays.stream(values()).filter(action -> action.xmlName.equals(value)).findFirst();
    }

    public static String acceptedXmlNames() {
        return Arrays.stream(values()).map(DataLossAction::xmlName).collect(Collectors.joining(", "));
    }
}
