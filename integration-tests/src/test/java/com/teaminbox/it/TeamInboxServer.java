package com.teaminbox.it;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.james.utils.GuiceProbe;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.google.inject.Module;
import com.teaminbox.demo.DemoHome;
import com.teaminbox.demo.DemoPorts;
import com.teaminbox.demo.DemoServer;

/**
 * A real James 3.8.1 server with the demo configuration, started in-process on free ports for
 * each test, then stopped and its directory removed. The extension is on the test class path
 * here; {@code DeployedBundleTest} covers loading it from {@code extensions-jars/}.
 *
 * <p>Registered on a {@code static} field, one server serves every test of the class (started
 * before the first, stopped after the last): for classes whose tests need no fresh state, each
 * using its own addresses, subjects or markers, never another test's mail. A class that counts
 * tickets from SUP-1, moves a clock, edits the configuration or restarts keeps a server per test.
 *
 * <p>After each test the error repository ({@value #ERROR_REPOSITORY}) must be empty: accepted
 * mail is delivered, never parked by a mailet of ours (RELIABILITY.md). A test that parks mail on
 * purpose says so with {@link #parkingMailOnPurpose()}.
 */
public final class TeamInboxServer implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {
    public static final String PASSWORD = "demo";
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern EXISTS = Pattern.compile("\\* (\\d+) EXISTS");
    static final String ERROR_REPOSITORY = "var/mail/error/";

    private final Consumer<DemoHome> customisation;
    private final Module[] extraModules;
    private final List<Module> overrides;
    private Path directory;
    private DemoHome home;
    private DemoServer server;
    private boolean parkingOnPurpose;
    private boolean perClass;

    public TeamInboxServer() {
        this(home -> {
        });
    }

    public TeamInboxServer(Consumer<DemoHome> customisation, Module... extraModules) {
        this(customisation, List.of(), extraModules);
    }

    private TeamInboxServer(Consumer<DemoHome> customisation, List<Module> overrides, Module... extraModules) {
        this.customisation = customisation;
        this.overrides = List.copyOf(overrides);
        this.extraModules = extraModules;
    }

    /** A server whose James bindings are replaced by {@code overrides}, such as a fixed clock. */
    public static TeamInboxServer overriding(Consumer<DemoHome> customisation, Module... overrides) {
        return new TeamInboxServer(customisation, List.of(overrides));
    }

    /** As {@link #overriding(Consumer, Module...)}, with {@code extraModules} (probes) added beside James's bindings. */
    public static TeamInboxServer overriding(Consumer<DemoHome> customisation, List<Module> overrides, Module... extraModules) {
        return new TeamInboxServer(customisation, overrides, extraModules);
    }

    /** Called only when registered on a static field: one server for the whole class. */
    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        perClass = true;
        startFresh();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (!perClass) {
            startFresh();
        }
    }

    private void startFresh() throws Exception {
        directory = Files.createTempDirectory("teaminbox-it");
        home = DemoHome.prepare(directory, true);
        customisation.accept(home);
        server = DemoServer.start(home, overrides, extraModules);
    }

    /** For a test that sends mail to the error repository on purpose: the check after the test is skipped. */
    public TeamInboxServer parkingMailOnPurpose() {
        parkingOnPurpose = true;
        return this;
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException, InterruptedException {
        Optional<String> parked = parkingOnPurpose || server == null ? Optional.empty() : parkedMail();
        if (perClass) {
            // The next test starts with an empty error repository, so that a parked mail is blamed on its own test.
            parked.ifPresent(details -> emptyErrorRepository());
        } else {
            Optional.ofNullable(server).ifPresent(DemoServer::close);
            deleteRecursively(directory);
        }
        if (parked.isPresent() && context.getExecutionException().isEmpty()) {
            throw new AssertionError("Mail was parked in " + ERROR_REPOSITORY + " during " + context.getDisplayName() + ": " + parked.get());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        Optional.ofNullable(server).ifPresent(DemoServer::close);
        deleteRecursively(directory);
    }

    private void emptyErrorRepository() {
        try {
            new WebAdminClient(ports().webAdmin())
                .delete("/mailRepositories/" + URLEncoder.encode(ERROR_REPOSITORY, StandardCharsets.UTF_8) + "/mails");
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("Could not empty " + ERROR_REPOSITORY, e);
        }
    }

    /** What the error repository holds, with James's error message of each mail; empty when nothing. */
    private Optional<String> parkedMail() throws IOException, InterruptedException {
        WebAdminClient webAdmin = new WebAdminClient(ports().webAdmin());
        if (webAdmin.repositorySize(ERROR_REPOSITORY) == 0) {
            return Optional.empty();
        }
        String mails = "/mailRepositories/" + URLEncoder.encode(ERROR_REPOSITORY, StandardCharsets.UTF_8) + "/mails";
        StringBuilder details = new StringBuilder();
        Matcher keys = Pattern.compile("\"([^\"]+)\"").matcher(webAdmin.get(mails).body());
        while (keys.find()) {
            details.append("\n  ").append(webAdmin.get(mails + "/" + URLEncoder.encode(keys.group(1), StandardCharsets.UTF_8)).body());
        }
        return Optional.of(details.toString());
    }

    /**
     * Stops James and starts it again on the same home, as an administrator's restart does: what
     * is under {@code var/} and {@code conf/} stays, the memory backend's mailboxes do not.
     */
    public void restart() throws Exception {
        restart(() -> {
        });
    }

    /** As {@link #restart()}, running {@code whileStopped} between the stop and the start. */
    public void restart(Runnable whileStopped) throws Exception {
        server.close();
        server = null;
        whileStopped.run();
        server = DemoServer.start(home, overrides, extraModules);
    }

    /** The running server's directory, e.g. to edit {@code conf/shared-mailboxes.xml} before provisioning again. */
    public DemoHome home() {
        return home;
    }

    public DemoPorts ports() {
        return server.ports();
    }

    public <T extends GuiceProbe> T probe(Class<T> probeClass) {
        return server.james().getProbe(probeClass);
    }

    public SmtpTestClient smtp() {
        return new SmtpTestClient(ports().smtp());
    }

    /** The submission port, where members authenticate. */
    public SmtpTestClient submission() {
        return new SmtpTestClient(ports().submission());
    }

    public ImapTestClient imapAsMemberOf(String sharedMailbox, String member) throws IOException {
        ImapTestClient imap = ImapTestClient.connect(ports().imap());
        if (!imap.authenticatePlain(sharedMailbox, member, PASSWORD)) {
            imap.close();
            throw new IOException(member + " could not open " + sharedMailbox + ": " + imap.lastReply());
        }
        return imap;
    }

    public ImapTestClient imapAs(String user) throws IOException {
        ImapTestClient imap = ImapTestClient.connect(ports().imap());
        if (!imap.login(user, PASSWORD)) {
            imap.close();
            throw new IOException(user + " could not log in: " + imap.lastReply());
        }
        return imap;
    }

    /** Polls until the condition holds: delivery through the spool is asynchronous. */
    public static void awaitUntil(Callable<Boolean> condition, String description) throws Exception {
        awaitUntil(condition, description, DELIVERY_TIMEOUT);
    }

    public static void awaitUntil(Callable<Boolean> condition, String description, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.call()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Timed out after " + timeout + " waiting for: " + description);
    }

    /**
     * Waits until a SELECT of the folder shows the messages: under load, a STATUS count was seen
     * to run ahead of what a SELECT right after it showed.
     */
    public void awaitMessages(String sharedMailbox, String member, String folder, int count) throws Exception {
        awaitUntil(() -> {
            try (ImapTestClient imap = imapAsMemberOf(sharedMailbox, member)) {
                imap.select(folder);
                Matcher exists = EXISTS.matcher(imap.lastReply());
                return exists.find() && Integer.parseInt(exists.group(1)) >= count;
            }
        }, count + " message(s) in " + sharedMailbox + " " + folder);
    }

    static void deleteRecursively(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
