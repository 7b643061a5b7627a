package com.teaminbox.james.mailets;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import javax.mail.MessagingException;

import org.apache.mailet.base.GenericMailet;

/**
 * Reads a mailet's parameters once, in {@code init()}, with errors an administrator can act on:
 * each names the mailet, the parameter, the value written in mailetcontainer.xml and what is
 * accepted. James's own {@code checkInitParameters} says only "unexpected parameters".
 */
final class MailetParameters {
    /** Read by James's mailet container itself for every mailet, never by the mailet. */
    private static final List<String> CONTAINER_PARAMETERS = List.of("onMailetException", "onMatchException");

    private final GenericMailet mailet;

    private MailetParameters(GenericMailet mailet) {
        this.mailet = mailet;
    }

    /** The parameters of this mailet, refusing any name it does not know. */
    static MailetParameters of(GenericMailet mailet, Set<String> known) throws MessagingException {
        MailetParameters parameters = new MailetParameters(mailet);
        for (Iterator<String> names = mailet.getInitParameterNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name) && !CONTAINER_PARAMETERS.contains(name)) {
                throw parameters.refused(name, mailet.getInitParameter(name),
                    "unknown parameter; accepted: " + (known.isEmpty() ? "none" : String.join(", ", new TreeSet<>(known))));
            }
        }
        return parameters;
    }

    /** The value, stripped; empty when the parameter is absent or blank. */
    Optional<String> optional(String name) {
        return Optional.ofNullable(mailet.getInitParameter(name)).map(String::strip).filter(value -> !value.isEmpty());
    }

    MessagingException refused(String name, String value, String reason) {
        return new MessagingException("Mailet " + mailet.getMailetName() + " (" + mailet.getClass().getName() + "): parameter <"
            + name + "> = '" + value + "': " + reason);
    }
}
