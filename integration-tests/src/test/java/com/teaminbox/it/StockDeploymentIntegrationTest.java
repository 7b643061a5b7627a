package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/deployment.md, followed on James 3.8.1's own sample configuration (from its distribution,
 * not the demo's): the document's snippets are the files of conf/james/ and docs/deployment/, applied here as the
 * document says. Then, with stock clients' moves on the stock ports (TLS where stock James wants
 * it): a customer's mail is ticketed, a member reads it over IMAP after STARTTLS, replies over 465
 * and 587; a read-only member is refused on every SMTP port, and AUTH on 25 (not announced there,
 * accepted by stock James) is refused.
 */
class StockDeploymentIntegrationTest {
    private static final String SUPPORT = "support@example.test";
    private static final String JANE = "jane@customer.test";

    private Path home;
    private StockJames james;

    @BeforeEach
    void prepare() throws Exception {
        home = Files.createTempDirectory("teaminbox-stock");
        james = StockJames.prepare(home.resolve("james"));
    }

    @AfterEach
    void stop() throws Exception {
        james.close();
        TeamInboxServer.deleteRecursively(home);
    }

    @Test
    void deploymentDocumentShouldShowEverySnippetVerbatim() throws Exception {
        String document = Files.readString(DeploymentSnippets.DOCUMENT);

        assertThat(DeploymentSnippets.names()).hasSizeGreaterThanOrEqualTo(14);
        for (String name : DeploymentSnippets.names()) {
            assertThat(document).as("docs/deployment.md shows " + name).contains(DeploymentSnippets.snippet(name).strip());
        }
    }

    @Test
    void documentedDeploymentOnStockJamesShouldGovernEveryPort() throws Exception {
        DeploymentSnippets.apply(james.home.resolve("conf"), james.port(25));
        james.deployBundle();
        james.start();
        james.awaitStarted();

        // The document's first start on a memory server: domain and users over WebAdmin, then a reload.
        List<HttpResponse<String>> answers = james.runFirstStartScript();
        assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 204));
        assertThat(answers.get(answers.size() - 1).body()).contains("\"provisioningFailures\":{}", "\"waitingForJames\":[]");

        // A customer's mail, on 25 without AUTH: ticketed.
        try (TlsSmtpClient smtp = TlsSmtpClient.connect(james.port(25), TlsSmtpClient.Security.PLAIN)) {
            assertThat(smtp.send(JANE, SUPPORT, Submissions.message(JANE, Optional.empty(), SUPPORT, "Printer broken"))).startsWith("250");
        }
        TeamInboxServer.awaitUntil(() -> messages("INBOX", "alice") == 1, "the customer's mail in support's INBOX");
        try (ImapTestClient imap = imapAsMemberOfSupport("alice")) {
            imap.select("INBOX");
            assertThat(imap.headers("Subject")).containsExactly("[SUP-1] Printer broken");
        }

        // alice (full) replies as support@ over 465 (TLS) and 587 (STARTTLS): accepted, filed in the shared Sent.
        for (TlsSmtpClient.Security security : List.of(TlsSmtpClient.Security.IMPLICIT_TLS, TlsSmtpClient.Security.STARTTLS)) {
            int port = security == TlsSmtpClient.Security.IMPLICIT_TLS ? james.port(465) : james.port(587);
            try (TlsSmtpClient smtp = TlsSmtpClient.connect(port, security)) {
                assertThat(smtp.ehlo()).as("AUTH announced to a local client on %s", security).contains("AUTH");
                assertThat(smtp.authenticatePlain("alice@example.test", "alice-secret")).startsWith("235");
                assertThat(smtp.send(SUPPORT, JANE, Submissions.message(SUPPORT, Optional.empty(), JANE, "Re: [SUP-1] Printer broken")))
                    .as("alice's reply on %s", security).startsWith("250");
            }
        }
        TeamInboxServer.awaitUntil(() -> messages("Sent", "alice") == 2, "both replies in support's Sent");

        // bob (read-only) may not send as support@ on any SMTP port.
        for (TlsSmtpClient.Security security : List.of(TlsSmtpClient.Security.IMPLICIT_TLS, TlsSmtpClient.Security.STARTTLS)) {
            int port = security == TlsSmtpClient.Security.IMPLICIT_TLS ? james.port(465) : james.port(587);
            try (TlsSmtpClient smtp = TlsSmtpClient.connect(port, security)) {
                assertThat(smtp.authenticatePlain("bob@example.test", "bob-secret")).startsWith("235");
                assertThat(smtp.send(SUPPORT, JANE, Submissions.message(SUPPORT, Optional.empty(), JANE, "Re: [SUP-1] Printer broken")))
                    .as("bob on %s", security).startsWith("550 5.7.1");
            }
        }
        try (TlsSmtpClient smtp = TlsSmtpClient.connect(james.port(25), TlsSmtpClient.Security.PLAIN)) {
            assertThat(smtp.ehlo()).as("25 does not announce AUTH").doesNotContain("AUTH");
            assertThat(smtp.authenticatePlain("bob@example.test", "bob-secret")).as("unannounced AUTH on 25").startsWith("504");
            assertThat(smtp.send(SUPPORT, JANE, Submissions.message(SUPPORT, Optional.empty(), JANE, "Re: [SUP-1] Printer broken")))
                .as("relaying from 25 without AUTH").doesNotStartWith("250");
        }
        try (TlsSmtpClient smtp = TlsSmtpClient.connect(james.port(25), TlsSmtpClient.Security.PLAIN)) {
            assertThat(smtp.authenticatePlain("alice@example.test", "alice-secret")).as("unannounced AUTH on 25, even for a full member")
                .startsWith("504");
        }
        assertThat(messages("Sent", "alice")).isEqualTo(2);
    }

    @Test
    void authServerLeftWithoutOurHooksAndJmapLeftOnShouldRefuseTheStartNamingEach() throws Exception {
        DeploymentSnippets.apply(james.home.resolve("conf"), james.port(25), List.of(james.port(465)), true);
        james.deployBundle();
        james.start();

        assertThat(james.awaitExit()).isNotZero();
        assertThat(james.output()).contains("jmap.properties: enabled is true: James's JMAP would let members read and change a "
            + "shared mailbox's folders outside their role's IMAP rules and the audit trail; set enabled=false (docs/deployment.md, section 5)");
        assertThat(james.output()).contains("TeamInbox refuses to start (2 problems in James's configuration)");
        assertThat(james.output()).contains("smtpserver.xml: <smtpserver> 'smtpserver-TLS' (127.0.0.1:"
            + james.port(465) + ") accepts AUTH but its handlerchain lacks com.teaminbox.james.smtp.SharedAddressEnvelopeHook, "
            + "com.teaminbox.james.smtp.SharedAddressHeadersHook, com.teaminbox.james.smtp.OutgoingSubjectHook: a member could send "
            + "as a shared mailbox there whatever their role; add them before CoreCmdHandlerLoader (docs/deployment.md, section 4)");
    }

    private ImapTestClient imapAsMemberOfSupport(String member) throws Exception {
        ImapTestClient imap = ImapTestClient.connectWithStartTls(james.port(143));
        if (!imap.authenticatePlain(SUPPORT, member + "@example.test", member + "-secret")) {
            String reply = imap.lastReply();
            imap.close();
            throw new IllegalStateException(member + " could not open " + SUPPORT + ": " + reply);
        }
        return imap;
    }

    private int messages(String folder, String member) throws Exception {
        try (ImapTestClient imap = imapAsMemberOfSupport(member)) {
            return imap.messageCount(folder);
        }
    }
}
