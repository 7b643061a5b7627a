package com.teaminbox.core.access;

import static com.teaminbox.core.access.CommandScope.NAMED;
import static com.teaminbox.core.access.CommandScope.NONE;
import static com.teaminbox.core.access.CommandScope.PARENT;
import static com.teaminbox.core.access.CommandScope.REFUSED;
import static com.teaminbox.core.access.CommandScope.SELECTED;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one table of what a member needs for each IMAP command, from RFC 4314 section 4 (and RFC
 * 6851 for MOVE, RFC 5464 for METADATA, RFC 9208 for QUOTA), covering every command of James
 * 3.8.1's default IMAP package. A command missing here is refused to members: deny by default.
 *
 * <p>Whatever the command, a member whose folder is selected must still hold {@code r} on it:
 * every answer in the selected state may carry that folder's news (EXISTS, FETCH FLAGS).
 */
public final class CommandRights {
    private static final Rights NO_RIGHTS = Rights.NONE;

    private static final Map<String, CommandRule> RULES = Stream.of(
            // no folder, no mail: connection and session housekeeping
            rule("CAPABILITY", NONE),
            rule("NOOP", NONE),
            rule("LOGOUT", NONE),
            rule("ID", NONE),
            rule("NAMESPACE", NONE),
            rule("ENABLE", NONE),
            rule("COMPRESS", NONE),
            rule("STARTTLS", NONE),
            rule("LOGIN", NONE),
            rule("AUTHENTICATE", NONE),
            rule("CHECK", NONE),
            rule("UNSELECT", NONE),
            // the account's quota usage, no folder named; SETQUOTA is for administrators
            rule("GETQUOTA", NONE),
            rule("SETQUOTA", REFUSED),
            // listings: each line is filtered instead (l to be listed, r for a LIST-STATUS line)
            refined("LIST", NONE, "", "lists only folders with l; RETURN (STATUS) only for folders with r"),
            refined("XLIST", NONE, "", "lists only folders with l"),
            refined("LSUB", NONE, "", "lists only folders with l"),
            // reading
            refined("SELECT", NAMED, "r", "without s, opened read-only as EXAMINE"),
            rule("EXAMINE", NAMED, "r"),
            rule("STATUS", NAMED, "r"),
            refined("FETCH", SELECTED, "r", "without s, body parts are fetched as BODY.PEEK"),
            rule("SEARCH", SELECTED, "r"),
            rule("IDLE", SELECTED, "r"),
            rule("GETMETADATA", NAMED, "r"),
            rule("GETQUOTAROOT", NAMED, "r"),
            // changing messages
            refined("STORE", SELECTED, "", "\\Seen needs s, \\Deleted t, other flags w; FLAGS (replace) all three"),
            rule("EXPUNGE", SELECTED, "e"),
            refined("CLOSE", SELECTED, "", "without e, leaves the folder without expunging"),
            refined("APPEND", NAMED, "i", "flags the role cannot set are dropped"),
            rule("COPY", NAMED, "i"),
            refined("MOVE", NAMED, "i", "t and e on the selected folder"),
            rule("SETMETADATA", NAMED, "w"),
            // folders; the subscription list is the whole team's, so changing it is managing folders
            rule("CREATE", PARENT, "k"),
            rule("DELETE", NAMED, "x"),
            refined("RENAME", NAMED, "x", "k where it goes; refused for a folder the configuration gives per-folder roles"),
            rule("SUBSCRIBE", PARENT, "k"),
            rule("UNSUBSCRIBE", PARENT, "k"),
            // access control
            refined("MYRIGHTS", NAMED, "", "answers the member's own rights"),
            rule("GETACL", NAMED, "a"),
            rule("LISTRIGHTS", NAMED, "a"),
            rule("SETACL", NAMED, "a"),
            rule("DELETEACL", NAMED, "a"))
        .collect(Collectors.toUnmodifiableMap(CommandRule::command, Function.identity()));

    private CommandRights() {
    }

    /** The rule of a command, by the name the client sent in any case; empty: refused to members. */
    public static Optional<CommandRule> rule(String command) {
        return Optional.ofNullable(RULES.get(command.toUpperCase(Locale.ROOT)));
    }

    /** Every command the table names. */
    public static Set<String> commands() {
        return RULES.keySet();
    }

    private static CommandRule rule(String command, CommandScope scope) {
        return new CommandRule(command, scope, NO_RIGHTS, "");
    }

    private static CommandRule rule(String command, CommandScope scope, String rights) {
        return refined(command, scope, rights, "");
    }

    private static CommandRule refined(String command, CommandScope scope, String rights, String refinement) {
        return new CommandRule(command, scope, Rights.parse(rights), refinement);
    }
}
