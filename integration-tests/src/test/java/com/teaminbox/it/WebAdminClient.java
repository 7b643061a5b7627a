package com.teaminbox.it;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plain HTTP calls to a test server's WebAdmin port: mail repository sizes, configuration reload, GETs. */
final class WebAdminClient {
    private static final Pattern SIZE = Pattern.compile("\"size\"\\s*:\\s*(\\d+)");

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    WebAdminClient(int port) {
        this.port = port;
    }

    /** The body of a GET that must answer 200. */
    static String get(TeamInboxServer server, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = new WebAdminClient(server.ports().webAdmin()).get(path);
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static int status(TeamInboxServer server, String path) throws IOException, InterruptedException {
        return new WebAdminClient(server.ports().webAdmin()).get(path).statusCode();
    }

    /** Mails held in a repository such as {@code var/mail/error/}; 0 when James has not created it yet. */
    long repositorySize(String repositoryPath) throws IOException, InterruptedException {
        HttpResponse<String> response = get("/mailRepositories/" + URLEncoder.encode(repositoryPath, StandardCharsets.UTF_8));
        if (response.statusCode() == 404) {
            return 0;
        }
        Matcher size = SIZE.matcher(response.body());
        if (response.statusCode() != 200 || !size.find()) {
            throw new IOException("Unexpected answer for repository " + repositoryPath + ": " + response.statusCode() + " " + response.body());
        }
        return Long.parseLong(size.group(1));
    }

    HttpResponse<String> reloadSharedMailboxes() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri("/shared-mailboxes/reload")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
