package com.teaminbox.core.access;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.james.core.MailAddress;

/**
 * The shared namespace (RFC 2342) in which a member finds, inside her own account, the shared
 * mailboxes she belongs to: {@code Shared.support.INBOX} is the INBOX of
 * {@code support@example.test}, {@code Shared.support.Billing} its {@code Billing}.
 *
 * <p>James's hierarchy delimiter is {@code .}, so an address cannot be one level of a folder name:
 * {@code Shared.support@example.test.INBOX} would read as four levels. Each shared mailbox is
 * therefore shown by its local part ({@code support}); when two shared mailboxes of the
 * configuration share a local part, both are shown by their whole address; a delimiter inside
 * either becomes {@code _}. The names depend only on the configuration, never on who asks, so a
 * member's folder names do not change when someone else joins another mailbox.
 */
public final class SharedNamespace {
    /** The top level of the namespace, as Dovecot and Cyrus name theirs and Thunderbird shows it. */
    public static final String ROOT = "Shared";

    /** Where a folder name leads. */
    public enum Kind {
        /** A folder of the member's own account. */
        PERSONAL,
        /** {@code Shared} itself, a shared mailbox's own level, or a name under {@code Shared} that leads nowhere. */
        NAMESPACE,
        /** A folder of a shared mailbox. */
        SHARED
    }

    /** A folder name resolved: {@code sharedMailbox} and {@code folder} (its name there) for {@link Kind#SHARED}. */
    public record Resolution(Kind kind, Optional<MailAddress> sharedMailbox, String folder) {
        static Resolution personal(String name) {
            return new Resolution(Kind.PERSONAL, Optional.empty(), name);
        }

        static Resolution namespace(String name) {
            return new Resolution(Kind.NAMESPACE, Optional.empty(), name);
        }
    }

    private final char delimiter;
    private final Map<String, MailAddress> byLevel;
    private final Map<MailAddress, String> levelOf;

    private SharedNamespace(char delimiter, Map<String, MailAddress> byLevel) {
        this.delimiter = delimiter;
        this.byLevel = Map.copyOf(byLevel);
        this.levelOf = byLevel.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));
    }

    /** The namespace of every shared mailbox of a configuration, with James's hierarchy delimiter. */
    public static SharedNamespace of(Collection<MailAddress> sharedMailboxes, char delimiter) {
        Map<String, List<MailAddress>> byLocalPart = sharedMailboxes.stream().distinct()
            .collect(Collectors.groupingBy(address -> level(address.getLocalPart(), delimiter), LinkedHashMap::new, Collectors.toList()));
        Map<String, MailAddress> byLevel = new HashMap<>();
        byLocalPart.forEach((localPart, addresses) -> {
            if (addresses.size() == 1) {
                byLevel.put(localPart, addresses.get(0));
            } else {
                addresses.forEach(address -> byLevel.put(level(address.asString(), delimiter), address));
            }
        });
        return new SharedNamespace(delimiter, byLevel);
    }

    private static String level(String text, char delimiter) {
        return text.toLowerCase(Locale.ROOT).replace(delimiter, '_');
    }

    /** The prefix the NAMESPACE response announces: {@code Shared.} */
    public String prefix() {
        return ROOT + delimiter;
    }

    public char delimiter() {
        return delimiter;
    }

    /** {@code Shared.support}: the level under which a shared mailbox's folders are listed. */
    public Optional<String> levelName(MailAddress sharedMailbox) {
        return Optional.ofNullable(levelOf.get(sharedMailbox)).map(level -> prefix() + level);
    }

    /** The name a member's client shows for {@code folder} of {@code sharedMailbox}, e.g. {@code Shared.support.Billing}. */
    public Optional<String> visibleName(MailAddress sharedMailbox, String folder) {
        return levelName(sharedMailbox).map(level -> level + delimiter + folder);
    }

    /** Where a folder name the client sent leads. Names are case-sensitive (RFC 3501 section 5.1), as James's are. */
    public Resolution resolve(String name) {
        if (name.equals(ROOT)) {
            return Resolution.namespace(name);
        }
        if (!name.startsWith(prefix())) {
            return Resolution.personal(name);
        }
        String rest = name.substring(prefix().length());
        int end = rest.indexOf(delimiter);
        String level = end < 0 ? rest : rest.substring(0, end);
        MailAddress sharedMailbox = byLevel.get(level);
        if (sharedMailbox == null || end < 0 || end == rest.length() - 1) {
            return Resolution.namespace(name);
        }
        return new Resolution(Kind.SHARED, Optional.of(sharedMailbox), rest.substring(end + 1));
    }

    /**
     * Whether {@code name} matches a LIST pattern (RFC 3501 section 6.3.8): the reference followed by the
     * pattern, {@code *} matching anything, {@code %} anything but the delimiter.
     */
    public boolean matches(String reference, String pattern, String name) {
        String joined = reference + pattern;
        StringBuilder regex = new StringBuilder();
        for (char character : joined.toCharArray()) {
            if (character == '*') {
                regex.append(".*");
            } else if (character == '%') {
                regex.append("[^").append(Pattern.quote(String.valueOf(delimiter))).append("]*");
            } else {
                regex.append(Pattern.quote(String.valueOf(character)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(name).matches();
    }
}
