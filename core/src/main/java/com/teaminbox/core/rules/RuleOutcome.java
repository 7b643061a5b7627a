package com.teaminbox.core.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.james.core.MailAddress;

import com.teaminbox.core.mailbox.FolderName;

/**
 * What the matching rules ask, merged in rule order: the first folder wins (Junk over any
 * other), flags and keywords add up, the first autoresponse template wins; audit-mode matches
 * are listed and change nothing.
 */
public final class RuleOutcome {
    private final List<Rule> applied;
    private final List<Rule> audited;

    RuleOutcome(List<Rule> applied, List<Rule> audited) {
        this.applied = List.copyOf(applied);
        this.audited = List.copyOf(audited);
    }

    public static RuleOutcome none() {
        return new RuleOutcome(List.of(), List.of());
    }

    /** Active rules that matched, in order, up to and including the first that stops. */
    public List<Rule> applied() {
        return applied;
    }

    /** Audit-mode rules that matched: recorded, not applied. */
    public List<Rule> audited() {
        return audited;
    }

    public Optional<FolderName> folder() {
        if (actions(RuleAction.Junk.class).findAny().isPresent()) {
            return Optional.of(FolderName.JUNK);
        }
        return actions(RuleAction.FileInto.class).map(RuleAction.FileInto::folder).findFirst();
    }

    public boolean flagged() {
        return actions(RuleAction.SetFlag.class).anyMatch(action -> action.flag() == RuleAction.SetFlag.Flag.FLAGGED);
    }

    public boolean seen() {
        return actions(RuleAction.SetFlag.class).anyMatch(action -> action.flag() == RuleAction.SetFlag.Flag.SEEN);
    }

    /** Keywords, assignee keywords included, each once. */
    public Set<String> keywords() {
        Set<String> keywords = new LinkedHashSet<>();
        actions(RuleAction.AddKeyword.class).forEach(action -> keywords.add(action.keyword()));
        actions(RuleAction.Assign.class).forEach(action -> keywords.add(action.keyword()));
        return keywords;
    }

    public List<RuleAction.Assign> assignments() {
        return actions(RuleAction.Assign.class).collect(Collectors.toList());
    }

    public List<RuleAction.SetHeader> headersToSet() {
        return actions(RuleAction.SetHeader.class).collect(Collectors.toList());
    }

    public List<RuleAction.RemoveHeader> headersToRemove() {
        return actions(RuleAction.RemoveHeader.class).collect(Collectors.toList());
    }

    public List<MailAddress> notifications() {
        List<MailAddress> addresses = new ArrayList<>();
        actions(RuleAction.Notify.class).map(RuleAction.Notify::address).filter(address -> !addresses.contains(address)).forEach(addresses::add);
        return addresses;
    }

    public Optional<String> template() {
        return actions(RuleAction.UseTemplate.class).map(RuleAction.UseTemplate::template).findFirst();
    }

    private <T extends RuleAction> Stream<T> actions(Class<T> kind) {
        return applied.stream().flatMap(rule -> rule.actions().stream()).filter(kind::isInstance).map(kind::cast);
    }

    @Override
    public String toString() {
        return "applied=" + applied.stream().map(Rule::name).collect(Collectors.toList())
            + " audited=" + audited.stream().map(Rule::name).collect(Collectors.toList());
    }
}
