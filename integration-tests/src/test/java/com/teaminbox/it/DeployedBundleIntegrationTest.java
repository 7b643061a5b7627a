package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The deployable bundle, as an administrator installs it: a separate JVM whose class path is
 * stock James 3.8.1 plus the demo launcher, with our jar only in {@code extensions-jars/}.
 * Runs the same command the README's start script runs.
 */
class DeployedBundleIntegrationTest {
    private static final Pattern READY = Pattern.compile("READY smtp=(\\d+) submission=(\\d+) imap=(\\d+) webadmin=(\\d+)");
    private static final Path APP_TARGET = Path.of(System.getProperty("teaminbox.app.target", "../app/target"));

    private Path home;
    private Process process;
    private final BlockingQueue<String> output = new LinkedBlockingQueue<>();
    private final List<String> transcript = new ArrayList<>();

    @BeforeEach
    void createHome() throws IOException {
        home = Files.createTempDirectory("teaminbox-deployed");
    }

    @AfterEach
    void stop() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        TeamInboxServer.deleteRecursively(home);
    }

    @Test
    void demoClassPathShouldNotContainTheExtension() throws IOException {
        String classPath = Files.readString(APP_TARGET.resolve("classpath.txt"));

        assertThat(classPath).contains("james-server-memory-app").doesNotContain("teaminbox");
        assertThat(APP_TARGET.resolve("extensions-jars/teaminbox-james-bundle.jar")).isRegularFile();
    }

    @Test
    void bundleShouldCarryOnlyOurClassesAndLucene() throws IOException {
        List<String> foreign = new ArrayList<>();
        try (ZipFile bundle = new ZipFile(APP_TARGET.resolve("extensions-jars/teaminbox-james-bundle.jar").toFile())) {
            bundle.stream()
                .map(ZipEntry::getName)
                .filter(name -> name.endsWith(".class"))
                .filter(name -> !name.startsWith("com/teaminbox/"))
                .forEach(foreign::add);
        }

        assertThat(foreign).as("James provides everything else; Lucene is relocated under com/teaminbox/internal").isEmpty();
    }

    @Test
    void bundleShouldCarryTheMatchersAdministratorsCompose() throws IOException {
        try (ZipFile bundle = new ZipFile(APP_TARGET.resolve("extensions-jars/teaminbox-james-bundle.jar").toFile())) {
            assertThat(List.of("IsSharedMailbox", "IsAutomaticReply", "HasTicketTag", "RuleMatches", "InBusinessHours", "SentByMember"))
                .as("docs/matchers.md").allSatisfy(matcher ->
                    assertThat(bundle.getEntry("com/teaminbox/matchers/" + matcher + ".class")).as(matcher).isNotNull());
        }
    }

    @Test
    void bundleLoadedFromExtensionsJarsShouldTicketMailAndStopOnSignal() throws Exception {
        start();
        Matcher ready = awaitLine(READY);
        int smtpPort = Integer.parseInt(ready.group(1));
        int imapPort = Integer.parseInt(ready.group(3));
        int submissionPort = Integer.parseInt(ready.group(2));
        int webAdminPort = Integer.parseInt(ready.group(4));

        new SmtpTestClient(smtpPort).send("jane@customer.test", "Printer broken", "support@example.test");
        TeamInboxServer.awaitUntil(() -> {
            try (ImapTestClient imap = ImapTestClient.connect(imapPort)) {
                imap.authenticatePlain("support@example.test", "alice@example.test", "demo");
                return imap.messageCount("INBOX") == 1;
            }
        }, "the mail in support's INBOX");
        try (ImapTestClient imap = ImapTestClient.connect(imapPort)) {
            assertThat(imap.authenticatePlain("support@example.test", "alice@example.test", "demo")).isTrue();
            imap.select("INBOX");
            assertThat(imap.headers("Subject")).containsExactly("[SUP-1] Printer broken");
        }

        // The SMTP hooks and the WebAdmin routes come from extensions-jars/ too.
        SubmissionClient.Reply refused = new SubmissionClient(submissionPort).send("bob@example.test", "demo",
            "support@example.test", "jane@customer.test",
            Submissions.message("bob@example.test", Optional.empty(), "jane@customer.test", "Not allowed"));
        assertThat(refused.text()).startsWith("550 5.7.1 bob@example.test may not send as support@example.test");
        HttpResponse<String> review = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + webAdminPort + "/shared-mailboxes/support@example.test")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(review.statusCode()).isEqualTo(200);
        assertThat(review.body()).contains("\"sendPermission\":\"send-as\"");

        // SIGTERM, as Ctrl-C's SIGINT, runs the shutdown hook (Process.destroy() would also close our pipe).
        process.toHandle().destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("James stops on SIGTERM / Ctrl-C").isTrue();
        awaitLine(Pattern.compile("Stopping James"));
    }

    @Test
    void startCommandShouldExitNonZeroAndNameTheMistake() throws Exception {
        Path invalid = home.resolve("my-shared-mailboxes.xml");
        Files.writeString(invalid, "<shared-mailboxes>\n"
            + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
            + "    <member address=\"alice@example.test\" role=\"boss\"/>\n"
            + "  </shared-mailbox>\n"
            + "</shared-mailboxes>\n");

        start("--shared-mailboxes", invalid.toString());

        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isNotZero();
        awaitLine(Pattern.compile(Pattern.quote("James did not start: Invalid shared-mailbox configuration: "
            + "shared-mailboxes.xml:3: <member> role 'boss' is not defined")));
    }

    private void start(String... extraArguments) throws IOException {
        String classPath = APP_TARGET.resolve("classes") + java.io.File.pathSeparator
            + Files.readString(APP_TARGET.resolve("classpath.txt")).strip();
        List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m", "-cp", classPath, "com.teaminbox.demo.DemoServer",
            "--home", home.resolve("james").toString(),
            "--extensions", APP_TARGET.resolve("extensions-jars").toString(),
            "--random-ports"));
        command.addAll(List.of(extraArguments));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.add(line);
                }
            } catch (IOException e) {
                output.add("(output closed: " + e.getMessage() + ")");
            }
        }, "demo-output");
        reader.setDaemon(true);
        reader.start();
    }

    private Matcher awaitLine(Pattern pattern) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            String line = output.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                continue;
            }
            transcript.add(line);
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                return matcher;
            }
        }
        throw new AssertionError("No line matching " + pattern + " in the demo's output:\n" + String.join("\n", transcript));
    }
}
