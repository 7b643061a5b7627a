package com.teaminbox.core.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * No SMTP server may let an authenticated user send as a shared mailbox without our send rules.
 *
 * <p>James 3.8.1 runs {@code AUTH} on every SMTP server whose mechanisms are enabled, whether or
 * not EHLO announces it ({@code AuthCmdHandler} does not look at {@code <announce>}): stock James
 * has three such servers (25, 465, 587). So every server where AUTH can succeed must carry our
 * sending hooks; and the incoming server, the one that does not announce AUTH, must refuse it
 * altogether with {@link #REFUSE_AUTHENTICATION_HOOK}. Where they are listed does not matter to
 * James's own hooks: its {@code ProtocolHandlerChainImpl} always appends the core handlers
 * ({@code CoreCmdHandlerLoader}'s identity check, authentication and queueing) after every listed
 * handler, wherever the chain names {@code CoreCmdHandlerLoader}.
 */
public final class SmtpServersCheck {
    public static final String FILE = "smtpserver.xml";
    public static final String REFUSE_AUTHENTICATION_HOOK = "com.teaminbox.james.smtp.RefuseAuthenticationHook";
    public static final List<String> SENDING_HOOKS = List.of(
        "com.teaminbox.james.smtp.SharedAddressEnvelopeHook",
        "com.teaminbox.james.smtp.SharedAddressHeadersHook",
        "com.teaminbox.james.smtp.OutgoingSubjectHook");
    /** Writes the records of what passed every check, so it must come after every hook that may still refuse. */
    public static final String LAST_HOOK = "com.teaminbox.james.smtp.ReceivedMailAuditHook";
    private static final String FIX = " (docs/deployment.md, section 4)";

    private SmtpServersCheck() {
    }

    /**
     * A member's mail is recorded as sent ({@code send-accepted}) only once every check has passed:
     * by {@link #LAST_HOOK}, which must then follow each of our hooks that may refuse it.
     */
    private static Optional<DeploymentProblem> lastHookProblem(SmtpServerSetup server) {
        List<String> handlers = server.handlers();
        int last = handlers.lastIndexOf(LAST_HOOK);
        List<String> after = handlers.stream()
            .filter(handler -> handler.startsWith("com.teaminbox.james.smtp.") && !handler.equals(LAST_HOOK))
            .filter(handler -> handlers.lastIndexOf(handler) > last)
            .toList();
        if (last >= 0 && after.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DeploymentProblem(FILE, server.describe(), (last < 0 ? "accepts AUTH but its handlerchain lacks " + LAST_HOOK
            : "lists " + String.join(", ", after) + " after " + LAST_HOOK)
            + ": members' mail would go unrecorded, or be recorded as sent before a later check refuses it; add it after our other hooks,"
            + " before CoreCmdHandlerLoader" + FIX));
    }

    /** The problems of the enabled servers; empty when every one is governed. */
    public static List<DeploymentProblem> problems(List<SmtpServerSetup> servers) {
        List<DeploymentProblem> problems = new ArrayList<>();
        for (SmtpServerSetup server : servers) {
            boolean authCanSucceed = server.authMechanisms() && !server.handlers().contains(REFUSE_AUTHENTICATION_HOOK);
            if (authCanSucceed && !server.authAnnounced()) {
                problems.add(new DeploymentProblem(FILE, server.describe(),
                    "does not announce AUTH but James 3.8.1 accepts it there anyway, so anyone with a password could send "
                        + "through it unchecked; add <handler class=\"" + REFUSE_AUTHENTICATION_HOOK
                        + "\"/> to its handlerchain before CoreCmdHandlerLoader" + FIX));
                continue;
            }
            if (!authCanSucceed) {
                continue;
            }
            List<String> missing = SENDING_HOOKS.stream()
                .filter(hook -> !server.handlers().contains(hook))
                .collect(Collectors.toList());
            if (!missing.isEmpty()) {
                problems.add(new DeploymentProblem(FILE, server.describe(),
                    "accepts AUTH but its handlerchain lacks " + String.join(", ", missing)
                        + ": a member could send as a shared mailbox there whatever their role; add "
                        + (missing.size() == 1 ? "it" : "them") + " before CoreCmdHandlerLoader" + FIX
                        + ", or refuse AUTH there with " + REFUSE_AUTHENTICATION_HOOK));
            } else {
                lastHookProblem(server).ifPresent(problems::add);
            }
        }
        return problems;
    }
}
