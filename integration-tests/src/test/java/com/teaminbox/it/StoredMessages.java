package com.teaminbox.it;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.mail.MessagingException;
import javax.mail.internet.InternetHeaders;
import javax.mail.internet.MimeUtility;

/** Every message of some folders of a shared mailbox, read over IMAP with its flags and its whole header block. */
final class StoredMessages {
    private static final Pattern FETCH = Pattern.compile("(?m)^\\* \\d+ FETCH ");
    private static final Pattern FLAGS = Pattern.compile("FLAGS \\(([^)]*)\\)");

    /** One stored message: its folder, its flags and keywords ({@code \Recent} left out: it is the session's, not the message's). */
    record StoredMessage(String folder, Set<String> flags, InternetHeaders headers) {
        /** The header's value, unfolded; empty when the message has none. */
        Optional<String> header(String name) {
            return Optional.ofNullable(headers.getHeader(name, null)).map(MimeUtility::unfold).map(String::strip);
        }

        /** The header's value, unfolded and decoded (RFC 2047). */
        Optional<String> decoded(String name) {
            return header(name).map(value -> {
                try {
                    return MimeUtility.decodeText(value);
                } catch (IOException e) {
                    return value;
                }
            });
        }
    }

    private StoredMessages() {
    }

    static List<StoredMessage> read(ImapTestClient imap, List<String> folders) throws IOException, MessagingException {
        List<StoredMessage> messages = new ArrayList<>();
        for (String folder : folders) {
            if (imap.messageCount(folder) <= 0) {
                continue;
            }
            imap.select(folder);
            if (!imap.command("FETCH 1:* (FLAGS BODY.PEEK[HEADER])")) {
                throw new IOException("FETCH in " + folder + " failed: " + imap.lastReply());
            }
            for (String block : FETCH.split(imap.lastReply())) {
                int literal = block.indexOf("}\n");
                if (literal < 0) {
                    continue;
                }
                Matcher flags = FLAGS.matcher(block);
                Set<String> marks = new LinkedHashSet<>();
                if (flags.find()) {
                    for (String flag : flags.group(1).trim().split("\\s+")) {
                        if (!flag.isEmpty() && !flag.equalsIgnoreCase("\\Recent")) {
                            marks.add(flag);
                        }
                    }
                }
                byte[] header = block.substring(literal + 2).getBytes(StandardCharsets.UTF_8);
                messages.add(new StoredMessage(folder, marks, new InternetHeaders(new ByteArrayInputStream(header))));
            }
        }
        return messages;
    }
}
