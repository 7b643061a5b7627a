package com.teaminbox.james.retention;

import org.apache.james.json.DTOModule;
import org.apache.james.server.task.json.dto.TaskDTO;
import org.apache.james.server.task.json.dto.TaskDTOModule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.james.common.HeaderAddresses;

/** A {@link RetentionTask} as the distributed task manager stores it: which mailbox, dry run or not, who asked. */
public class RetentionTaskDTO implements TaskDTO {
    private final String type;
    private final String sharedMailbox;
    private final boolean dryRun;
    private final String actorKind;
    private final String actorName;

    public static TaskDTOModule<RetentionTask, RetentionTaskDTO> module(RetentionTasks tasks) {
        return DTOModule.forDomainObject(RetentionTask.class)
            .convertToDTO(RetentionTaskDTO.class)
            .toDomainObjectConverter(dto -> tasks.create(
                HeaderAddresses.mailAddress(dto.sharedMailbox).orElseThrow(() -> new IllegalArgumentException(
                    "not a mail address: " + dto.sharedMailbox)),
                dto.dryRun,
                AuditActor.of(AuditActor.Kind.fromWireName(dto.actorKind).orElse(AuditActor.Kind.SYSTEM), dto.actorName)))
            .toDTOConverter((task, typeName) -> new RetentionTaskDTO(typeName, task.sharedMailbox().asString(), task.dryRun(),
                task.actor().kind().wireName(), task.actor().name()))
            .typeName(RetentionTask.TYPE.asString())
            .withFactory(TaskDTOModule::new);
    }

    @JsonCreator
    public RetentionTaskDTO(@JsonProperty("type") String type,
                            @JsonProperty("sharedMailbox") String sharedMailbox,
                            @JsonProperty("dryRun") boolean dryRun,
                            @JsonProperty("actorKind") String actorKind,
                            @JsonProperty("actorName") String actorName) {
        this.type = type;
        this.sharedMailbox = sharedMailbox;
        this.dryRun = dryRun;
        this.actorKind = actorKind;
        this.actorName = actorName;
    }

    @Override
    public String getType() {
        return type;
    }

    public String getSharedMailbox() {
        return sharedMailbox;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    public String getActorKind() {
        return actorKind;
    }

    public String getActorName() {
        return actorName;
    }
}
