package com.teaminbox.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.apache.james.FakeSearchMailboxModule;
import org.apache.james.GuiceJamesServer;
import org.apache.james.MemoryJamesConfiguration;
import org.apache.james.MemoryJamesServerMain;
import org.apache.james.mailbox.store.mail.NaiveThreadIdGuessingAlgorithm;
import org.apache.james.mailbox.store.mail.ThreadIdGuessingAlgorithm;
import org.apache.james.modules.protocols.ImapGuiceProbe;
import org.apache.james.modules.protocols.SmtpGuiceProbe;
import org.apache.james.utils.WebAdminGuiceProbe;

import com.google.inject.Module;

/**
 * Starts a stock James 3.8.1 memory server in a prepared {@link DemoHome}. Used by the demo
 * command and by the integration tests, so that both run the same server the same way.
 *
 * <pre>
 * java -cp app/target/classes:$(cat app/target/classpath.txt) com.teaminbox.demo.DemoServer \
 *      --home demo-home --extensions app/target/extensions-jars [--random-ports] [--shared-mailboxes FILE]
 *      [--conf-overrides DIR] [--naive-thread-ids]
 * </pre>
 */
public final class DemoServer implements AutoCloseable {
    static {
        // Let start() throw, so that main() prints the administrator's message and exits 1 (and tests
        // can assert it), instead of James calling System.exit(1) after a stack trace. Read once by
        // GuiceJamesServer when it is first loaded, which is after this.
        if (System.getProperty("james.exit.on.startup.error") == null) {
            System.setProperty("james.exit.on.startup.error", "false");
        }
    }

    /**
     * The memory server guesses a new message's thread by searching the whole account (no index):
     * a cost per append that grows with the account, which distributed James (a lookup table) does
     * not have. Benchmarks bind this instead, in every server they compare.
     */
    private static final Module NAIVE_THREAD_IDS = binder ->
        binder.bind(ThreadIdGuessingAlgorithm.class).to(NaiveThreadIdGuessingAlgorithm.class);

    private final GuiceJamesServer james;

    private DemoServer(GuiceJamesServer james) {
        this.james = james;
    }

    /** Starts James on {@code home}; on failure the half-started server is stopped and the cause thrown. */
    public static DemoServer start(DemoHome home, Module... extraModules) throws Exception {
        return start(home, List.of(), extraModules);
    }

    /**
     * As {@link #start(DemoHome, Module...)}, with {@code overrides} replacing James's own bindings
     * (a fixed {@link java.time.Clock} in tests of business hours).
     */
    public static DemoServer start(DemoHome home, List<Module> overrides, Module... extraModules) throws Exception {
        MemoryJamesConfiguration configuration = MemoryJamesConfiguration.builder()
            .workingDirectory(home.root().toFile())
            .build();
        GuiceJamesServer james = MemoryJamesServerMain.createServer(configuration)
            .combineWith(new FakeSearchMailboxModule())
            .combineWith(extraModules)
            .overrideWith(overrides);
        try {
            james.start();
        } catch (Throwable e) {
            james.stop();
            throw e instanceof Exception ? (Exception) e : new IllegalStateException(e);
        }
        return new DemoServer(james);
    }

    public DemoPorts ports() {
        return new DemoPorts(
            james.getProbe(SmtpGuiceProbe.class).getSmtpPort().getValue(),
            james.getProbe(SmtpGuiceProbe.class).getSmtpAuthRequiredPort().getValue(),
            james.getProbe(ImapGuiceProbe.class).getImapPort(),
            james.getProbe(WebAdminGuiceProbe.class).getWebAdminPort().getValue());
    }

    public GuiceJamesServer james() {
        return james;
    }

    @Override
    public void close() {
        james.stop();
    }

    public static void main(String[] args) {
        DemoOptions options = DemoOptions.parse(args);
        DemoHome home = DemoHome.prepare(options.home(), options.randomPorts());
        options.extensions().ifPresent(home::withExtensionsFrom);
        options.sharedMailboxes().ifPresent(home::withSharedMailboxesFrom);
        options.confOverrides().ifPresent(home::withConfigurationFilesFrom);
        System.setProperty("logback.configurationFile", home.configurationFile("logback.xml").toString());
        DemoServer server;
        try {
            server = start(home, options.naiveThreadIds() ? List.of(NAIVE_THREAD_IDS) : List.of());
        } catch (Exception e) {
            System.err.println();
            System.err.println("James did not start: " + rootMessage(e));
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping James...");
            server.close();
        }, "demo-shutdown"));
        printWelcome(System.out, server.ports(), home);
    }

    /** The message an administrator needs: ours (file:line: reason) when the configuration is at fault. */
    public static String rootMessage(Throwable failure) {
        Optional<Throwable> configurationError = Optional.empty();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getClass().getName().equals("com.teaminbox.core.config.xml.ConfigurationException")
                || cause.getClass().getName().equals("com.teaminbox.core.deployment.DeploymentRefusedException")) {
                configurationError = Optional.of(cause);
            }
        }
        Throwable reported = configurationError.orElse(failure);
        return reported.getMessage() == null ? reported.toString() : reported.getMessage();
    }

    private static void printWelcome(PrintStream out, DemoPorts ports, DemoHome home) {
        out.println();
        out.println("TeamInbox demo is running (Apache James 3.8.1, memory storage). Ctrl-C stops it.");
        out.println("  SMTP incoming    127.0.0.1:" + ports.smtp() + "   (no auth; local recipients)");
        out.println("  SMTP submission  127.0.0.1:" + ports.submission() + "   (AUTH PLAIN/LOGIN)");
        out.println("  IMAP             127.0.0.1:" + ports.imap());
        out.println("  WebAdmin         http://127.0.0.1:" + ports.webAdmin() + "/");
        out.println("Users (password '" + DemoAccounts.PASSWORD + "'): " + String.join(", ", DemoAccounts.USERS));
        out.println("Shared mailboxes (" + home.configurationFile("shared-mailboxes.xml") + "):");
        out.println("  support@example.test  tickets SUP  alice full, bob read-only, carol send-as");
        out.println("  sales@example.test    tickets SAL  bob full, alice read-only");
        out.println("Try: mail jane@customer.test -> support@example.test on port " + ports.smtp()
            + ", then IMAP AUTHENTICATE PLAIN as alice@example.test for support@example.test.");
        out.println("READY " + ports);
        out.flush();
    }
}
