package com.teaminbox.core.sending;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.mail.internet.MimeUtility;

import org.apache.james.core.MailAddress;

/**
 * Every mail address the text of an address header ({@code From:}, {@code Sender:},
 * {@code Resent-From:}…) can show a reader, over-inclusive on purpose, for checks that must not
 * be fooled by addressing tricks: a display name ({@code "support@example.test" <me@…>}), a
 * quoted local part ({@code "support"@example.test}, the same mailbox by RFC 5321 section 4.1.2),
 * quoted pairs ({@code "sup\port"@…}), comments and folding white space around {@code @} and
 * {@code .} (RFC 5322 CFWS: {@code support(x)@example.test}), an RFC 2047 encoded-word anywhere,
 * even where RFC 2047 forbids it, a malformed header ({@code Support <support@example.test}).
 * Addresses come out lower case (James treats {@code Support@Example.TEST} as the same account).
 *
 * <p>Hostile input costs linear time: each view of the text is built in one pass and cut into
 * tokens at delimiters in another; only tokens holding an {@code @} are parsed. (A pattern like
 * {@code [^delims]+@[^delims]+} searched with {@code find()} rescans a long run without {@code @}
 * from every start: 500 header lines of 8 KB took minutes.) The encoded-word pattern is linear
 * too: its two unbounded runs stop at the next {@code ?}, which they cannot contain.
 */
public final class ShownAddresses {
    private static final String DELIMITERS = "<>\"(),;:[]\\";
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?[^?]*\\?[bBqQ]\\?[^?]*\\?=");
    /**
     * The first character of Unicode category Cf (format), the soft hyphen U+00AD: the usual header,
     * all ASCII, is scanned without asking Character for each character's category.
     */
    private static final char FIRST_FORMAT_CHARACTER = '\u00AD';

    private ShownAddresses() {
    }

    /** @param headerValue one header's value, or several joined (folding line ends allowed) */
    public static Set<MailAddress> in(String headerValue) {
        Set<MailAddress> addresses = new LinkedHashSet<>();
        forEachCandidate(headerValue, candidate -> address(candidate).ifPresent(addresses::add));
        return addresses;
    }

    /**
     * The same addresses as {@link #in}, as lower-case text and without checking that they are
     * RFC 5321 addresses: for a check that only asks whether one of them is an address it knows
     * (a configured address is a valid one, so the answer is the same), on every incoming mail,
     * without building a {@link MailAddress} per token.
     */
    public static Set<String> spellings(String headerValue) {
        Set<String> spellings = new LinkedHashSet<>();
        forEachCandidate(headerValue, candidate -> spelling(candidate).ifPresent(spellings::add));
        return spellings;
    }

    /**
     * Hands each of {@link #spellings}' spellings to {@code spellings}, in the same order, repeats
     * included, without gathering them: a check that only looks each one up (the incoming server's
     * spoofing check, on every mail) needs no set of them, nor an {@code Optional} per token.
     */
    public static void forEachSpelling(String headerValue, Consumer<String> spellings) {
        forEachCandidate(headerValue, candidate -> {
            String spelling = spellingOrNull(candidate);
            if (spelling != null) {
                spellings.accept(spelling);
            }
        });
    }

    private static void forEachCandidate(String headerValue, Consumer<String> candidates) {
        forEachCandidate(headerValue, candidates, true);
    }

    /** Every view built and cut, without the shortcut for plain text (tests compare both). */
    static Set<String> spellingsOfEveryView(String headerValue) {
        Set<String> spellings = new LinkedHashSet<>();
        forEachCandidate(headerValue, candidate -> spelling(candidate).ifPresent(spellings::add), false);
        return spellings;
    }

    private static void forEachCandidate(String headerValue, Consumer<String> candidates, boolean shortcut) {
        String raw = withoutFormatCharacters(headerValue);
        String decodedValue = decodeEncodedWords(headerValue);
        // Without an encoded-word the decoded view is the header itself: its format characters are dropped once.
        String decoded = decodedValue == headerValue ? raw : withoutFormatCharacters(decodedValue);
        for (String text : decoded.equals(raw) ? new String[] {raw} : new String[] {raw, decoded}) {
            if (shortcut && isPlain(text)) {
                // Both views below are the text itself, or cut into the same tokens: one cut.
                addTokens(text, candidates);
                continue;
            }
            String unquoted = withoutQuoting(text);
            addTokens(unquoted, candidates);
            addTokens(joinedAroundSeparators(withoutComments(text)), candidates);
        }
    }

    /**
     * Whether every view of the text cuts into the text's own tokens: no quote, backslash or
     * comment ({@link #withoutQuoting} and {@link #withoutComments} keep it as it is), and no white
     * space next to {@code @} or {@code .} ({@link #joinedAroundSeparators} only shortens runs of
     * white space, where tokens are cut anyway). The usual header, {@code Jane <jane@example.test>}.
     */
    private static boolean isPlain(String text) {
        int length = text.length();
        for (int index = 0; index < length; index++) {
            char current = text.charAt(index);
            if (current == '"' || current == '\\' || current == '(') {
                return false;
            }
            if (Character.isWhitespace(current)
                && (index > 0 && isSeparator(text.charAt(index - 1)) || index + 1 < length && isSeparator(text.charAt(index + 1)))) {
                return false;
            }
        }
        return true;
    }

    /** The address as configured addresses are compared: lower case; empty when it is not an RFC 5321 address. */
    public static Optional<MailAddress> address(String text) {
        return spelling(text).flatMap(candidate -> {
            try {
                return Optional.of(new MailAddress(candidate));
            } catch (Exception e) {
                // MailAddress rejects what is not an RFC 5321 address: not one a reader would take for ours.
                return Optional.empty();
            }
        });
    }

    /** Lower case, trailing dots dropped; empty without a local part before an {@code @}. */
    private static Optional<String> spelling(String text) {
        return Optional.ofNullable(spellingOrNull(text));
    }

    /** As {@link #spelling}, null for empty. */
    private static String spellingOrNull(String text) {
        int end = text.length();
        // A trailing dot makes the domain fully qualified (RFC 1034 section 3.1): the same domain.
        while (end > 0 && text.charAt(end - 1) == '.') {
            end--;
        }
        String candidate = text.substring(0, end);
        if (candidate.indexOf('@') <= 0) {
            return null;
        }
        return candidate.toLowerCase(Locale.ROOT);
    }

    /**
     * An address as a parser returned it ({@code InternetAddress.getAddress()}), quoting removed:
     * {@code "support"@example.test} is {@code support@example.test}.
     */
    public static Optional<MailAddress> canonical(String addrSpec) {
        return address(withoutQuoting(addrSpec).strip());
    }

    private static String decodeEncodedWords(String text) {
        if (text.indexOf("=?") < 0) {
            return text;
        }
        Matcher words = ENCODED_WORD.matcher(text);
        StringBuilder decoded = new StringBuilder(text.length());
        int last = 0;
        boolean afterWord = false;
        while (words.find()) {
            // RFC 2047 section 6.2: white space between two encoded-words is not shown, so
            // "=?..?Q?supp?= =?..?Q?ort=40example.test?=" reads support@example.test.
            if (!(afterWord && text.substring(last, words.start()).isBlank())) {
                decoded.append(text, last, words.start());
            }
            decoded.append(decodeWord(words.group()));
            last = words.end();
            afterWord = true;
        }
        return decoded.append(text, last, text.length()).toString();
    }

    private static String decodeWord(String word) {
        try {
            return MimeUtility.decodeWord(word);
        } catch (Exception e) {
            // Unknown charset or broken encoding: the reader's client cannot decode it either.
            return word;
        }
    }

    /**
     * Invisible format characters (zero-width space, soft hyphen, bidirectional controls) dropped:
     * {@code sup<U+00AD>port@example.test} shows a reader {@code support@example.test}.
     */
    private static String withoutFormatCharacters(String text) {
        int first = 0;
        while (first < text.length()
            && (text.charAt(first) < FIRST_FORMAT_CHARACTER || Character.getType(text.codePointAt(first)) != Character.FORMAT)) {
            first += text.charAt(first) < FIRST_FORMAT_CHARACTER ? 1 : Character.charCount(text.codePointAt(first));
        }
        if (first == text.length()) {
            // The usual header: nothing to drop, nothing to copy.
            return text;
        }
        StringBuilder result = new StringBuilder(text.length()).append(text, 0, first);
        for (int index = first; index < text.length(); ) {
            int codePoint = text.codePointAt(index);
            if (Character.getType(codePoint) != Character.FORMAT) {
                result.appendCodePoint(codePoint);
            }
            index += Character.charCount(codePoint);
        }
        return result.toString();
    }

    /** Quotes and quoted-pair backslashes dropped: {@code "sup\port"@x} reads {@code support@x}. */
    private static String withoutQuoting(String text) {
        if (text.indexOf('"') < 0 && text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder result = new StringBuilder(text.length());
        for (int index = 0; index < text.length(); index++) {
            char current = text.charAt(index);
            if (current != '"' && current != '\\') {
                result.append(current);
            }
        }
        return result.toString();
    }

    /** Quoting dropped and RFC 5322 comments, nested ones too, replaced by a space. */
    private static String withoutComments(String text) {
        StringBuilder result = new StringBuilder(text.length());
        int depth = 0;
        for (int index = 0; index < text.length(); index++) {
            char current = text.charAt(index);
            if (current == '\\') {
                index++;
                if (depth == 0 && index < text.length()) {
                    result.append(text.charAt(index));
                }
            } else if (current == '(') {
                depth++;
            } else if (current == ')' && depth > 0) {
                depth--;
                if (depth == 0) {
                    result.append(' ');
                }
            } else if (depth == 0 && current != '"') {
                result.append(current);
            }
        }
        return result.toString();
    }

    /** White space next to {@code @} or {@code .} removed: {@code support @ example . test} is one address (RFC 5322 CFWS). */
    private static String joinedAroundSeparators(String text) {
        StringBuilder result = new StringBuilder(text.length());
        int index = 0;
        while (index < text.length()) {
            char current = text.charAt(index);
            if (!Character.isWhitespace(current)) {
                result.append(current);
                index++;
                continue;
            }
            int end = index;
            while (end < text.length() && Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            char before = result.length() == 0 ? ' ' : result.charAt(result.length() - 1);
            char after = end < text.length() ? text.charAt(end) : ' ';
            if (!isSeparator(before) && !isSeparator(after)) {
                result.append(' ');
            }
            index = end;
        }
        return result.toString();
    }

    private static boolean isSeparator(char character) {
        return character == '@' || character == '.';
    }

    private static void addTokens(String text, Consumer<String> candidates) {
        int start = 0;
        boolean hasAt = false;
        for (int index = 0; index <= text.length(); index++) {
            char current = index < text.length() ? text.charAt(index) : ' ';
            if (Character.isWhitespace(current) || DELIMITERS.indexOf(current) >= 0) {
                if (hasAt) {
                    candidates.accept(text.substring(start, index));
                }
                start = index + 1;
                hasAt = false;
            } else if (current == '@') {
                hasAt = true;
            }
        }
    }
}
