package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.demo.DemoHome;

/**
 * Two James nodes writing their trails into one shared audit directory (docs/audit.md allows
 * it): each node's search keeps working, as each keeps its own index beside the shared files.
 */
class SharedAuditDirectoryIntegrationTest {
    private static final String SUPPORT = "support@example.test";
    private static final String JANE = "jane@customer.test";
    private static final Path SHARED = sharedDirectory();

    @RegisterExtension
    TeamInboxServer mx1 = new TeamInboxServer(auditNode("mx1"));
    @RegisterExtension
    TeamInboxServer mx2 = new TeamInboxServer(auditNode("mx2"));

    private static Path sharedDirectory() {
        try {
            return Files.createTempDirectory("teaminbox-shared-audit").resolve("audit");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Consumer<DemoHome> auditNode(String node) {
        return home -> {
            try {
                Path file = home.configurationFile("shared-mailboxes.xml");
                String xml = Files.readString(file, StandardCharsets.UTF_8);
                Files.writeString(file, xml.replace("</shared-mailboxes>",
                    "    <audit directory=\"" + SHARED + "\" node=\"" + node + "\"/>\n</shared-mailboxes>"), StandardCharsets.UTF_8);
                // Two servers in one JVM: each registers James's JMX beans under names of its own.
                rewrite(home.configurationFile("mailetcontainer.xml"), "<processors>", "<processors enableJmx=\"false\">");
                rewrite(home.configurationFile("smtpserver.xml"), "</jmxName>", "-" + node + "</jmxName>");
                rewrite(home.configurationFile("imapserver.xml"), "</jmxName>", "-" + node + "</jmxName>");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    private static void rewrite(Path file, String text, String replacement) throws IOException {
        Files.writeString(file, Files.readString(file, StandardCharsets.UTF_8).replace(text, replacement), StandardCharsets.UTF_8);
    }

    @AfterAll
    static void deleteSharedDirectory() throws IOException {
        TeamInboxServer.deleteRecursively(SHARED.getParent());
    }

    @Test
    void bothNodesShouldSearchTheirTrail() throws Exception {
        mx1.smtp().send(JANE, "Printer broken", SUPPORT);
        mx2.smtp().send(JANE, "Scanner broken", SUPPORT);
        TeamInboxServer.awaitUntil(() -> AuditRecords.in(SHARED).stream()
            .filter(record -> record.type() == AuditEventType.TICKET_CREATED).count() == 2, "a ticket on each node");

        assertThat(WebAdminClient.get(mx1, "/shared-mailboxes/" + SUPPORT + "/audit?type=ticket-created"))
            .contains("\"node\":\"mx1\"");
        assertThat(WebAdminClient.get(mx2, "/shared-mailboxes/" + SUPPORT + "/audit?type=ticket-created"))
            .contains("\"node\":\"mx2\"");
    }
}
