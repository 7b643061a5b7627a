package com.teaminbox.james.retention;

import java.util.Set;

import javax.inject.Inject;

import org.apache.james.server.task.json.TaskExtensionModule;
import org.apache.james.server.task.json.dto.AdditionalInformationDTO;
import org.apache.james.server.task.json.dto.AdditionalInformationDTOModule;
import org.apache.james.server.task.json.dto.TaskDTO;
import org.apache.james.server.task.json.dto.TaskDTOModule;
import org.apache.james.task.Task;
import org.apache.james.task.TaskExecutionDetails;

/**
 * Teaches James to serialize retention tasks and their counts, so that {@code GET /tasks/{id}}
 * shows them (and a distributed James can hand them to another node):
 * <pre>
 * # extensions.properties
 * guice.extension.task=com.teaminbox.james.retention.RetentionTaskExtensionModule
 * </pre>
 */
public class RetentionTaskExtensionModule implements TaskExtensionModule {
    private final RetentionTasks tasks;

    @Inject
    public RetentionTaskExtensionModule(RetentionTasks tasks) {
        this.tasks = tasks;
    }

    @Override
    public Set<TaskDTOModule<? extends Task, ? extends TaskDTO>> taskDTOModules() {
        return Set.of(RetentionTaskDTO.module(tasks));
    }

    @Override
    public Set<AdditionalInformationDTOModule<? extends TaskExecutionDetails.AdditionalInformation, ? extends AdditionalInformationDTO>>
        taskAdditionalInformationDTOModules() {
        return Set.of(RetentionTaskDetailsDTO.MODULE);
    }
}
