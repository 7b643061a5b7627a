package com.teaminbox.james.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

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
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

/**
 * The two-step AUTHENTICATE ends when its credentials are answered: James flushes a command's
 * response buffer when the command ends, so a command that ended at the {@code +} had that flush
 * race the event loop writing the tagged OK (sent twice under load).
 */
class MemberAuthenticateProcessorTest {
    private final ImapSession session = mock(ImapSession.class);
    private final Responder responder = mock(Responder.class);
    private MemberAuthenticateProcessor processor;

    @BeforeEach
    void setUp() {
        doAnswer(invocation -> {
            invocation.<Runnable>getArgument(0).run();
            return null;
        }).when(session).executeSafely(any());
        processor = new MemberAuthenticateProcessor(mock(MailboxManager.class), mock(StatusResponseFactory.class),
            mock(MetricFactory.class), mock(MemberLogin.class));
    }

    @Test
    void twoStepPlainShouldEndOnlyOnceTheCredentialsAreAnsweredAndFlushed() {
        CompletableFuture<Void> ended = processor.processRequestReactive(new AuthenticateRequest("PLAIN", new Tag("t1")), session, responder)
            .toFuture();
        ArgumentCaptor<ImapLineHandler> credentials = ArgumentCaptor.forClass(ImapLineHandler.class);
        verify(session).pushLineHandler(credentials.capture());

        assertThat(ended).as("ended at the continuation").isNotDone();

        credentials.getValue().onLine(session, "bm90IHRocmVlIHBhcnRz\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(ended).isDone();
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
}
