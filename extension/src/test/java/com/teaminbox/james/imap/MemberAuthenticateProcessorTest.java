package com.teaminbox.james.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.james.core.MailAddress;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapLineHandler;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.AuthenticateRequest;
import org.apache.james.imap.message.request.IRAuthenticateRequest;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

/**
 * The two-step AUTHENTICATE ends inside the event-loop task that sends the {@code +}: James
 * flushes a command's response buffer when the command ends, and ending it from another thread let
 * that flush race the event loop writing the credentials' tagged OK (sent twice under load).
 */
class MemberAuthenticateProcessorTest {
    private final ImapSession session = mock(ImapSession.class);
    private final Responder responder = mock(Responder.class);
    private final MemberLogin memberLogin = mock(MemberLogin.class);
    private MemberAuthenticateProcessor processor;

    @BeforeEach
    void setUp() {
        doAnswer(invocation -> {
            invocation.<Runnable>getArgument(0).run();
            return null;
        }).when(session).executeSafely(any());
        processor = new MemberAuthenticateProcessor(mock(MailboxManager.class), mock(StatusResponseFactory.class),
            mock(MetricFactory.class), memberLogin);
    }

    @Test
    void twoStepPlainShouldEndInsideTheEventLoopTaskThatSendsTheContinuation() {
        AtomicBoolean insideEventLoopTask = new AtomicBoolean();
        AtomicBoolean endedInside = new AtomicBoolean();
        doAnswer(invocation -> {
            insideEventLoopTask.set(true);
            invocation.<Runnable>getArgument(0).run();
            insideEventLoopTask.set(false);
            return null;
        }).when(session).executeSafely(any());

        processor.processRequestReactive(new AuthenticateRequest("PLAIN", new Tag("t1")), session, responder)
            .doOnSuccess(any -> endedInside.set(insideEventLoopTask.get()))
            .block(Duration.ofSeconds(10));

        assertThat(endedInside).as("the command's final flush cannot race the credentials' answer").isTrue();
        InOrder order = inOrder(session, responder);
        order.verify(responder).respond(any());
        order.verify(responder).flush();
        order.verify(session).pushLineHandler(any());
    }

    @Test
    void credentialsShouldBeAnsweredThenTheHandlerRemovedThenFlushed() {
        processor.processRequestReactive(new AuthenticateRequest("PLAIN", new Tag("t1")), session, responder).block(Duration.ofSeconds(10));
        ArgumentCaptor<ImapLineHandler> credentials = ArgumentCaptor.forClass(ImapLineHandler.class);
        verify(session).pushLineHandler(credentials.capture());
        clearInvocations(responder);

        credentials.getValue().onLine(session, "bm90IHRocmVlIHBhcnRz\r\n".getBytes(StandardCharsets.US_ASCII));

        InOrder order = inOrder(session, responder);
        order.verify(responder).respond(any());
        order.verify(session).popLineHandler();
        order.verify(responder).flush();
    }

    @Test
    void initialResponseFormShouldNotWaitForAnotherLine() {
        processor.processRequestReactive(new IRAuthenticateRequest("PLAIN", new Tag("t1"), "bm90IHRocmVlIHBhcnRz"), session, responder)
            .block(Duration.ofSeconds(10));

        verify(responder).respond(any());
        verify(session, never()).pushLineHandler(any());
    }

    /**
     * James 3.8.1 drops empty parts of a PLAIN response before reading it, so these are a
     * delegation to support@example.test for James although they are not three parts for us: they
     * must not reach James's delegation (owner rights when the account is delegated), unaudited and
     * unthrottled.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "support@example.test\0\0alice@example.test\0demo",
        "\0support@example.test\0alice@example.test\0demo",
        "support@example.test\0alice@example.test\0demo\0",
        "SUPPORT@example.test\0 \0alice@example.test\0demo"})
    void aSharedMailboxAsJamesWouldReadTheAuthorizationIdentityShouldBeRefusedByUs(String response) throws Exception {
        when(memberLogin.isSharedMailbox(new MailAddress("support@example.test"))).thenReturn(true);
        when(memberLogin.isSharedMailbox(new MailAddress("SUPPORT@example.test"))).thenReturn(true);
        when(memberLogin.refuseMalformed(any(), any(), any(), any(), any())).thenReturn(MemberLogin.Outcome.FAILED);
        String base64 = Base64.getEncoder().encodeToString(response.getBytes(StandardCharsets.UTF_8));

        processor.doPlainAuth(base64, session, new IRAuthenticateRequest("PLAIN", new Tag("t1"), base64), responder);

        verify(memberLogin).refuseMalformed(any(), any(), any(), any(), any());
        verify(memberLogin, never()).open(any(), any(), any(), any(), any());
    }

    @Test
    void aPlainLoginToOnesOwnAccountShouldStayJamess() throws Exception {
        String base64 = Base64.getEncoder().encodeToString("\0alice@example.test\0demo".getBytes(StandardCharsets.UTF_8));

        try {
            processor.doPlainAuth(base64, session, new IRAuthenticateRequest("PLAIN", new Tag("t1"), base64), responder);
        } catch (RuntimeException e) {
            // James's own login on mocks: what it answers is not this test's concern.
        }

        verifyNoInteractions(memberLogin);
    }
}
