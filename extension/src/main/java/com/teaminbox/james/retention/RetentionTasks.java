package com.teaminbox.james.retention;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;

import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.config.ConfigurationInForce;

/** Makes {@link RetentionTask}s for WebAdmin, the schedule and task deserialization. */
public class RetentionTasks {
    private final RetentionService service;
    private final ConfigurationInForce configurationStore;

    @Inject
    public RetentionTasks(RetentionService service, ConfigurationInForce configurationStore) {
        this.service = service;
        this.configurationStore = configurationStore;
    }

    public RetentionTask create(MailAddress sharedMailbox, boolean dryRun, AuditActor actor) {
        return new RetentionTask(service, configurationStore, sharedMailbox, dryRun, actor);
    }
}
