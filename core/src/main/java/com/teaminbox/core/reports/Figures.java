package com.teaminbox.core.reports;

import java.util.Map;

import com.teaminbox.core.sla.SlaTarget;

/**
 * What happened in a stretch of time (the whole period, or one day): mails in, tickets opened,
 * member replies, first-response and resolution times, SLA outcomes per target, and the backlog
 * at the stretch's end (or now, if it ends later).
 */
public record Figures(int mailsIn, int newTickets, int replies, ResponseTimes firstResponse, ResponseTimes resolution,
                      Map<SlaTarget, SlaCounts> sla, Backlog backlog) {
    public Figures {
        sla = Map.copyOf(sla);
    }

    public int slaBreached() {
        return sla.values().stream().mapToInt(SlaCounts::breached).sum();
    }
}
