package com.teaminbox.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain HTTP calls to the server's WebAdmin port. */
final class WebAdminClient {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private WebAdminClient() {
    }

    static String get(TeamInboxServer server, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send(server, HttpRequest.newBuilder(uri(server, path)).GET().build());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static int status(TeamInboxServer server, String path) throws IOException, InterruptedException {
        return send(server, HttpRequest.newBuilder(uri(server, path)).GET().build()).statusCode();
    }

    static HttpResponse<String> post(TeamInboxServer server, String path) throws IOException, InterruptedException {
        return send(server, HttpRequest.newBuilder(uri(server, path)).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static HttpResponse<String> send(TeamInboxServer server, HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(TeamInboxServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.ports().webAdmin() + path);
    }
}
