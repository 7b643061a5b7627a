package com.teaminbox.core.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import com.teaminbox.core.mailbox.FolderName;

/**
 * What {@code ApplyRules} does with one mail, decided once from the rules' {@link RuleOutcome}:
 * the folder, flags and keywords it is stored with, the header edits, the notifications and the
 * acknowledgement template. The offline tester prints this same plan, so that what it predicts
 * and what the server does cannot drift apart.
 *
 * <p>An action that cannot be applied to this mail is left out and listed in {@link #skipped()}:
 * the mail is delivered as if that action were absent, never parked. A folder deleted since the
 * configuration was loaded is such an action (the next matching folder, or INBOX, takes its place);
 * so is a header value no RFC 5322 line can carry ({@link RuleHeaderValues}).
 *
 * @param folder where the mail is stored; empty for INBOX
 * @param headerEdits every set, then every removal, in rule order: a header both set and removed is removed
 */
public record RuleDelivery(Optional<FolderName> folder, boolean flagged, boolean seen, Set<String> keywords,
                           List<HeaderEdit> headerEdits, List<RuleNotification> notifications, Optional<String> template,
                           List<SkippedAction> skipped) {

    public RuleDelivery {
        keywords = Collections.unmodifiableSet(new LinkedHashSet<>(keywords));
        headerEdits = List.copyOf(headerEdits);
        notifications = List.copyOf(notifications);
        skipped = List.copyOf(skipped);
    }

    /** A header set to an already encoded value, or removed (empty value). */
    public record HeaderEdit(String name, Optional<String> value) {
        @Override
        public String toString() {
            return value.map(text -> "set " + name + ": " + text).orElse("remove " + name);
        }
    }

    /** An action of a matching rule left out for this mail, and why. */
    public record SkippedAction(String rule, String action, String reason) {
        @Override
        public String toString() {
            return "rule " + rule + ": " + action + " skipped, " + reason;
        }
    }

    /** The plan when no folder may be missing: what the offline tester assumes (provisioning created them all). */
    public static RuleDelivery plan(RuleOutcome outcome) {
        return plan(outcome, folder -> true);
    }

    /**
     * The plan for this outcome. {@code folderExists} tells whether the shared account still has a
     * folder; {@code Junk} wins over any {@code file-into}, then the first matching rule's folder.
     */
    public static RuleDelivery plan(RuleOutcome outcome, Predicate<FolderName> folderExists) {
        List<SkippedAction> skipped = new ArrayList<>();
        Optional<FolderName> folder = Optional.empty();
        for (Class<? extends RuleAction> kind : List.of(RuleAction.Junk.class, RuleAction.FileInto.class)) {
            for (Rule rule : outcome.applied()) {
                for (RuleAction action : rule.actions()) {
                    if (folder.isPresent() || !kind.isInstance(action)) {
                        continue;
                    }
                    FolderName wanted = folderOf(action);
                    if (folderExists.test(wanted)) {
                        folder = Optional.of(wanted);
                    } else {
                        skipped.add(new SkippedAction(rule.name(), action.toString(), "folder '" + wanted + "' does not exist"));
                    }
                }
            }
        }
        List<HeaderEdit> edits = new ArrayList<>();
        for (Rule rule : outcome.applied()) {
            for (RuleAction action : rule.actions()) {
                if (action instanceof RuleAction.SetHeader) {
                    RuleAction.SetHeader header = (RuleAction.SetHeader) action;
                    Optional<String> encoded = RuleHeaderValues.encode(header.name(), header.value());
                    if (encoded.isPresent()) {
                        edits.add(new HeaderEdit(header.name(), encoded));
                    } else {
                        skipped.add(new SkippedAction(rule.name(), action.toString(), "the value cannot be written as a header line of at most "
                            + RuleHeaderValues.MAX_LINE_LENGTH + " characters"));
                    }
                }
            }
        }
        for (RuleAction.RemoveHeader header : outcome.headersToRemove()) {
            edits.add(new HeaderEdit(header.name(), Optional.empty()));
        }
        return new RuleDelivery(folder, outcome.flagged(), outcome.seen(), outcome.keywords(), edits,
            RuleNotification.of(outcome), outcome.template(), skipped);
    }

    private static FolderName folderOf(RuleAction action) {
        return action instanceof RuleAction.FileInto ? ((RuleAction.FileInto) action).folder() : FolderName.JUNK;
    }

    public boolean filedAsJunk() {
        return folder.filter(FolderName.JUNK::equals).isPresent();
    }

    /** The IMAP flags and keywords the stored message gets: {@code \Flagged}, {@code \Seen}, then keywords in rule order. */
    public List<String> flagsAndKeywords() {
        List<String> marks = new ArrayList<>();
        if (flagged) {
            marks.add("\\Flagged");
        }
        if (seen) {
            marks.add("\\Seen");
        }
        marks.addAll(keywords);
        return marks;
    }
}
