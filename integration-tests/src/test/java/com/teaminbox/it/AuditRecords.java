package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.audit.AuditRecord;
import com.teaminbox.core.audit.AuditVerifier;

/** The audit trail an in-process server wrote under {@code var/audit/} of its home. */
final class AuditRecords {
    private AuditRecords() {
    }

    static Path directory(TeamInboxServer server) {
        return server.home().root().resolve("var/audit");
    }

    /** Every record, in the order written (one node). */
    static List<AuditRecord> of(TeamInboxServer server) {
        return in(directory(server));
    }

    /** Every record of a trail kept elsewhere ({@code <audit directory="...">}). */
    static List<AuditRecord> in(Path directory) {
        return files(directory).stream()
            .flatMap(AuditRecords::lines)
            .filter(line -> !line.isBlank())
            .map(AuditRecord::parse)
            .sorted(Comparator.comparingLong(AuditRecord::seq))
            .collect(Collectors.toList());
    }

    static List<AuditRecord> of(TeamInboxServer server, AuditEventType... types) {
        return in(directory(server), types);
    }

    static List<AuditRecord> in(Path directory, AuditEventType... types) {
        List<AuditEventType> wanted = List.of(types);
        return in(directory).stream().filter(record -> wanted.contains(record.type())).collect(Collectors.toList());
    }

    /**
     * Waits until {@code Acknowledge} decided on {@code mails} mails of {@code sharedMailbox} (each
     * decision, sent or suppressed, is recorded before an acknowledgement leaves), and says how many
     * it sent: once every mail is decided, no acknowledgement can come later than those counted.
     */
    static long awaitAcknowledgementDecisions(TeamInboxServer server, String sharedMailbox, int mails) throws Exception {
        TeamInboxServer.awaitUntil(() -> acknowledgementDecisions(server, sharedMailbox).size() >= mails,
            mails + " acknowledgement decisions of " + sharedMailbox);
        List<AuditRecord> decisions = acknowledgementDecisions(server, sharedMailbox);
        assertThat(decisions).as("one decision per mail").hasSize(mails);
        return decisions.stream().filter(record -> record.type() == AuditEventType.AUTORESPONSE_SENT).count();
    }

    /**
     * How many acknowledgements {@code Acknowledge} sent for {@code sharedMailbox}: final once the
     * mails are in the shared INBOX, since it runs before {@code LocalDelivery} in the
     * {@code shared-mailbox} processor and records each one before it leaves (replies to a known
     * ticket get no decision record at all).
     */
    static long acknowledgementsSent(TeamInboxServer server, String sharedMailbox) {
        return acknowledgementDecisions(server, sharedMailbox).stream()
            .filter(record -> record.type() == AuditEventType.AUTORESPONSE_SENT).count();
    }

    private static List<AuditRecord> acknowledgementDecisions(TeamInboxServer server, String sharedMailbox) {
        return of(server, AuditEventType.AUTORESPONSE_SENT, AuditEventType.AUTORESPONSE_SUPPRESSED).stream()
            .filter(record -> record.mailbox().filter(sharedMailbox::equals).isPresent())
            .collect(Collectors.toList());
    }

    /** The raw text of every file: to check what must never be written (passwords, bodies). */
    static String rawText(TeamInboxServer server) {
        return files(directory(server)).stream().flatMap(AuditRecords::lines).collect(Collectors.joining("\n"));
    }

    static boolean verifies(TeamInboxServer server) throws IOException {
        return new AuditVerifier().verify(List.of(directory(server))).intact();
    }

    private static List<Path> files(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jsonl")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The complete lines of a file. A last line without its newline is a group the server is
     * writing at this moment (one write(2), which a concurrent read can see half done): left for
     * the next read, as the product's own readers do ({@code AuditLine}'s terminated flag).
     */
    private static Stream<String> lines(Path file) {
        try {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            return end < 0 ? Stream.empty() : text.substring(0, end).lines();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
