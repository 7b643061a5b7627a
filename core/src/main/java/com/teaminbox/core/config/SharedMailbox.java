package com.teaminbox.core.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.apache.james.core.MailAddress;

import com.teaminbox.core.autoreply.AcknowledgementSettings;
import com.teaminbox.core.reports.ReportSettings;
import com.teaminbox.core.retention.RetentionSettings;
import com.teaminbox.core.rules.Rules;
import com.teaminbox.core.sending.SpoofedFromPolicy;
import com.teaminbox.core.ticket.SubjectConventions;
import com.teaminbox.core.ticket.TicketPrefix;

/**
 * One governed shared mailbox, as declared in the configuration file:
 * <pre>{@code
 * <shared-mailbox address="support@example.test" ticket-prefix="SUP" display-name="Support">
 *   <folder name="Billing"/>
 *   <member address="alice@example.test" role="full"/>
 * </shared-mailbox>
 * }</pre>
 */
public final class SharedMailbox {
    private final MailAddress address;
    private final TicketPrefix ticketPrefix;
    private final Optional<String> displayName;
    private final List<FolderName> configuredFolders;
    private final List<Member> members;
    private final SourceLocation location;
    private final SubjectConventions subjectConventions;
    private final Rules rules;
    private final Optional<AcknowledgementSettings> acknowledgement;
    private final RetentionSettings retention;
    private final SpoofedFromPolicy spoofedFrom;
    private final ReportSettings reports;

    public SharedMailbox(MailAddress address, TicketPrefix ticketPrefix, Optional<String> displayName,
                         List<FolderName> configuredFolders, List<Member> members, SourceLocation location) {
        this(address, ticketPrefix, displayName, configuredFolders, members, location, SubjectConventions.DEFAULT,
            Rules.NONE, Optional.empty());
    }

    public SharedMailbox(MailAddress address, TicketPrefix ticketPrefix, Optional<String> displayName,
                         List<FolderName> configuredFolders, List<Member> members, SourceLocation location,
                         SubjectConventions subjectConventions, Rules rules, Optional<AcknowledgementSettings> acknowledgement) {
        this(address, ticketPrefix, displayName, configuredFolders, members, location, subjectConventions, rules, acknowledgement,
            RetentionSettings.NONE);
    }

    public SharedMailbox(MailAddress address, TicketPrefix ticketPrefix, Optional<String> displayName,
                         List<FolderName> configuredFolders, List<Member> members, SourceLocation location,
                         SubjectConventions subjectConventions, Rules rules, Optional<AcknowledgementSettings> acknowledgement,
                         RetentionSettings retention) {
        this.retention = Objects.requireNonNull(retention, "retention");
        this.acknowledgement = Objects.requireNonNull(acknowledgement, "acknowledgement");
        this.subjectConventions = Objects.requireNonNull(subjectConventions, "subjectConventions");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.address = Objects.requireNonNull(address, "address");
        this.ticketPrefix = Objects.requireNonNull(ticketPrefix, "ticketPrefix");
        this.displayName = Objects.requireNonNull(displayName, "displayName");
        this.configuredFolders = List.copyOf(configuredFolders);
        this.members = List.copyOf(members);
        this.location = Objects.requireNonNull(location, "location");
        this.spoofedFrom = SpoofedFromPolicy.DEFAULT;
        this.reports = ReportSettings.NONE;
    }

    private SharedMailbox(SharedMailbox base, SpoofedFromPolicy spoofedFrom) {
        this.retention = base.retention;
        this.acknowledgement = base.acknowledgement;
        this.subjectConventions = base.subjectConventions;
        this.rules = base.rules;
        this.address = base.address;
        this.ticketPrefix = base.ticketPrefix;
        this.displayName = base.displayName;
        this.configuredFolders = base.configuredFolders;
        this.members = base.members;
        this.location = base.location;
        this.spoofedFrom = Objects.requireNonNull(spoofedFrom, "spoofedFrom");
        this.reports = base.reports;
    }

    private SharedMailbox(SharedMailbox base, ReportSettings reports) {
        this.retention = base.retention;
        this.acknowledgement = base.acknowledgement;
        this.subjectConventions = base.subjectConventions;
        this.rules = base.rules;
        this.address = base.address;
        this.ticketPrefix = base.ticketPrefix;
        this.displayName = base.displayName;
        this.configuredFolders = base.configuredFolders;
        this.members = base.members;
        this.location = base.location;
        this.spoofedFrom = base.spoofedFrom;
        this.reports = Objects.requireNonNull(reports, "reports");
    }

    /** This mailbox with another {@code spoofed-from} policy. */
    public SharedMailbox withSpoofedFrom(SpoofedFromPolicy policy) {
        return new SharedMailbox(this, policy);
    }

    public MailAddress address() {
        return address;
    }

    public TicketPrefix ticketPrefix() {
        return ticketPrefix;
    }

    public Optional<String> displayName() {
        return displayName;
    }

    public List<Member> members() {
        return members;
    }

    public SourceLocation location() {
        return location;
    }

    /** Routing and flagging rules, in order. */
    public Rules rules() {
        return rules;
    }

    /** Ticket tag format, forged tags, outgoing convention and vague subjects of this mailbox. */
    public SubjectConventions subjectConventions() {
        return subjectConventions;
    }

    /** How new tickets are acknowledged; empty when this mailbox sends no acknowledgements. */
    public Optional<AcknowledgementSettings> acknowledgement() {
        return acknowledgement;
    }

    /** Folder policies, holds and schedule of retention; {@link RetentionSettings#NONE} keeps everything. */
    public RetentionSettings retention() {
        return retention;
    }

    /** What the incoming server does with unauthenticated mail claiming this mailbox's address ({@code spoofed-from}). */
    public SpoofedFromPolicy spoofedFrom() {
        return spoofedFrom;
    }

    /** This mailbox with other {@code <reports>} settings. */
    public SharedMailbox withReports(ReportSettings settings) {
        return new SharedMailbox(this, settings);
    }

    /** Its {@code <reports>}: the weekly digest (docs/reports.md). */
    public ReportSettings reports() {
        return reports;
    }

    /** The standard folders first, then those the configuration adds, each once. */
    public Set<FolderName> folders() {
        Set<FolderName> folders = new LinkedHashSet<>(FolderName.STANDARD);
        folders.addAll(configuredFolders);
        return folders;
    }

    public Optional<Member> member(MailAddress candidate) {
        return members.stream().filter(member -> member.address().equals(candidate)).findFirst();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SharedMailbox)) {
            return false;
        }
        SharedMailbox that = (SharedMailbox) o;
        return address.equals(that.address) && ticketPrefix.equals(that.ticketPrefix)
            && displayName.equals(that.displayName) && configuredFolders.equals(that.configuredFolders)
            && members.equals(that.members) && subjectConventions.equals(that.subjectConventions) && rules.equals(that.rules)
            && acknowledgement.equals(that.acknowledgement) && retention.equals(that.retention) && spoofedFrom == that.spoofedFrom
            && reports.equals(that.reports);
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, ticketPrefix, displayName, configuredFolders, members, subjectConventions, rules, acknowledgement, retention,
            spoofedFrom, reports);
    }

    @Override
    public String toString() {
        return address.asString() + " [" + ticketPrefix + "] " + members;
    }
}
