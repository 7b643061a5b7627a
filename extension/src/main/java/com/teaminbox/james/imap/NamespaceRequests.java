package com.teaminbox.james.imap;

import java.util.Optional;
import java.util.function.UnaryOperator;

import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.message.request.AppendRequest;
import org.apache.james.imap.message.request.CopyRequest;
import org.apache.james.imap.message.request.CreateRequest;
import org.apache.james.imap.message.request.DeleteACLRequest;
import org.apache.james.imap.message.request.DeleteRequest;
import org.apache.james.imap.message.request.ExamineRequest;
import org.apache.james.imap.message.request.GetACLRequest;
import org.apache.james.imap.message.request.GetMetadataRequest;
import org.apache.james.imap.message.request.GetQuotaRootRequest;
import org.apache.james.imap.message.request.ListRightsRequest;
import org.apache.james.imap.message.request.MoveRequest;
import org.apache.james.imap.message.request.MyRightsRequest;
import org.apache.james.imap.message.request.RenameRequest;
import org.apache.james.imap.message.request.SelectRequest;
import org.apache.james.imap.message.request.SetACLRequest;
import org.apache.james.imap.message.request.SetMetadataRequest;
import org.apache.james.imap.message.request.StatusRequest;

/**
 * The same request with its folder names as the shared account knows them
 * ({@code Shared.support.Billing} becomes {@code Billing}). James's requests are immutable and
 * carry the name as the client sent it, so each kind is rebuilt from its own parts. Empty for a
 * request this list does not know: it is not offered in the shared namespace (deny by default).
 */
final class NamespaceRequests {
    private NamespaceRequests() {
    }

    static Optional<ImapRequest> renamed(ImapRequest request, UnaryOperator<String> name) {
        if (request instanceof SelectRequest select) {
            return Optional.of(new SelectRequest(name.apply(select.getMailboxName()), select.getCondstore(),
                select.getLastKnownUidValidity(), select.getKnownModSeq(), select.getUidSet(), select.getKnownUidSet(),
                select.getKnownSequenceSet(), select.getTag()));
        }
        if (request instanceof ExamineRequest examine) {
            return Optional.of(new ExamineRequest(name.apply(examine.getMailboxName()), examine.getCondstore(),
                examine.getLastKnownUidValidity(), examine.getKnownModSeq(), examine.getUidSet(), examine.getKnownUidSet(),
                examine.getKnownSequenceSet(), examine.getTag()));
        }
        if (request instanceof StatusRequest status) {
            return Optional.of(new StatusRequest(name.apply(status.getMailboxName()), status.getStatusDataItems(), status.getTag()));
        }
        if (request instanceof AppendRequest append) {
            return Optional.of(new AppendRequest(name.apply(append.getMailboxName()), append.getFlags(), append.getDatetime(),
                append.getMessage(), append.getTag()));
        }
        if (request instanceof MoveRequest move) {
            return Optional.of(new MoveRequest(move.getIdSet(), name.apply(move.getMailboxName()), move.isUseUids(), move.getTag()));
        }
        if (request instanceof CopyRequest copy) {
            return Optional.of(new CopyRequest(copy.getIdSet(), name.apply(copy.getMailboxName()), copy.isUseUids(), copy.getTag()));
        }
        if (request instanceof CreateRequest create) {
            return Optional.of(new CreateRequest(name.apply(create.getMailboxName()), create.getTag()));
        }
        if (request instanceof DeleteRequest delete) {
            return Optional.of(new DeleteRequest(name.apply(delete.getMailboxName()), delete.getTag()));
        }
        if (request instanceof RenameRequest rename) {
            return Optional.of(new RenameRequest(name.apply(rename.getExistingName()), name.apply(rename.getNewName()), rename.getTag()));
        }
        return renamedAccessRequest(request, name);
    }

    private static Optional<ImapRequest> renamedAccessRequest(ImapRequest request, UnaryOperator<String> name) {
        if (request instanceof GetACLRequest getAcl) {
            return Optional.of(new GetACLRequest(getAcl.getTag(), name.apply(getAcl.getMailboxName())));
        }
        if (request instanceof SetACLRequest setAcl) {
            return Optional.of(new SetACLRequest(setAcl.getTag(), name.apply(setAcl.getMailboxName()), setAcl.getIdentifier(),
                setAcl.getRights()));
        }
        if (request instanceof DeleteACLRequest deleteAcl) {
            return Optional.of(new DeleteACLRequest(deleteAcl.getTag(), name.apply(deleteAcl.getMailboxName()), deleteAcl.getIdentifier()));
        }
        if (request instanceof ListRightsRequest listRights) {
            return Optional.of(new ListRightsRequest(listRights.getTag(), name.apply(listRights.getMailboxName()),
                listRights.getIdentifier()));
        }
        if (request instanceof MyRightsRequest myRights) {
            return Optional.of(new MyRightsRequest(myRights.getTag(), name.apply(myRights.getMailboxName())));
        }
        if (request instanceof GetQuotaRootRequest quotaRoot) {
            return Optional.of(new GetQuotaRootRequest(quotaRoot.getTag(), name.apply(quotaRoot.getMailboxName())));
        }
        if (request instanceof SetMetadataRequest setMetadata) {
            return Optional.of(new SetMetadataRequest(setMetadata.getTag(), name.apply(setMetadata.getMailboxName()),
                setMetadata.getMailboxAnnotations()));
        }
        if (request instanceof GetMetadataRequest getMetadata) {
            return Optional.of(GetMetadataRequest.builder().tag(getMetadata.getTag()).mailboxName(name.apply(getMetadata.getMailboxName()))
                .keys(getMetadata.getKeys()).maxsize(getMetadata.getMaxsize()).depth(getMetadata.getDepth()).build());
        }
        return Optional.empty();
    }
}
