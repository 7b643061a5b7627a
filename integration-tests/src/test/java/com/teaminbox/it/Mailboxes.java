package com.teaminbox.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/** What a user of the test server finds in their INBOX, over real IMAP; and accounts added through WebAdmin. */
final class Mailboxes {
    private final TeamInboxServer server;

    Mailboxes(TeamInboxServer server) {
        this.server = server;
    }

    List<String> inboxHeader(String user, String header) throws IOException {
        try (ImapTestClient imap = server.imapAs(user)) {
            if (imap.messageCount("INBOX") == 0) {
                return List.of();
            }
            imap.select("INBOX");
            return imap.headers(header);
        }
    }

    int inboxCount(String user) throws IOException {
        try (ImapTestClient imap = server.imapAs(user)) {
            return imap.messageCount("INBOX");
        }
    }

    void awaitInbox(String user, int count) throws Exception {
        TeamInboxServer.awaitUntil(() -> inboxCount(user) >= count, count + " message(s) in the INBOX of " + user);
    }

    /** The whole header block of message {@code number} (1-based) of the user's INBOX. */
    String headerBlock(String user, int number) throws IOException {
        try (ImapTestClient imap = server.imapAs(user)) {
            imap.select("INBOX");
            if (!imap.command("FETCH " + number + " (BODY.PEEK[HEADER])")) {
                throw new IOException("FETCH failed: " + imap.lastReply());
            }
            return imap.lastReply();
        }
    }

    /** The raw body of message {@code number} of the user's INBOX. */
    String body(String user, int number) throws IOException {
        try (ImapTestClient imap = server.imapAs(user)) {
            imap.select("INBOX");
            if (!imap.command("FETCH " + number + " (BODY.PEEK[TEXT])")) {
                throw new IOException("FETCH failed: " + imap.lastReply());
            }
            return imap.lastReply();
        }
    }

    /** A new account with the test password, created the way an administrator does it. */
    void createUser(String user) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.ports().webAdmin() + "/users/" + user))
            .PUT(HttpRequest.BodyPublishers.ofString("{\"password\":\"" + TeamInboxServer.PASSWORD + "\"}"))
            .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 204) {
            throw new IOException("Cannot create " + user + ": " + response.statusCode() + " " + response.body());
        }
    }
}
