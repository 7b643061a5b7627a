package com.teaminbox.core.reports;

import java.util.Optional;

/**
 * One SLA target's outcome in a period: {@code met} counts the milestones reached in the period
 * (first responses, resolutions) whose ticket had no breach of that target before; {@code warned}
 * and {@code breached} count the sla-warning and sla-breached records of the period. The
 * next-response target has no milestone of its own in the trail, so its {@code met} is empty.
 */
public record SlaCounts(Optional<Integer> met, int warned, int breached) {
}
