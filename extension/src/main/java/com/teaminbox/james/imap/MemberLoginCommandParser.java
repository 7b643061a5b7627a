package com.teaminbox.james.imap;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.decode.parser.LoginCommandParser;
import org.apache.james.imap.message.request.LoginRequest;

import com.teaminbox.core.access.LoginName;

/**
 * Replaces James's {@code LOGIN} parser: plain user names still become James's own
 * {@link LoginRequest}; member logins ({@code target*member}) and names James cannot hold become a
 * {@link MemberLoginRequest}, refused or accepted by us with a plain {@code NO}/{@code OK}
 * (James's parser would fail on them with an exception).
 */
public class MemberLoginCommandParser extends LoginCommandParser {
    /**
     * RFC 3501 keeps {@code *} out of atoms, but clients send the user name as a bare atom
     * whenever they can (Python's imaplib always does), so a member login may carry it unquoted.
     */
    private static final ImapRequestLineReader.CharacterValidator ATOM_OR_SEPARATOR =
        character -> character == LoginName.SEPARATOR || ImapRequestLineReader.AtomCharValidator.INSTANCE.isValid(character);

    @Inject
    public MemberLoginCommandParser(StatusResponseFactory statusResponseFactory) {
        super(statusResponseFactory);
    }

    @Override
    protected ImapMessage decode(ImapRequestLineReader request, Tag tag, ImapSession session) throws DecodingException {
        String loginName = loginName(request);
        String password = request.astring();
        request.eol();
        if (LoginName.looksLikeMemberLogin(loginName)) {
            return new MemberLoginRequest(loginName, password, tag);
        }
        try {
            return new LoginRequest(Username.of(loginName), password, tag);
        } catch (IllegalArgumentException e) {
            return new MemberLoginRequest(loginName, password, tag);
        }
    }

    private static String loginName(ImapRequestLineReader request) throws DecodingException {
        char next = request.nextWordChar();
        if (next == '"' || next == '{') {
            return request.astring();
        }
        return request.consumeWord(ATOM_OR_SEPARATOR, true);
    }
}
