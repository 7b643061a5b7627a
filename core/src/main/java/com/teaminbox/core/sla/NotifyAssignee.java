package com.teaminbox.core.sla;

import com.teaminbox.core.rules.RuleAction;

/**
 * {@code <notify-assignee/>}, an escalation action only: a mail to the member the ticket is
 * assigned to (its {@code $Assigned-…} keyword), or to nobody when it is not assigned. Rules run
 * before anyone is assigned, so the rule vocabulary has no such action.
 */
public final class NotifyAssignee implements RuleAction {
    @Override
    public boolean equals(Object o) {
        return o instanceof NotifyAssignee;
    }

    @Override
    public int hashCode() {
        return NotifyAssignee.class.hashCode();
    }

    @Override
    public String toString() {
        return "notify-assignee";
    }
}
