package com.teaminbox.james.retention;

import java.time.Instant;

import org.apache.james.json.DTOModule;
import org.apache.james.server.task.json.dto.AdditionalInformationDTO;
import org.apache.james.server.task.json.dto.AdditionalInformationDTOModule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The counts of a retention run as {@code GET /tasks/{id}} shows them:
 * <pre>{@code
 * "additionalInformation": {"type": "teaminbox-retention", "sharedMailbox": "support@example.test", "dryRun": false,
 *   "trigger": "administrator", "examined": 12, "deleted": 7, "moved": 3, "held": 2, "failed": 0, "timestamp": "..."}
 * }</pre>
 */
public class RetentionTaskDetailsDTO implements AdditionalInformationDTO {
    public static final AdditionalInformationDTOModule<RetentionTask.Details, RetentionTaskDetailsDTO> MODULE =
        DTOModule.forDomainObject(RetentionTask.Details.class)
            .convertToDTO(RetentionTaskDetailsDTO.class)
            .toDomainObjectConverter(dto -> new RetentionTask.Details(dto.sharedMailbox, dto.dryRun, dto.trigger, dto.examined,
                dto.deleted, dto.moved, dto.held, dto.failed, dto.timestamp))
            .toDTOConverter((details, type) -> new RetentionTaskDetailsDTO(type, details.sharedMailbox(), details.dryRun(),
                details.trigger(), details.examined(), details.deleted(), details.moved(), details.held(), details.failed(),
                details.timestamp()))
            .typeName(RetentionTask.TYPE.asString())
            .withFactory(AdditionalInformationDTOModule::new);

    private final String type;
    private final String sharedMailbox;
    private final boolean dryRun;
    private final String trigger;
    private final long examined;
    private final long deleted;
    private final long moved;
    private final long held;
    private final long failed;
    private final Instant timestamp;

    @JsonCreator
    public RetentionTaskDetailsDTO(@JsonProperty("type") String type,
                                   @JsonProperty("sharedMailbox") String sharedMailbox,
                                   @JsonProperty("dryRun") boolean dryRun,
                                   @JsonProperty("trigger") String trigger,
                                   @JsonProperty("examined") long examined,
                                   @JsonProperty("deleted") long deleted,
                                   @JsonProperty("moved") long moved,
                                   @JsonProperty("held") long held,
                                   @JsonProperty("failed") long failed,
                                   @JsonProperty("timestamp") Instant timestamp) {
        this.type = type;
        this.sharedMailbox = sharedMailbox;
        this.dryRun = dryRun;
        this.trigger = trigger;
        this.examined = examined;
        this.deleted = deleted;
        this.moved = moved;
        this.held = held;
        this.failed = failed;
        this.timestamp = timestamp;
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

    public String getTrigger() {
        return trigger;
    }

    public long getExamined() {
        return examined;
    }

    public long getDeleted() {
        return deleted;
    }

    public long getMoved() {
        return moved;
    }

    public long getHeld() {
        return held;
    }

    public long getFailed() {
        return failed;
    }

    @Override
    public Instant getTimestamp() {
        return timestamp;
    }
}
