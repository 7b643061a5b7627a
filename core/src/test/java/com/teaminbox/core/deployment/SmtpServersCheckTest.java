package com.teaminbox.core.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SmtpServersCheckTest {
    private static final String VALID_RCPT = "org.apache.james.smtpserver.fastfail.ValidRcptHandler";
    private static final String CORE = "org.apache.james.smtpserver.CoreCmdHandlerLoader";

    private static List<String> governed() {
        List<String> handlers = new ArrayList<>(List.of(VALID_RCPT));
        handlers.addAll(SmtpServersCheck.SENDING_HOOKS);
        handlers.add(SmtpServersCheck.LAST_HOOK);
        handlers.add(CORE);
        return handlers;
    }

    private static SmtpServerSetup server(String name, String bind, boolean announced, List<String> handlers) {
        return new SmtpServerSetup(name, bind, announced, true, handlers);
    }

    @Test
    void governedSubmissionServerAndIncomingServerRefusingAuthShouldPass() {
        SmtpServerSetup incoming = server("smtpserver-global", "0.0.0.0:25", false,
            List.of(VALID_RCPT, SmtpServersCheck.REFUSE_AUTHENTICATION_HOOK, CORE));
        SmtpServerSetup submission = server("smtpserver-authenticated", "0.0.0.0:587", true, governed());

        assertThat(SmtpServersCheck.problems(List.of(incoming, submission))).isEmpty();
    }

    @Test
    void stockIncomingServerShouldBeRefusedBecauseItAcceptsUnannouncedAuth() {
        SmtpServerSetup stock = server("smtpserver-global", "0.0.0.0:25", false, List.of(VALID_RCPT, CORE));

        assertThat(SmtpServersCheck.problems(List.of(stock)))
            .extracting(DeploymentProblem::toString)
            .containsExactly("smtpserver.xml: <smtpserver> 'smtpserver-global' (0.0.0.0:25) does not announce AUTH but James "
                + "3.8.1 accepts it there anyway, so anyone with a password could send through it unchecked; add <handler "
                + "class=\"com.teaminbox.james.smtp.RefuseAuthenticationHook\"/> to its handlerchain before CoreCmdHandlerLoader "
                + "(docs/deployment.md, section 4)");
    }

    @Test
    void incomingServerShouldBeRefusedEvenWithOurSendingHooks() {
        SmtpServerSetup incoming = server("in", "0.0.0.0:25", false, governed());

        assertThat(SmtpServersCheck.problems(List.of(incoming))).hasSize(1);
    }

    @Test
    void authServerWithoutSendingHooksShouldBeNamedWithPortAndMissingHooks() {
        SmtpServerSetup tls = server("smtpserver-TLS", "0.0.0.0:465", true, List.of(VALID_RCPT, CORE));

        assertThat(SmtpServersCheck.problems(List.of(tls)))
            .extracting(DeploymentProblem::toString)
            .containsExactly("smtpserver.xml: <smtpserver> 'smtpserver-TLS' (0.0.0.0:465) accepts AUTH but its handlerchain "
                + "lacks com.teaminbox.james.smtp.SharedAddressEnvelopeHook, com.teaminbox.james.smtp.SharedAddressHeadersHook, "
                + "com.teaminbox.james.smtp.OutgoingSubjectHook: a member could send as a shared mailbox there whatever their "
                + "role; add them before CoreCmdHandlerLoader (docs/deployment.md, section 4), or refuse AUTH there with "
                + "com.teaminbox.james.smtp.RefuseAuthenticationHook");
    }

    @Test
    void oneMissingHookShouldBeRefused() {
        List<String> handlers = governed();
        handlers.remove("com.teaminbox.james.smtp.SharedAddressHeadersHook");

        assertThat(SmtpServersCheck.problems(List.of(server("sub", "127.0.0.1:587", true, handlers))))
            .singleElement().extracting(DeploymentProblem::reason).asString()
            .startsWith("accepts AUTH but its handlerchain lacks com.teaminbox.james.smtp.SharedAddressHeadersHook: ");
    }

    /**
     * James 3.8.1's {@code ProtocolHandlerChainImpl} always appends the core handlers after every
     * handler the chain lists, wherever {@code CoreCmdHandlerLoader} is written (a listed one is
     * loaded as an inert object): our hooks run before James's identity check and queueing anyway,
     * so a chain that lists them after it (stock file, hooks appended) is governed.
     */
    @Test
    void sendingHooksListedAfterCoreHandlersShouldPassBecauseJamesRunsTheCoreHandlersLastAnyway() {
        List<String> handlers = new ArrayList<>(List.of(VALID_RCPT, CORE));
        handlers.addAll(SmtpServersCheck.SENDING_HOOKS);
        handlers.add(SmtpServersCheck.LAST_HOOK);

        assertThat(SmtpServersCheck.problems(List.of(server("sub", "127.0.0.1:587", true, handlers)))).isEmpty();
    }

    @Test
    void serverWithoutAnyAuthMechanismShouldNeedNoHooks() {
        SmtpServerSetup noMechanism = new SmtpServerSetup("in", "0.0.0.0:25", false, false, List.of(VALID_RCPT, CORE));

        assertThat(SmtpServersCheck.problems(List.of(noMechanism))).isEmpty();
    }

    @Test
    void serverRefusingAuthShouldNeedNoSendingHooksEvenWhenItAnnouncesAuth() {
        SmtpServerSetup refusing = server("odd", "0.0.0.0:2525", true, List.of(SmtpServersCheck.REFUSE_AUTHENTICATION_HOOK, CORE));

        assertThat(SmtpServersCheck.problems(List.of(refusing))).isEmpty();
    }

    @Test
    void everyUngovernedServerShouldBeReported() {
        List<String> stock = List.of(VALID_RCPT, CORE);

        assertThat(SmtpServersCheck.problems(List.of(server("a", "0.0.0.0:25", false, stock),
            server("b", "0.0.0.0:465", true, stock), server("c", "0.0.0.0:587", true, stock))))
            .extracting(DeploymentProblem::element)
            .containsExactly("<smtpserver> 'a' (0.0.0.0:25)", "<smtpserver> 'b' (0.0.0.0:465)", "<smtpserver> 'c' (0.0.0.0:587)");
    }

    @Test
    void aRefusingHookListedAfterTheLastHookShouldBeRefusedBecauseItsMailWouldAlreadyBeRecordedAsSent() {
        List<String> handlers = new ArrayList<>(List.of(VALID_RCPT));
        handlers.addAll(SmtpServersCheck.SENDING_HOOKS);
        handlers.add(SmtpServersCheck.LAST_HOOK);
        handlers.add("com.teaminbox.james.smtp.OutgoingCareHook");

        assertThat(SmtpServersCheck.problems(List.of(server("sub", "127.0.0.1:587", true, handlers))))
            .singleElement().satisfies(problem -> assertThat(problem.toString())
                .contains("lists com.teaminbox.james.smtp.OutgoingCareHook after " + SmtpServersCheck.LAST_HOOK));
    }

    @Test
    void aServerAcceptingAuthWithoutTheLastHookShouldBeRefused() {
        List<String> handlers = new ArrayList<>(List.of(VALID_RCPT));
        handlers.addAll(SmtpServersCheck.SENDING_HOOKS);

        assertThat(SmtpServersCheck.problems(List.of(server("sub", "127.0.0.1:587", true, handlers))))
            .singleElement().satisfies(problem -> assertThat(problem.toString()).contains("lacks " + SmtpServersCheck.LAST_HOOK));
    }
}
