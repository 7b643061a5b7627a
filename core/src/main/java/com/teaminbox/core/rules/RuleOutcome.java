package com.teaminbox.core.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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
        if (first(RuleAction.Junk.class) != null) {
            return Optional.of(FolderName.JUNK);
        }
        RuleAction.FileInto fileInto = first(RuleAction.FileInto.class);
        return fileInto == null ? Optional.empty() : Optional.of(fileInto.folder());
    }

    public boolean flagged() {
        return setsFlag(RuleAction.SetFlag.Flag.FLAGGED);
    }

    public boolean seen() {
        return setsFlag(RuleAction.SetFlag.Flag.SEEN);
    }

    /** Keywords, assignee keywords included, each once. */
    public Set<String> keywords() {
        Set<String> keywords = new LinkedHashSet<>();
        for (RuleAction.AddKeyword action : actions(RuleAction.AddKeyword.class)) {
            keywords.add(action.keyword());
        }
        for (RuleAction.Assign action : actions(RuleAction.Assign.class)) {
            keywords.add(action.keyword());
        }
        return keywords;
    }

    public List<RuleAction.Assign> assignments() {
        return actions(RuleAction.Assign.class);
    }

    public List<RuleAction.SetHeader> headersToSet() {
        return actions(RuleAction.SetHeader.class);
    }

    public List<RuleAction.RemoveHeader> headersToRemove() {
        return actions(RuleAction.RemoveHeader.class);
    }

    public List<MailAddress> notifications() {
        List<MailAddress> addresses = new ArrayList<>();
        for (RuleAction.Notify action : actions(RuleAction.Notify.class)) {
            if (!addresses.contains(action.address())) {
                addresses.add(action.address());
            }
        }
        return addresses;
    }

    public Optional<String> template() {
        RuleAction.UseTemplate template = first(RuleAction.UseTemplate.class);
        return template == null ? Optional.empty() : Optional.of(template.template());
    }

    /**
     * The applied rules' actions of this kind, in rule order. Loops, not streams: this runs for every
     * mail a rule matches, in the server mostly at the JIT's first tier, where a stream pipeline costs
     * many times the loop it stands for.
     */
    private <T extends RuleAction> List<T> actions(Class<T> kind) {
        List<T> actions = new ArrayList<>(2);
        for (Rule rule : applied) {
            for (RuleAction action : rule.actions()) {
                if (kind.isInstance(action)) {
                    actions.add(kind.cast(action));
                }
            }
        }
        return actions;
    }

    /** The first applied action of this kind, or null. */
    private <T extends RuleAction> T first(Class<T> kind) {
        for (Rule rule : applied) {
            for (RuleAction action : rule.actions()) {
                if (kind.isInstance(action)) {
                    return kind.cast(action);
                }
            }
        }
        return null;
    }

    private boolean setsFlag(RuleAction.SetFlag.Flag flag) {
        for (Rule rule : applied) {
            for (RuleAction action : rule.actions()) {
                if (action instanceof RuleAction.SetFlag && ((RuleAction.SetFlag) action).flag() == flag) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "applied=" + applied.stream().map(Rule::name).collect(Collectors.toList())
            + " audited=" + audited.stream().map(Rule::name).collect(Collectors.toList());
    }
}
