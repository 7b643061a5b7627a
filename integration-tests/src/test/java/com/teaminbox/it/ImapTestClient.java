package com.teaminbox.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.net.imap.IMAPClient;
import org.apache.commons.net.imap.IMAPReply;

/** A real IMAP client on the server's port, speaking the protocol line by line (commons-net). */
public final class ImapTestClient implements AutoCloseable {
    private static final Pattern LIST_LINE = Pattern.compile("^\\* LIST \\([^)]*\\) \"[^\"]*\" \"?([^\"\\r\\n]*)\"?$", Pattern.MULTILINE);

    private final IMAPClient client = new IMAPClient();

    public static ImapTestClient connect(int port) throws IOException {
        ImapTestClient imap = new ImapTestClient();
        imap.client.connect("127.0.0.1", port);
        return imap;
    }

    public boolean login(String user, String password) throws IOException {
        return client.login(user, password);
    }

    /** SASL PLAIN (RFC 4616) with an authorization identity: open {@code target} with {@code member}'s password. */
    public boolean authenticatePlain(String target, String member, String password) throws IOException {
        int reply = client.sendCommand("AUTHENTICATE", "PLAIN");
        if (!IMAPReply.isContinuation(reply)) {
            return false;
        }
        String response = target + "\0" + member + "\0" + password;
        return client.sendData(Base64.getEncoder().encodeToString(response.getBytes(StandardCharsets.UTF_8))) == IMAPReply.OK;
    }

    public void select(String folder) throws IOException {
        if (!client.select(quote(folder))) {
            throw new IOException("SELECT " + folder + " failed: " + client.getReplyString());
        }
    }

    /** The named header of every message of the selected folder, in UID order (without marking them seen). */
    public List<String> headers(String name) throws IOException {
        if (!client.fetch("1:*", "(BODY.PEEK[HEADER.FIELDS (" + name + ")])")) {
            if (client.getReplyString().contains("BAD") || client.getReplyString().contains("NO")) {
                return List.of();
            }
        }
        List<String> values = new ArrayList<>();
        Matcher matcher = Pattern.compile("(?im)^" + Pattern.quote(name) + ": ?(.*)$").matcher(client.getReplyString());
        while (matcher.find()) {
            values.add(matcher.group(1).strip());
        }
        return values;
    }

    public int messageCount(String folder) throws IOException {
        client.status(quote(folder), new String[] {"MESSAGES"});
        Matcher matcher = Pattern.compile("MESSAGES (\\d+)").matcher(client.getReplyString());
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    public List<String> listFolders() throws IOException {
        client.list("\"\"", "*");
        List<String> folders = new ArrayList<>();
        Matcher matcher = LIST_LINE.matcher(client.getReplyString());
        while (matcher.find()) {
            folders.add(matcher.group(1));
        }
        return folders;
    }

    public String lastReply() {
        return client.getReplyString();
    }

    private static String quote(String folder) {
        return "\"" + folder + "\"";
    }

    @Override
    public void close() throws IOException {
        if (!client.isConnected()) {
            return;
        }
        try {
            client.logout();
        } catch (IOException e) {
            // James may close the connection right after its BYE, before the tagged OK reaches us.
        } finally {
            client.disconnect();
        }
    }
}
