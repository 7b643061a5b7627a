package com.teaminbox.core.deployment;

import java.util.List;
import java.util.Objects;

/**
 * What the start check needs to know of one {@code <smtpserver>} of {@code smtpserver.xml}.
 *
 * @param name            its {@code <jmxName>}, or its position when it has none
 * @param bind            its {@code <bind>}, e.g. {@code 0.0.0.0:25}
 * @param authAnnounced   whether EHLO announces AUTH ({@code <auth><announce>} other than
 *                        {@code never}, or the older {@code <authRequired>true</authRequired>})
 * @param authMechanisms  whether any AUTH mechanism is enabled ({@code plainAuthEnabled}, the
 *                        default, or an OIDC configuration)
 * @param handlers        the class names of its {@code <handlerchain>}, in order
 */
public record SmtpServerSetup(String name, String bind, boolean authAnnounced, boolean authMechanisms, List<String> handlers) {
    public SmtpServerSetup {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bind, "bind");
        handlers = List.copyOf(handlers);
    }

    /** How problems name this server: {@code <smtpserver> 'smtpserver-global' (0.0.0.0:25)}. */
    public String describe() {
        return "<smtpserver> '" + name + "' (" + bind + ")";
    }
}
