package com.teaminbox.james.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.time.Instant;

import org.apache.james.core.MailAddress;
import org.apache.james.json.JsonGenericSerializer;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.james.configuration.SharedMailboxesConfigurationStore;

class RetentionTaskSerializationTest {
    private static final String DETAILS_JSON = "{\"type\":\"teaminbox-retention\",\"sharedMailbox\":\"support@example.test\","
        + "\"dryRun\":true,\"trigger\":\"administrator\",\"examined\":7,\"deleted\":2,\"moved\":1,\"held\":4,\"failed\":0,"
        + "\"timestamp\":\"2026-06-15T12:00:00Z\"}";
    private static final String TASK_JSON = "{\"type\":\"teaminbox-retention\",\"sharedMailbox\":\"support@example.test\","
        + "\"dryRun\":false,\"actorKind\":\"system\",\"actorName\":\"teaminbox\"}";

    private final RetentionTasks tasks = new RetentionTasks(mock(RetentionService.class), mock(SharedMailboxesConfigurationStore.class));
    private final JsonGenericSerializer<RetentionTask.Details, RetentionTaskDetailsDTO> details =
        JsonGenericSerializer.forModules(RetentionTaskDetailsDTO.MODULE).withoutNestedType();
    private final JsonGenericSerializer<RetentionTask, RetentionTaskDTO> task = JsonGenericSerializer.forModules(RetentionTaskDTO.module(tasks))
        .withoutNestedType();

    @Test
    void countsShouldSerializeTheWayTasksShowThem() throws Exception {
        RetentionTask.Details counts = new RetentionTask.Details("support@example.test", true, "administrator", 7, 2, 1, 4, 0,
            Instant.parse("2026-06-15T12:00:00Z"));

        assertThat(details.serialize(counts)).isEqualTo(DETAILS_JSON);
    }

    @Test
    void countsShouldDeserializeToTheSameValues() throws Exception {
        assertThat(details.deserialize(DETAILS_JSON)).usingRecursiveComparison().isEqualTo(new RetentionTask.Details(
            "support@example.test", true, "administrator", 7, 2, 1, 4, 0, Instant.parse("2026-06-15T12:00:00Z")));
    }

    @Test
    void taskShouldRoundTripWithItsMailboxDryRunAndActor() throws Exception {
        RetentionTask scheduled = tasks.create(new MailAddress("support@example.test"), false, AuditActor.system());

        assertThat(task.serialize(scheduled)).isEqualTo(TASK_JSON);
        RetentionTask read = task.deserialize(TASK_JSON);
        assertThat(read.sharedMailbox()).isEqualTo(new MailAddress("support@example.test"));
        assertThat(read.dryRun()).isFalse();
        assertThat(read.actor()).isEqualTo(AuditActor.system());
    }
}
