package com.teaminbox.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver for tests: the JDK's HTTP server on a free loopback port, answering each
 * request with the next scripted status (then {@code 200}), and keeping every request it got.
 * {@link #verifies} checks a signature the way a receiver following the Standard Webhooks
 * specification does, with none of the server's code.
 */
final class WebhookReceiver implements AutoCloseable {
    /** {@code whsec_} and 32 bytes in base64. */
    static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(UTF_8));
    static final String ROTATED_SECRET = "whsec_" + Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes(UTF_8));

    record Received(String id, String timestamp, String signature, String contentType, String body, int answered) {
        /** The standard payload's type; empty for a templated body. */
        String type() {
            int start = body.indexOf("\"type\":\"");
            return start < 0 ? "" : body.substring(start + 8, body.indexOf('"', start + 8));
        }
    }

    private final HttpServer server;
    private final Queue<Integer> script = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int defaultStatus = 200;
    private volatile long delayMillis;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/hook", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The next requests get these statuses, in order. */
    WebhookReceiver answering(Integer... statuses) {
        script.addAll(Arrays.asList(statuses));
        return this;
    }

    /** Requests beyond the script get this status. */
    WebhookReceiver thenAnswering(int status) {
        defaultStatus = status;
        return this;
    }

    /** Each answer waits this long: a slow receiver. */
    WebhookReceiver slow(long millis) {
        delayMillis = millis;
        return this;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> received(String type) {
        return received.stream().filter(request -> request.type().equals(type)).collect(Collectors.toList());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            String text = new String(body.readAllBytes(), UTF_8);
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            int status = Optional.ofNullable(script.poll()).orElse(defaultStatus);
            received.add(new Received(header(exchange, "webhook-id"), header(exchange, "webhook-timestamp"), header(exchange, "webhook-signature"),
                header(exchange, "content-type"), text, status));
            exchange.sendResponseHeaders(status, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    private static String header(HttpExchange exchange, String name) {
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name)).orElse("");
    }

    /** Standard Webhooks verification: one of the space-separated {@code v1,} signatures is the HMAC of id.timestamp.body. */
    static boolean verifies(Received request, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            String expected = Base64.getEncoder().encodeToString(mac.doFinal((request.id() + "." + request.timestamp() + "." + request.body()).getBytes(UTF_8)));
            return Arrays.stream(request.signature().split(" ")).anyMatch(signature -> signature.equals("v1," + expected));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
