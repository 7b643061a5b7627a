package com.teaminbox.james.webadmin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.WebAdminConfiguration;
import org.apache.james.webadmin.WebAdminServer;
import org.apache.james.webadmin.authentication.NoAuthenticationFilter;
import org.apache.james.webadmin.mdc.LoggingRequestFilter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * James's own WebAdmin server (Spark on Jetty) serving only the given routes on a free port, as
 * James's WebAdmin tests do, and a JDK HTTP client calling it: the routes are tested with the
 * status codes, error bodies and JSON that WebAdmin really sends.
 */
final class RoutesServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebAdminServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    private RoutesServer(WebAdminServer server) {
        this.server = server;
    }

    static RoutesServer serving(Routes... routes) {
        // The constructor is protected: James's WebAdminUtils builds it the same way, in a test.
        WebAdminServer server = new WebAdminServer(WebAdminConfiguration.TEST_CONFIGURATION, List.of(routes), new NoAuthenticationFilter(),
            new RecordingMetricFactory(), LoggingRequestFilter.create()) {
        };
        return new RoutesServer(server.start());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    HttpResponse<String> postJson(String path) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** A POST as a cross-site form would send it. */
    HttpResponse<String> postForm(String path) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.noBody()));
    }

    HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return send(request(path).DELETE());
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort().getValue() + path));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.destroy();
    }
}
