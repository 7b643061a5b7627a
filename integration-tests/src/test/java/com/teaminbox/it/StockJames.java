package com.teaminbox.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stock James 3.8.1 memory server in its own JVM, as an administrator runs it: James's own
 * class path and main class ({@code MemoryJamesServerMain}), James's sample {@code conf/} from its
 * distribution, and our bundle copied into {@code extensions-jars/}. The only edits beyond
 * docs/deployment.md's are the test's: free ports on 127.0.0.1 instead of 25, 465, 587, 143, 993,
 * 8000 (WebAdmin), 9999 (JMX) and 80 (JMAP), and the log file under the home.
 */
final class StockJames implements AutoCloseable {
    static final Path STOCK_CONF = Path.of(System.getProperty("teaminbox.stock.conf",
        "target/stock-james/james-server-memory-app/conf"));
    private static final Path APP_TARGET = Path.of(System.getProperty("teaminbox.app.target", "../app/target"));
    private static final Path BUNDLE_TARGET = Path.of(System.getProperty("teaminbox.bundle.target", "../mailets/target"));
    private static final Pattern CURL = Pattern.compile(
        "^curl -s -X(\\w+) http://127\\.0\\.0\\.1:8000(\\S+)(?: -H 'Content-Type: ([^']+)')?(?: -d '(.*)')?$");
    /** What curl sends with {@code -d} unless told otherwise; WebAdmin's Jetty then reads the body as a form and the route sees none. */
    private static final String CURL_DEFAULT_CONTENT_TYPE = "application/x-www-form-urlencoded";

    /** The stock ports and the free ones that replace them. */
    final Map<Integer, Integer> ports;
    final Path home;
    private final List<String> output = new ArrayList<>();
    private Process process;

    private StockJames(Path home, Map<Integer, Integer> ports) {
        this.home = home;
        this.ports = ports;
    }

    /** A home with James's stock conf/ (free ports), the documented edits not yet made. */
    static StockJames prepare(Path home) throws IOException {
        Map<Integer, Integer> ports = freePorts(List.of(25, 465, 587, 143, 993, 8000, 9999, 80));
        Path conf = Files.createDirectories(home.resolve("conf"));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(STOCK_CONF)) {
            for (Path file : files) {
                Files.copy(file, conf.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        StockJames james = new StockJames(home, ports);
        for (String server : List.of("smtpserver.xml", "imapserver.xml")) {
            DeploymentSnippets.edit(conf.resolve(server), xml -> {
                String edited = xml;
                for (Map.Entry<Integer, Integer> port : ports.entrySet()) {
                    edited = edited.replace("<bind>0.0.0.0:" + port.getKey() + "</bind>", "<bind>127.0.0.1:" + port.getValue() + "</bind>");
                }
                return edited;
            });
        }
        DeploymentSnippets.edit(conf.resolve("webadmin.properties"), properties -> properties.replace("port=8000", "port=" + ports.get(8000)));
        DeploymentSnippets.edit(conf.resolve("jmx.properties"), properties -> properties.replace("jmx.port=9999", "jmx.port=" + ports.get(9999)));
        Files.writeString(conf.resolve("jmap.properties"), Files.readString(conf.resolve("jmap.properties")) + "\njmap.port=" + ports.get(80) + "\n");
        DeploymentSnippets.edit(conf.resolve("logback.xml"), xml -> xml.replace("/logs/", home.resolve("logs") + "/"));
        return james;
    }

    int port(int stockPort) {
        return ports.get(stockPort);
    }

    /** Section 1: the bundle built by {@code mvn package}, copied as {@code teaminbox-james-*-bundle.jar}. */
    void deployBundle() throws IOException {
        Path extensions = Files.createDirectories(home.resolve("extensions-jars"));
        try (DirectoryStream<Path> bundles = Files.newDirectoryStream(BUNDLE_TARGET, "teaminbox-james-*-bundle.jar")) {
            for (Path bundle : bundles) {
                Files.copy(bundle, extensions.resolve(bundle.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** {@code java -Dworking.directory=. ... org.apache.james.MemoryJamesServerMain}, in the home. */
    void start() throws IOException {
        String classPath = Files.readString(APP_TARGET.resolve("classpath.txt")).strip();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m", "-Dworking.directory=.", "-Dlogback.configurationFile=conf/logback.xml", "-Djdk.tls.ephemeralDHKeySize=2048",
            "-cp", classPath, "org.apache.james.MemoryJamesServerMain");
        process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (output) {
                        output.add(line);
                    }
                }
            } catch (IOException e) {
                synchronized (output) {
                    output.add("(output closed: " + e.getMessage() + ")");
                }
            }
        }, "stock-james-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Waits until WebAdmin answers; fails with James's output if the process ends first. */
    void awaitStarted() throws Exception {
        TeamInboxServer.awaitUntil(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("James stopped (exit " + process.exitValue() + "):\n" + output());
            }
            try {
                return webAdmin("GET", "/domains", "").statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        }, "stock James's WebAdmin to answer", Duration.ofSeconds(180));
    }

    /** Waits for the process to end on its own; its exit value. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            throw new IllegalStateException("James did not stop:\n" + output());
        }
        return process.exitValue();
    }

    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    /** Runs the document's first-start script: each curl line against the test's WebAdmin port; their answers. */
    List<HttpResponse<String>> runFirstStartScript() throws IOException, InterruptedException {
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (String line : DeploymentSnippets.snippet("first-start.sh").strip().split("\n")) {
            Matcher curl = CURL.matcher(line.strip());
            if (!curl.matches()) {
                throw new IllegalStateException("first-start.sh has a line the test cannot run: " + line);
            }
            Optional<String> body = Optional.ofNullable(curl.group(4));
            Optional<String> contentType = Optional.ofNullable(curl.group(3)).or(() -> body.map(present -> CURL_DEFAULT_CONTENT_TYPE));
            answers.add(webAdmin(curl.group(1), curl.group(2), contentType, body.orElse("")));
        }
        return answers;
    }

    HttpResponse<String> webAdmin(String method, String path, String body) throws IOException, InterruptedException {
        return webAdmin(method, path, Optional.empty(), body);
    }

    private HttpResponse<String> webAdmin(String method, String path, Optional<String> contentType, String body)
        throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(8000) + path))
            .method(method, HttpRequest.BodyPublishers.ofString(body));
        contentType.ifPresent(type -> request.header("Content-Type", type));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** One distinct free port for each stock port ({@link FreePorts}: outside the range the kernel hands out). */
    private static Map<Integer, Integer> freePorts(List<Integer> stockPorts) {
        List<Integer> free = FreePorts.reserve(stockPorts.size());
        Map<Integer, Integer> ports = new HashMap<>();
        for (int i = 0; i < stockPorts.size(); i++) {
            ports.put(stockPorts.get(i), free.get(i));
        }
        return Map.copyOf(ports);
    }
}
