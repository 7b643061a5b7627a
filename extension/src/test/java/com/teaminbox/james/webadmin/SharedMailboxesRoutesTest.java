package com.teaminbox.james.webadmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.apache.james.core.MailAddress;
import org.apache.james.task.TaskId;
import org.apache.james.task.TaskManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.config.xml.ConfigurationException;
import com.teaminbox.core.config.xml.ConfigurationProblem;
import com.teaminbox.core.config.xml.SourceLocation;
import com.teaminbox.james.ConfigurationFixture;
import com.teaminbox.james.configuration.JamesConfigurationChecks;
import com.teaminbox.james.provisioning.SharedMailboxesReload;
import com.teaminbox.james.retention.RetentionTask;
import com.teaminbox.james.retention.RetentionTasks;

class SharedMailboxesRoutesTest {
    private final FolderRightsReport folderRights = mock(FolderRightsReport.class);
    private final SharedMailboxesReload reload = mock(SharedMailboxesReload.class);
    private final TaskManager taskManager = mock(TaskManager.class);
    private final RetentionTasks retentionTasks = mock(RetentionTasks.class);
    private final JamesConfigurationChecks jamesChecks = mock(JamesConfigurationChecks.class);
    private RoutesServer server;

    @BeforeEach
    void serve() {
        server = RoutesServer.serving(new SharedMailboxesRoutes(ConfigurationFixture.inForce(ConfigurationFixture.support("", "")),
            folderRights, reload, taskManager, retentionTasks, jamesChecks));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void listShouldShowEverySharedMailboxWithItsMembersAndRoles() throws Exception {
        HttpResponse<String> response = server.get("/shared-mailboxes");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode list = RoutesServer.json(response);
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("address").asText()).isEqualTo("support@example.test");
        assertThat(list.get(0).get("ticketPrefix").asText()).isEqualTo("SUP");
        assertThat(list.get(0).get("members").findValuesAsText("role")).containsExactlyInAnyOrder("full", "send-as", "read-only");
    }

    @Test
    void reviewShouldShowMembersFoldersAndWhatJamesStillLacks() throws Exception {
        when(folderRights.folders(any())).thenReturn(List.of(Map.of("name", "INBOX", "inSync", true)));
        when(jamesChecks.waitingForJames(any(com.teaminbox.core.config.SharedMailbox.class))).thenReturn(List.of());

        HttpResponse<String> response = server.get("/shared-mailboxes/support@example.test");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode review = RoutesServer.json(response);
        assertThat(review.get("members").findValuesAsText("sendPermission")).hasSize(3);
        assertThat(review.get("folders").get(0).get("name").asText()).isEqualTo("INBOX");
        assertThat(review.get("waitingForJames")).isEmpty();
    }

    @Test
    void reviewOfAnAddressThatIsNoSharedMailboxShouldBeNotFound() throws Exception {
        HttpResponse<String> response = server.get("/shared-mailboxes/alice@example.test");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(RoutesServer.json(response).get("message").asText()).isEqualTo("alice@example.test is not a shared mailbox");
    }

    @Test
    void reloadRefusedByTheConfigurationShouldBeABadRequestNamingFileAndLine() throws Exception {
        when(reload.reload(any(AuditActor.class))).thenThrow(new ConfigurationException(
            new ConfigurationProblem(SourceLocation.of("shared-mailboxes.xml", 7, "member"), "unknown role 'boss'")));

        HttpResponse<String> response = server.postJson("/shared-mailboxes/reload");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RoutesServer.json(response).get("message").asText()).contains("shared-mailboxes.xml:7").contains("unknown role 'boss'");
    }

    @Test
    void reloadPostedAsACrossSiteFormShouldBeRefusedBeforeItRuns() throws Exception {
        HttpResponse<String> response = server.postForm("/shared-mailboxes/reload");

        assertThat(response.statusCode()).isEqualTo(415);
        verify(reload, never()).reload(any());
    }

    @Test
    void retentionShouldBeSubmittedAsADryRunUnlessToldOtherwise() throws Exception {
        RetentionTask task = mock(RetentionTask.class);
        when(retentionTasks.create(eq(new MailAddress("support@example.test")), eq(true), any())).thenReturn(task);
        TaskId id = TaskId.generateTaskId();
        when(taskManager.submit(task)).thenReturn(id);

        HttpResponse<String> response = server.postJson("/shared-mailboxes/support@example.test/retention");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(RoutesServer.json(response).get("taskId").asText()).isEqualTo(id.asString());
    }

    @Test
    void retentionWithAnInvalidDryRunShouldBeABadRequest() throws Exception {
        HttpResponse<String> response = server.postJson("/shared-mailboxes/support@example.test/retention?dryRun=maybe");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RoutesServer.json(response).get("message").asText()).isEqualTo("dryRun 'maybe' is invalid; accepted: true, false");
    }
}
