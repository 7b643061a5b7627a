package com.teaminbox.james.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.core.Username;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.MailboxACL;
import org.apache.james.mailbox.model.MailboxPath;
import org.junit.jupiter.api.Test;

class FolderAclCacheTest {
    private static final MailboxPath INBOX = MailboxPath.inbox(Username.of("support@example.test"));

    private final FolderAclCache cache = new FolderAclCache();
    private final AtomicInteger reads = new AtomicInteger();

    @Test
    void aFolderShouldBeReadOnceUntilInvalidated() throws Exception {
        cache.acl(INBOX, this::read);
        cache.acl(INBOX, this::read);
        assertThat(reads).hasValue(1);

        cache.invalidate();
        cache.acl(INBOX, this::read);
        assertThat(reads).hasValue(2);
    }

    @Test
    void aMissingFolderShouldNotBeKept() {
        assertThatThrownBy(() -> cache.acl(INBOX, () -> {
            throw new MailboxNotFoundException(INBOX);
        })).isInstanceOf(MailboxNotFoundException.class);
        assertThat(cache.cached(INBOX)).isEmpty();
    }

    @Test
    void anAclReadWhileAnInvalidationHappensShouldBeUsedOnceAndNotKept() throws Exception {
        MailboxACL read = cache.acl(INBOX, () -> {
            cache.invalidate();
            return MailboxACL.EMPTY;
        });

        assertThat(read).isEqualTo(MailboxACL.EMPTY);
        assertThat(cache.cached(INBOX)).as("possibly stale").isEmpty();
    }

    private MailboxACL read() {
        reads.incrementAndGet();
        return MailboxACL.EMPTY;
    }
}
