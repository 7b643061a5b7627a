package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.teaminbox.demo.DemoHome;
import com.teaminbox.demo.DemoServer;
import com.teaminbox.james.configuration.DeploymentChecks;

/**
 * Each place where one missing or misplaced line of James's configuration would silently leave
 * shared mailboxes ungoverned: James refuses to start and names the file, the element (server and
 * port) and the fix. Starts from the demo's configuration, which passes, and breaks one thing.
 */
class DeploymentRefusalIntegrationTest {
    private static final String ENVELOPE_HOOK = "            <handler class=\"com.teaminbox.james.smtp.SharedAddressEnvelopeHook\"/>\n";
    private static final String REFUSE_AUTH = "<handler class=\"com.teaminbox.james.smtp.RefuseAuthenticationHook\"/>";

    @RegisterExtension
    LogCapture log = new LogCapture(DeploymentChecks.class);

    private Path directory;

    @BeforeEach
    void createDirectory() throws IOException {
        directory = Files.createTempDirectory("teaminbox-deployment");
    }

    @AfterEach
    void removeDirectory() throws IOException {
        TeamInboxServer.deleteRecursively(directory);
    }

    static Stream<Arguments> ungovernedConfigurations() {
        return Stream.of(
            Arguments.of("submission server without the envelope hook", "smtpserver.xml",
                (UnaryOperator<String>) xml -> remove(xml, ENVELOPE_HOOK),
                "smtpserver.xml: <smtpserver> 'smtpserver-submission' (127.0.0.1:"),
            Arguments.of("submission server without the envelope hook (its fix)", "smtpserver.xml",
                (UnaryOperator<String>) xml -> remove(xml, ENVELOPE_HOOK),
                "accepts AUTH but its handlerchain lacks com.teaminbox.james.smtp.SharedAddressEnvelopeHook: a member could send as "
                    + "a shared mailbox there whatever their role; add it before CoreCmdHandlerLoader"),
            Arguments.of("incoming server accepting AUTH", "smtpserver.xml",
                (UnaryOperator<String>) xml -> remove(xml, REFUSE_AUTH),
                "smtpserver.xml: <smtpserver> 'smtpserver-incoming' (127.0.0.1:"),
            Arguments.of("our mailet before RemoveMimeHeader bcc", "mailetcontainer.xml",
                (UnaryOperator<String>) DeploymentRefusalIntegrationTest::copyToSentFirstInTransport,
                "mailetcontainer.xml: <mailet match=\"SMTPAuthSuccessful\" class=\"com.teaminbox.james.mailets.CopyToSharedSent\"> "
                    + "in processor 'transport' comes before RemoveMimeHeader (bcc)"),
            Arguments.of("IMAP package inside <imapserver>", "imapserver.xml",
                (UnaryOperator<String>) DeploymentRefusalIntegrationTest::imapPackageInsideServer,
                "imapserver.xml: <imapserver> 'imapserver' contains <imapPackages>com.teaminbox.james.imap.SharedMailboxImapPackage"
                    + "</imapPackages>, which James 3.8.1 ignores there; move it to the root <imapservers> element"),
            Arguments.of("our startable absent", "extensions.properties",
                (UnaryOperator<String>) properties -> properties.replace("com.teaminbox.james.provisioning.SharedMailboxesProvisioning,", ""),
                "extensions.properties: guice.extension.startable must list com.teaminbox.james.provisioning.SharedMailboxesProvisioning"),
            Arguments.of("our startable lost to a line appended without a newline", "extensions.properties",
                (UnaryOperator<String>) properties -> properties.replace("\nguice.extension.startable=", "\n#guice.extension.startable="),
                "extensions.properties: guice.extension.startable must list com.teaminbox.james.provisioning.SharedMailboxesProvisioning"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ungovernedConfigurations")
    void jamesShouldRefuseToStartAndNameWhatIsUngoverned(String mistake, String file, UnaryOperator<String> edit, String expected) {
        DemoHome home = DemoHome.prepare(directory, true);
        edit(home, file, edit);

        Throwable failure = catchThrowable(() -> DemoServer.start(home).close());

        assertThat(failure).as(mistake + " must stop James from starting").isNotNull();
        assertThat(DemoServer.rootMessage(failure)).contains(expected);
    }

    @Test
    void explicitOptOutShouldStartAndWarnAboutEachUngovernedServer() throws Exception {
        DemoHome home = DemoHome.prepare(directory, true);
        edit(home, "smtpserver.xml", xml -> remove(xml, ENVELOPE_HOOK));
        edit(home, "shared-mailboxes.xml", xml -> xml.replace("<shared-mailboxes ", "<shared-mailboxes ungoverned-smtp-servers=\"allow\" "));

        try (DemoServer server = DemoServer.start(home)) {
            assertThat(server.ports().smtp()).isPositive();
        }

        assertThat(log.messages()).anySatisfy(line -> assertThat(line)
            .startsWith("Allowed by ungoverned-smtp-servers=\"allow\" in shared-mailboxes.xml, shared mailboxes are not protected here: "
                + "smtpserver.xml: <smtpserver> 'smtpserver-submission'"));
    }

    @Test
    void missingSharedMailboxesFileShouldRefuseTheStartWithThePathToCreate() throws Exception {
        DemoHome home = DemoHome.prepare(directory, true);
        Files.delete(home.configurationFile("shared-mailboxes.xml"));

        Throwable failure = catchThrowable(() -> DemoServer.start(home).close());

        assertThat(DemoServer.rootMessage(failure)).contains("shared-mailboxes.xml:0: <shared-mailboxes> file not found (",
            "conf/shared-mailboxes.xml); the TeamInbox extension is deployed but has no configuration: create that file");
    }

    @Test
    void emptySharedMailboxesFileShouldStartWithNoSharedMailbox() throws Exception {
        DemoHome home = DemoHome.prepare(directory, true).withSharedMailboxes("<shared-mailboxes/>\n");

        try (DemoServer server = DemoServer.start(home)) {
            assertThat(server.ports().webAdmin()).isPositive();
        }
    }

    private static void edit(DemoHome home, String file, UnaryOperator<String> edit) {
        try {
            Path path = home.configurationFile(file);
            String before = Files.readString(path);
            String after = edit.apply(before);
            assertThat(after).as("the test's edit of " + file + " applies").isNotEqualTo(before);
            Files.writeString(path, after);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String remove(String text, String line) {
        return text.replace(line, "");
    }

    private static String copyToSentFirstInTransport(String xml) {
        String copy = "<mailet match=\"SMTPAuthSuccessful\" class=\"com.teaminbox.james.mailets.CopyToSharedSent\"/>";
        String transport = "<processor state=\"transport\" enableJmx=\"false\">";
        assertThat(xml).contains(copy, transport);
        return xml.replace(copy, "").replace(transport, transport + "\n            " + copy);
    }

    private static String imapPackageInsideServer(String xml) {
        String line = "<imapPackages>com.teaminbox.james.imap.SharedMailboxImapPackage</imapPackages>";
        return xml.replace(line, "").replace("<jmxName>imapserver</jmxName>", "<jmxName>imapserver</jmxName>\n        " + line);
    }
}
