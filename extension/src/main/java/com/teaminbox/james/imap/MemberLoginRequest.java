package com.teaminbox.james.imap;

import org.apache.james.imap.api.ImapConstants;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.message.request.AbstractImapRequest;

/**
 * A {@code LOGIN} whose name is not a plain user name: {@code target*member}, or anything James's
 * {@code Username} cannot hold. It carries the raw name so that {@link MemberLoginProcessor}
 * can parse it strictly, instead of James failing on it while decoding.
 */
public class MemberLoginRequest extends AbstractImapRequest {
    private final String loginName;
    private final String password;

    public MemberLoginRequest(String loginName, String password, Tag tag) {
        super(tag, ImapConstants.LOGIN_COMMAND);
        this.loginName = loginName;
        this.password = password;
    }

    public String loginName() {
        return loginName;
    }

    public String password() {
        return password;
    }

    /** Never the password: requests end up in debug logs. */
    @Override
    public String toString() {
        return "MemberLoginRequest{loginName=" + MemberAudit.printable(loginName) + "}";
    }
}
