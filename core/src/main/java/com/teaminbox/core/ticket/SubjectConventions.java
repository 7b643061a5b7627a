package com.teaminbox.core.ticket;

import java.util.Objects;
import java.util.Optional;

/** Everything a shared mailbox says about subjects: tag format, forged tags, outgoing convention, vague subjects. */
public final class SubjectConventions {
    public static final SubjectConventions DEFAULT = new SubjectConventions(
        TicketTagFormat.DEFAULT, ForgedTagPolicy.KEEP, Optional.empty(), VagueSubjects.DEFAULT);

    private final TicketTagFormat tagFormat;
    private final ForgedTagPolicy forgedTagPolicy;
    private final Optional<OutgoingConvention> outgoing;
    private final VagueSubjects vagueSubjects;

    public SubjectConventions(TicketTagFormat tagFormat, ForgedTagPolicy forgedTagPolicy,
                              Optional<OutgoingConvention> outgoing, VagueSubjects vagueSubjects) {
        this.tagFormat = Objects.requireNonNull(tagFormat, "tagFormat");
        this.forgedTagPolicy = Objects.requireNonNull(forgedTagPolicy, "forgedTagPolicy");
        this.outgoing = Objects.requireNonNull(outgoing, "outgoing");
        this.vagueSubjects = Objects.requireNonNull(vagueSubjects, "vagueSubjects");
    }

    public TicketTagFormat tagFormat() {
        return tagFormat;
    }

    public ForgedTagPolicy forgedTagPolicy() {
        return forgedTagPolicy;
    }

    /** Empty: outgoing subjects are not checked. */
    public Optional<OutgoingConvention> outgoing() {
        return outgoing;
    }

    public VagueSubjects vagueSubjects() {
        return vagueSubjects;
    }

    public TicketThreading threading(TicketPrefix prefix) {
        return new TicketThreading(prefix, tagFormat, forgedTagPolicy);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SubjectConventions)) {
            return false;
        }
        SubjectConventions that = (SubjectConventions) o;
        return tagFormat.equals(that.tagFormat) && forgedTagPolicy == that.forgedTagPolicy
            && outgoing.equals(that.outgoing) && vagueSubjects.equals(that.vagueSubjects);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tagFormat, forgedTagPolicy, outgoing, vagueSubjects);
    }
}
