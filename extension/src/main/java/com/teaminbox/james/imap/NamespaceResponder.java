package com.teaminbox.james.imap;

import java.util.function.UnaryOperator;

import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.message.response.ACLResponse;
import org.apache.james.imap.message.response.ListResponse;
import org.apache.james.imap.message.response.ListRightsResponse;
import org.apache.james.imap.message.response.LSubResponse;
import org.apache.james.imap.message.response.MailboxStatusResponse;
import org.apache.james.imap.message.response.MyRightsResponse;
import org.apache.james.imap.message.response.QuotaRootResponse;
import org.apache.james.imap.message.response.XListResponse;
import org.apache.james.mailbox.model.MailboxMetaData;

/**
 * Answers of a command run in a shared account, with its folder names written back as the member's
 * client knows them ({@code Billing} becomes {@code Shared.support.Billing}): a client that sent
 * {@code STATUS Shared.support.Billing} must find that name in the untagged answer.
 */
final class NamespaceResponder implements ImapProcessor.Responder {
    private final ImapProcessor.Responder delegate;
    private final UnaryOperator<String> visibleName;

    NamespaceResponder(ImapProcessor.Responder delegate, UnaryOperator<String> visibleName) {
        this.delegate = delegate;
        this.visibleName = visibleName;
    }

    @Override
    public void respond(ImapResponseMessage message) {
        delegate.respond(renamed(message, visibleName));
    }

    static ImapResponseMessage renamed(ImapResponseMessage message, UnaryOperator<String> name) {
        if (message instanceof MailboxStatusResponse status) {
            return new MailboxStatusResponse(status.getAppendLimit(), status.getSize(), status.getDeleted(), status.getDeletedStorage(),
                status.getMessages(), status.getRecent(), status.getUidNext(), status.getHighestModSeq(), status.getUidValidity(),
                status.getUnseen(), name.apply(status.getMailbox()), status.getMailboxId());
        }
        if (message instanceof ListResponse list) {
            return new ListResponse(list.getChildren(), list.getSelectability(), name.apply(list.getName()), list.getHierarchyDelimiter(),
                list.isReturnSubscribed(), list.isReturnNonExistent(), list.getChildInfos(), list.getType());
        }
        if (message instanceof XListResponse list) {
            return new XListResponse(list.getChildren(), list.getSelectability(), name.apply(list.getName()), list.getHierarchyDelimiter(),
                list.getType());
        }
        if (message instanceof LSubResponse lsub) {
            return new LSubResponse(name.apply(lsub.getName()), lsub.getSelectability() == MailboxMetaData.Selectability.NOSELECT,
                lsub.getHierarchyDelimiter());
        }
        if (message instanceof MyRightsResponse myRights) {
            return new MyRightsResponse(name.apply(myRights.getMailboxName()), myRights.getMyRights());
        }
        if (message instanceof ACLResponse acl) {
            return new ACLResponse(name.apply(acl.getMailboxName()), acl.getAcl());
        }
        if (message instanceof ListRightsResponse listRights) {
            return new ListRightsResponse(name.apply(listRights.getMailboxName()), listRights.getIdentifier(), listRights.getRights());
        }
        if (message instanceof QuotaRootResponse quotaRoot) {
            return new QuotaRootResponse(name.apply(quotaRoot.getMailboxName()), quotaRoot.getQuotaRoot());
        }
        return message;
    }

    @Override
    public void flush() {
        delegate.flush();
    }
}
