package com.teaminbox.core.sla;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A ticket's life, folded from its facts in time order, whatever order they were stored in and
 * however often one was stored (a retried delivery, a replayed record): the same facts always
 * give the same lifecycle.
 *
 * <ul>
 *   <li>A customer mail on a resolved ticket reopens it; on a pending ticket it resumes the clock.</li>
 *   <li>Each wait for the team is a {@link ResponseCycle}: from the customer mail (the first one
 *       of a row) to the next member reply, or to the resolution. The first is the first-response
 *       cycle, the others next-response cycles.</li>
 *   <li>Each {@link ResolutionCycle} runs from the opening, or a reopening, to {@code $Resolved}.</li>
 * </ul>
 */
public record TicketLifecycle(String ticket, Optional<Instant> opened, Optional<Instant> firstResponse,
                              Optional<Instant> lastCustomerMessage, Optional<Instant> lastMemberReply,
                              Optional<Instant> resolved, Optional<Instant> reopened, boolean pending,
                              List<Pause> pauses, List<ResponseCycle> responseCycles, List<ResolutionCycle> resolutionCycles,
                              Set<String> matchedRules) {
    /** A wait for a member reply: {@code first} for the ticket's first one; {@code end} when answered or resolved. */
    public record ResponseCycle(Instant start, Optional<Instant> end, boolean first) {
        public SlaTarget target() {
            return first ? SlaTarget.FIRST_RESPONSE : SlaTarget.NEXT_RESPONSE;
        }
    }

    /** From the opening or a reopening to the resolution. */
    public record ResolutionCycle(Instant start, Optional<Instant> end) {
    }

    /** Same instant: the order in which things are taken when two facts share a millisecond. */
    private static final Comparator<TicketFact> ORDER = Comparator.comparing(TicketFact::at)
        .thenComparing(fact -> fact.kind().ordinal());

    public boolean isResolved() {
        return resolved.isPresent();
    }

    public static TicketLifecycle fold(String ticket, Collection<TicketFact> facts) {
        Fold fold = new Fold();
        facts.stream().filter(fact -> fact.ticket().equals(ticket)).distinct().sorted(ORDER).forEach(fold::take);
        return fold.result(ticket);
    }

    private static final class Fold {
        private Optional<Instant> opened = Optional.empty();
        private Optional<Instant> firstResponse = Optional.empty();
        private Optional<Instant> lastCustomer = Optional.empty();
        private Optional<Instant> lastMember = Optional.empty();
        private Optional<Instant> resolved = Optional.empty();
        private Optional<Instant> reopened = Optional.empty();
        private Optional<Instant> pendingSince = Optional.empty();
        private Optional<Instant> waitingSince = Optional.empty();
        private Optional<Instant> resolutionStart = Optional.empty();
        private final List<Pause> pauses = new ArrayList<>();
        private final List<ResponseCycle> responses = new ArrayList<>();
        private final List<ResolutionCycle> resolutions = new ArrayList<>();
        private final Set<String> rules = new LinkedHashSet<>();

        void take(TicketFact fact) {
            Instant at = fact.at();
            switch (fact.kind()) {
                case OPENED -> {
                    if (opened.isEmpty()) {
                        opened = Optional.of(at);
                        resolutionStart = resolutionStart.or(() -> Optional.of(at));
                    }
                    customerWrote(at);
                }
                case CUSTOMER_MESSAGE -> customerWrote(at);
                case MEMBER_REPLY -> {
                    firstResponse = firstResponse.or(() -> Optional.of(at));
                    lastMember = Optional.of(at);
                    waitingSince.ifPresent(start -> responses.add(new ResponseCycle(start, Optional.of(at), responses.isEmpty())));
                    waitingSince = Optional.empty();
                }
                case RESOLVED -> {
                    if (resolved.isEmpty()) {
                        resolved = Optional.of(at);
                        waitingSince.ifPresent(start -> responses.add(new ResponseCycle(start, Optional.of(at), responses.isEmpty())));
                        waitingSince = Optional.empty();
                        resolutionStart.ifPresent(start -> resolutions.add(new ResolutionCycle(start, Optional.of(at))));
                        resolutionStart = Optional.empty();
                        resume(at);
                    }
                }
                case REOPENED -> reopen(at);
                case PENDING -> pendingSince = pendingSince.or(() -> Optional.of(at));
                case RESUMED -> resume(at);
                case RULE_MATCHED -> rules.add(fact.detail());
                default -> throw new IllegalStateException("unknown fact " + fact.kind());
            }
        }

        private void customerWrote(Instant at) {
            lastCustomer = Optional.of(at);
            if (resolved.isPresent()) {
                reopen(at);
            }
            resume(at);
            waitingSince = waitingSince.or(() -> Optional.of(at));
        }

        private void reopen(Instant at) {
            if (resolved.isPresent()) {
                resolved = Optional.empty();
                reopened = Optional.of(at);
                resolutionStart = Optional.of(at);
            }
        }

        private void resume(Instant at) {
            pendingSince.ifPresent(since -> pauses.add(Pause.between(since, at)));
            pendingSince = Optional.empty();
        }

        TicketLifecycle result(String ticket) {
            List<Pause> allPauses = new ArrayList<>(pauses);
            pendingSince.ifPresent(since -> allPauses.add(Pause.since(since)));
            List<ResponseCycle> allResponses = new ArrayList<>(responses);
            waitingSince.ifPresent(start -> allResponses.add(new ResponseCycle(start, Optional.empty(), responses.isEmpty())));
            List<ResolutionCycle> allResolutions = new ArrayList<>(resolutions);
            resolutionStart.ifPresent(start -> allResolutions.add(new ResolutionCycle(start, Optional.empty())));
            return new TicketLifecycle(ticket, opened, firstResponse, lastCustomer, lastMember, resolved, reopened,
                pendingSince.isPresent(), List.copyOf(allPauses), List.copyOf(allResponses), List.copyOf(allResolutions), Set.copyOf(rules));
        }
    }
}
