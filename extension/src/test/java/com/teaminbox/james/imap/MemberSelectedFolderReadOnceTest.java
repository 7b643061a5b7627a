package com.teaminbox.james.imap;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.Optional;

import org.apache.james.core.Username;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.BodyFetchElement;
import org.apache.james.imap.api.message.FetchData;
import org.apache.james.imap.api.message.IdRange;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.CloseRequest;
import org.apache.james.imap.message.request.FetchRequest;
import org.apache.james.imap.message.response.UnpooledStatusResponseFactory;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.metrics.api.MetricFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;

/**
 * Issue 18 re-review: a member processor names the selected folder once, before its check, and
 * passes it to its record: a second read inside the check's {@code flatMap} would turn a storage
 * failure into James's generic {@code NO} instead of the guard's refusal and its record.
 */
class MemberSelectedFolderReadOnceTest {
    private static final MailboxPath BILLING = MailboxPath.forUser(Username.of("support@example.test"), "Billing");

    private final MemberAccess access = mock(MemberAccess.class);
    private final MemberAudit audit = mock(MemberAudit.class);
    private final ImapSession session = mock(ImapSession.class);
    private final ImapProcessor.Responder responder = mock(ImapProcessor.Responder.class);

    @BeforeEach
    void setUp() {
        when(access.selectedFolder(session)).thenReturn(Optional.of(BILLING)).thenThrow(new IllegalStateException("storage down"));
        when(access.restricts(any(), anyString(), any(), any())).thenReturn(Mono.just(false));
        when(access.recordThen(any(), any(), any(), any(), any(), any())).thenReturn(Mono.empty());
        when(audit.auditsReads()).thenReturn(true);
    }

    @Test
    void fetchShouldNameTheSelectedFolderOnce() {
        MemberFetchProcessor fetch = new MemberFetchProcessor(mock(MailboxManager.class), new UnpooledStatusResponseFactory(),
            mock(MetricFactory.class), access, audit);
        FetchRequest request = new FetchRequest(true, new IdRange[] {new IdRange(7)},
            FetchData.builder().add(BodyFetchElement.createRFC822(), false).build(), new Tag("a1"));

        assertThatCode(() -> fetch.processRequestReactive(request, session, responder).block()).doesNotThrowAnyException();
        verify(access, times(1)).selectedFolder(session);
    }

    @Test
    void closeShouldNameTheSelectedFolderOnce() {
        MemberCloseProcessor close = new MemberCloseProcessor(mock(MailboxManager.class), new UnpooledStatusResponseFactory(),
            mock(MetricFactory.class), access);

        assertThatCode(() -> close.processRequestReactive(new CloseRequest(new Tag("a1")), session, responder).block())
            .doesNotThrowAnyException();
        verify(access, times(1)).selectedFolder(session);
    }
}
