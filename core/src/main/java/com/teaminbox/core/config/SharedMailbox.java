package com.teaminbox.core.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.apache.james.core.MailAddress;

import com.teaminbox.core.autoreply.AcknowledgementSettings;
import com.teaminbox.core.config.xml.SourceLocation;
import com.teaminbox.core.mailbox.FolderName;
import com.teaminbox.core.mailbox.Member;
import com.teaminbox.core.outgoing.OutgoingCare;
import com.teaminbox.core.reports.ReportSettings;
import com.teaminbox.core.retention.RetentionSettings;
import com.teaminbox.core.rules.Rules;
import com.teaminbox.core.mailbox.SpoofedFromPolicy;
import com.teaminbox.core.sla.SlaSettings;
import com.teaminbox.core.ticket.SubjectConventions;
import com.teaminbox.core.ticket.TicketPrefix;
import com.teaminbox.core.webhooks.WebhookSettings;

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
    // Sections added after the first release: each has a NONE default and a withX copy, so a
    // feature's reader adds its section without another constructor.
    private final SpoofedFromPolicy spoofedFrom;
    private final WebhookSettings webhooks;
    private final OutgoingCare outgoingCare;
    private final SlaSettings sla;
    private final ReportSettings reports;
    /** {@link #hashCode()}, once made (0: not yet). */
    private int hashCode;

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
        this(address, ticketPrefix, displayName, configuredFolders, members, location, subjectConventions, rules, acknowledgement,
            retention, SpoofedFromPolicy.DEFAULT, WebhookSettings.NONE, OutgoingCare.NONE, SlaSettings.NONE,
            ReportSettings.NONE);
    }

    private SharedMailbox(MailAddress address, TicketPrefix ticketPrefix, Optional<String> displayName,
                          List<FolderName> configuredFolders, List<Member> members, SourceLocation location,
                          SubjectConventions subjectConventions, Rules rules, Optional<AcknowledgementSettings> acknowledgement,
                          RetentionSettings retention, SpoofedFromPolicy spoofedFrom, WebhookSettings webhooks, OutgoingCare outgoingCare,
                          SlaSettings sla, ReportSettings reports) {
        this.address = Objects.requireNonNull(address, "address");
        this.ticketPrefix = Objects.requireNonNull(ticketPrefix, "ticketPrefix");
        this.displayName = Objects.requireNonNull(displayName, "displayName");
        this.configuredFolders = List.copyOf(configuredFolders);
        this.members = List.copyOf(members);
        this.location = Objects.requireNonNull(location, "location");
        this.subjectConventions = Objects.requireNonNull(subjectConventions, "subjectConventions");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.acknowledgement = Objects.requireNonNull(acknowledgement, "acknowledgement");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.spoofedFrom = Objects.requireNonNull(spoofedFrom, "spoofedFrom");
        this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
        this.outgoingCare = Objects.requireNonNull(outgoingCare, "outgoingCare");
        this.sla = Objects.requireNonNull(sla, "sla");
        this.reports = Objects.requireNonNull(reports, "reports");
    }

    /** This mailbox with another {@code spoofed-from} policy. */
    public SharedMailbox withSpoofedFrom(SpoofedFromPolicy policy) {
        return new SharedMailbox(address, ticketPrefix, displayName, configuredFolders, members, location, subjectConventions, rules,
            acknowledgement, retention, policy, webhooks, outgoingCare, sla, reports);
    }

    /** This mailbox with other {@code <webhooks>}. */
    public SharedMailbox withWebhooks(WebhookSettings settings) {
        return new SharedMailbox(address, ticketPrefix, displayName, configuredFolders, members, location, subjectConventions, rules,
            acknowledgement, retention, spoofedFrom, settings, outgoingCare, sla, reports);
    }

    /** This mailbox with other data-loss checks and collision guard. */
    public SharedMailbox withOutgoingCare(OutgoingCare care) {
        return new SharedMailbox(address, ticketPrefix, displayName, configuredFolders, members, location, subjectConventions, rules,
            acknowledgement, retention, spoofedFrom, webhooks, care, sla, reports);
    }

    /** This mailbox with other SLA policies ({@code <sla>}). */
    public SharedMailbox withSla(SlaSettings settings) {
        return new SharedMailbox(address, ticketPrefix, displayName, configuredFolders, members, location, subjectConventions, rules,
            acknowledgement, retention, spoofedFrom, webhooks, outgoingCare, settings, reports);
    }

    /** This mailbox with other {@code <reports>} settings. */
    public SharedMailbox withReports(ReportSettings settings) {
        return new SharedMailbox(address, ticketPrefix, displayName, configuredFolders, members, location, subjectConventions, rules,
            acknowledgement, retention, spoofedFrom, webhooks, outgoingCare, sla, settings);
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


    /** Webhook endpoints and their delivery settings; {@link WebhookSettings#NONE} sends none. */
    public WebhookSettings webhooks() {
        return webhooks;
    }

    /** Data-loss checks and collision guard on mail members send as this mailbox; {@link OutgoingCare#NONE} when not configured. */
    public OutgoingCare outgoingCare() {
        return outgoingCare;
    }

    /** Response-time policies and their escalations; {@link SlaSettings#NONE} watches nothing. */
    public SlaSettings sla() {
        return sla;
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
            && webhooks.equals(that.webhooks) && outgoingCare.equals(that.outgoingCare) && sla.equals(that.sla) && reports.equals(that.reports);
    }

    /**
     * Kept once made: the mailets group each mail's recipients in maps keyed by the shared mailbox,
     * and would hash every rule (a thousand in the benchmark) each time. Every field is final.
     */
    @Override
    public int hashCode() {
        int hash = hashCode;
        if (hash == 0) {
            hash = Objects.hash(address, ticketPrefix, displayName, configuredFolders, members, subjectConventions, rules, acknowledgement,
                retention, spoofedFrom, webhooks, outgoingCare, sla, reports);
            hashCode = hash;
        }
        return hash;
    }

    @Override
    public String toString() {
        return address.asString() + " [" + ticketPrefix + "] " + members;
    }
}
