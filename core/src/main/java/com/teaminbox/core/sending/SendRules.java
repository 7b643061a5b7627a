package com.teaminbox.core.sending;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.james.core.MailAddress;

import com.teaminbox.core.mailbox.Addresses;
import com.teaminbox.core.mailbox.Member;
import com.teaminbox.core.mailbox.SendPermission;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.config.SharedMailboxesConfiguration;

/**
 * Who may use a shared address when submitting mail, decided from the configuration alone.
 *
 * <table>
 * <tr><th>send permission</th><th>{@code MAIL FROM:<shared>}</th><th>{@code From: shared}</th><th>{@code Sender: shared}</th></tr>
 * <tr><td>send-as (and full)</td><td>yes</td><td>yes, with or without {@code Sender:} the member</td><td>yes</td></tr>
 * <tr><td>send-on-behalf</td><td>no</td><td>only with {@code Sender:} the member</td><td>no</td></tr>
 * <tr><td>none, or not a member</td><td>no</td><td>no</td><td>no</td></tr>
 * </table>
 *
 * <p>The envelope sender is "send as" by nature: nothing in it names the member, so a
 * send-on-behalf member keeps their own {@code MAIL FROM} and bounces come back to them.
 */
public final class SendRules {
    private final SharedMailboxesConfiguration configuration;

    public SendRules(SharedMailboxesConfiguration configuration) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
    }

    /**
     * The {@code MAIL FROM} check; a null reverse-path involves no shared address.
     *
     * @param member the authenticated user, empty when the client has not authenticated
     */
    public SendDecision envelope(Optional<MailAddress> member, Optional<MailAddress> envelopeSender) {
        Optional<SharedMailbox> shared = envelopeSender.flatMap(configuration::find);
        if (shared.isEmpty()) {
            return SendDecision.noSharedAddress();
        }
        if (member.isEmpty()) {
            return authenticationRequired(shared.get());
        }
        return mayActAs(member.get(), shared.get(), "use " + shared.get().address().asString() + " as envelope sender (MAIL FROM)");
    }

    /**
     * The {@code From:}/{@code Sender:} check at the end of DATA.
     *
     * @param member the authenticated user, empty when the client has not authenticated
     * @param from every address found in {@code From:}
     * @param sender every address found in {@code Sender:} (one, in a well-formed header)
     */
    public SendDecision headers(Optional<MailAddress> member, List<MailAddress> from, List<MailAddress> sender) {
        return headers(member, new AuthorHeaders(from, sender, List.of(), List.of()));
    }

    /**
     * The check at the end of DATA over every author header. {@code Resent-From:}/{@code Resent-Sender:}
     * (RFC 5322 section 3.6.6, a resent block) follow the same rules as {@code From:}/{@code Sender:},
     * as a pair of their own: a send-on-behalf member resends as the shared mailbox only with
     * {@code Resent-Sender:} themselves.
     *
     * @param member the authenticated user, empty when the client has not authenticated
     */
    public SendDecision headers(Optional<MailAddress> member, AuthorHeaders headers) {
        SendDecision original = authors(member, headers.from(), headers.sender());
        if (original.isRefused()) {
            return original;
        }
        SendDecision resent = authors(member, headers.resentFrom(), headers.resentSender());
        if (resent.isRefused() || original.outcome() == SendDecision.Outcome.NO_SHARED_ADDRESS) {
            return resent;
        }
        return original;
    }

    private SendDecision authors(Optional<MailAddress> member, List<MailAddress> from, List<MailAddress> sender) {
        List<SharedMailbox> sharedInFrom = sharedMailboxes(from);
        List<SharedMailbox> sharedInSender = sharedMailboxes(sender);
        if (sharedInFrom.isEmpty() && sharedInSender.isEmpty()) {
            return SendDecision.noSharedAddress();
        }
        if (member.isEmpty()) {
            return authenticationRequired(Stream.concat(sharedInFrom.stream(), sharedInSender.stream()).findFirst().orElseThrow());
        }
        MailAddress authenticated = member.get();
        return Stream.concat(
                sharedInFrom.stream().map(shared -> mayWriteFrom(authenticated, shared, sender)),
                sharedInSender.stream().map(shared -> mayActAs(authenticated, shared,
                    "use " + shared.address().asString() + " as Sender:")))
            .filter(SendDecision::isRefused)
            .findFirst()
            .orElse(SendDecision.accepted());
    }

    private List<SharedMailbox> sharedMailboxes(List<MailAddress> addresses) {
        return addresses.stream()
            .flatMap(address -> configuration.find(address).stream())
            .distinct()
            .toList();
    }

    private SendDecision mayWriteFrom(MailAddress member, SharedMailbox shared, List<MailAddress> sender) {
        SendPermission permission = permission(member, shared);
        switch (permission) {
            case SEND_AS:
                return SendDecision.accepted();
            case SEND_ON_BEHALF:
                if (sender.stream().map(Addresses::normalize).anyMatch(Addresses.normalize(member)::equals)) {
                    return SendDecision.accepted();
                }
                return SendDecision.refused(member.asString() + " may send on behalf of " + shared.address().asString()
                    + " only with Sender: " + member.asString());
            default:
                return refusedAs(member, shared);
        }
    }

    private SendDecision mayActAs(MailAddress member, SharedMailbox shared, String action) {
        SendPermission permission = permission(member, shared);
        if (permission == SendPermission.SEND_AS) {
            return SendDecision.accepted();
        }
        if (permission == SendPermission.SEND_ON_BEHALF) {
            return SendDecision.refused(member.asString() + " may not " + action
                + ": role send-on-behalf sends on behalf of the shared mailbox, not as it");
        }
        return refusedAs(member, shared);
    }

    private static SendDecision authenticationRequired(SharedMailbox shared) {
        return SendDecision.refused("authentication is required to send as " + shared.address().asString());
    }

    private SendDecision refusedAs(MailAddress member, SharedMailbox shared) {
        String why = shared.member(Addresses.normalize(member))
            .map(Member::role)
            .map(role -> "role " + role.name() + " has no send permission")
            .orElse("not a member");
        return SendDecision.refused(member.asString() + " may not send as " + shared.address().asString() + " (" + why + ")");
    }

    private static SendPermission permission(MailAddress member, SharedMailbox shared) {
        return shared.member(Addresses.normalize(member))
            .map(found -> found.role().sendPermission())
            .orElse(SendPermission.NONE);
    }
}
