package com.teaminbox.core.reports;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.autoreply.BusinessHours;
import com.teaminbox.core.sla.SlaTarget;

/**
 * Computes a shared mailbox's {@link TicketReport} from its audit history, and from nothing else:
 * the trail is the one account of what happened to each ticket (docs/reports.md defines each
 * figure). Pure: the same history, period, calendar and {@code now} give the same report.
 *
 * <p>The history must reach back to the opening of every ticket the period touches (a ticket
 * whose {@code ticket-created} is missing is left out), and may hold other mailboxes' records,
 * which are ignored. Read from the history:
 * <ul>
 * <li>{@code mail-received}: mails in; {@code ticket-created}: a new ticket, opened then;
 * <li>{@code send-accepted} by a member with a ticket: a reply; the first one after the opening is
 *     the ticket's first response, measured from the opening;
 * <li>{@code ticket-resolved}: a resolution, measured from the opening, credited to the member who
 *     resolved; {@code ticket-reopened} and {@code ticket-pending} ({@code pending}/{@code resumed}):
 *     the backlog's states;
 * <li>{@code sla-warning} and {@code sla-breached} with their {@code target}: SLA outcomes, and overdue
 *     tickets until a reply (response targets) or the resolution meets the target.
 * </ul>
 * Durations are wall clock and business hours ({@link BusinessTime}); neither leaves out time
 * spent pending, as both say what the customer lived through (the SLA clock that does stop is
 * the SLA feature's, and its breaches are counted here).
 */
public final class TicketReports {
    private final String sharedMailbox;
    private final BusinessTime businessTime;
    private final List<Instant> mailsIn = new ArrayList<>();
    private final List<Instant> newTickets = new ArrayList<>();
    private final List<Milestone> replies = new ArrayList<>();
    private final List<Milestone> firstResponses = new ArrayList<>();
    private final List<Milestone> resolutions = new ArrayList<>();
    private final List<SlaStage> slaStages = new ArrayList<>();
    private final Map<String, List<TimedEvent>> tickets = new LinkedHashMap<>();

    private TicketReports(String sharedMailbox, BusinessHours hours) {
        this.sharedMailbox = sharedMailbox;
        this.businessTime = new BusinessTime(hours);
    }

    /**
     * The report of {@code sharedMailbox} over {@code period}, as known at {@code now} (later
     * records are not read): a period that ends later shows its backlog as of now, and its days
     * after now are empty.
     */
    public static TicketReport compute(String sharedMailbox, List<TimedEvent> history, ReportPeriod period, BusinessHours hours,
                                       Instant now) {
        TicketReports reports = new TicketReports(sharedMailbox, hours);
        history.stream()
            .filter(timed -> timed.event().sharedMailbox().filter(sharedMailbox::equalsIgnoreCase).isPresent())
            .filter(timed -> !timed.at().isAfter(now))
            .sorted(Comparator.comparing(TimedEvent::at))
            .forEach(reports::read);
        reports.measure();
        return reports.report(period, now);
    }

    private void read(TimedEvent timed) {
        AuditEvent event = timed.event();
        switch (event.type()) {
            case MAIL_RECEIVED -> mailsIn.add(timed.at());
            case TICKET_CREATED -> newTickets.add(timed.at());
            case SLA_WARNING, SLA_BREACHED -> target(event).ifPresent(target ->
                slaStages.add(new SlaStage(timed.at(), target, event.type() == AuditEventType.SLA_BREACHED)));
            default -> {
                // read below, per ticket
            }
        }
        if (isTicketEvent(event.type())) {
            event.ticket().ifPresent(ticket -> tickets.computeIfAbsent(ticket, any -> new ArrayList<>()).add(timed));
        }
    }

    private static boolean isTicketEvent(AuditEventType type) {
        return switch (type) {
            case TICKET_CREATED, SEND_ACCEPTED, TICKET_RESOLVED, TICKET_REOPENED, TICKET_PENDING, SLA_BREACHED -> true;
            default -> false;
        };
    }

    private static Optional<SlaTarget> target(AuditEvent event) {
        return Optional.ofNullable(event.details().get("target")).flatMap(SlaTarget::fromWireName);
    }

    private static boolean isMemberReply(AuditEvent event) {
        return event.type() == AuditEventType.SEND_ACCEPTED && event.actor().kind() == AuditActor.Kind.MEMBER;
    }

    /** Replies, first responses and resolutions of every ticket whose opening is in the history. */
    private void measure() {
        tickets.forEach((ticket, events) -> {
            Optional<Instant> opened = opened(events);
            if (opened.isEmpty()) {
                return;
            }
            boolean answered = false;
            for (TimedEvent timed : events) {
                AuditEvent event = timed.event();
                if (timed.at().isBefore(opened.get())) {
                    continue;
                }
                if (isMemberReply(event)) {
                    Milestone reply = milestone(timed, opened.get(), events, SlaTarget.FIRST_RESPONSE);
                    replies.add(reply);
                    if (!answered) {
                        firstResponses.add(reply);
                        answered = true;
                    }
                } else if (event.type() == AuditEventType.TICKET_RESOLVED) {
                    resolutions.add(milestone(timed, opened.get(), events, SlaTarget.RESOLUTION));
                }
            }
        });
    }

    private static Optional<Instant> opened(List<TimedEvent> events) {
        return events.stream().filter(timed -> timed.event().type() == AuditEventType.TICKET_CREATED).map(TimedEvent::at).findFirst();
    }

    private Milestone milestone(TimedEvent timed, Instant opened, List<TimedEvent> events, SlaTarget target) {
        boolean breachedBefore = events.stream().anyMatch(other -> other.event().type() == AuditEventType.SLA_BREACHED
            && !other.at().isAfter(timed.at()) && target(other.event()).filter(target::equals).isPresent());
        String member = timed.event().actor().kind() == AuditActor.Kind.MEMBER ? timed.event().actor().name() : "";
        return new Milestone(timed.at(), member, Duration.between(opened, timed.at()), businessTime.between(opened, timed.at()),
            breachedBefore);
    }

    private TicketReport report(ReportPeriod period, Instant now) {
        // Backlogs replay the records before an instant; "now" includes the records of its own
        // millisecond (the trail's precision), such as a ticket opened as the report is asked for.
        Instant afterNow = now.plusMillis(1);
        Figures total = figures(period.start(), period.end(), earlier(period.end(), afterNow));
        List<DayFigures> days = new ArrayList<>();
        for (LocalDate day : period.days()) {
            Instant end = period.endOf(day);
            days.add(new DayFigures(day, figures(period.startOf(day), end, earlier(end, afterNow))));
        }
        return new TicketReport(sharedMailbox, period, earlier(period.end(), now), total, days, members(period),
            overdue(earlier(period.end(), afterNow)));
    }

    private static Instant earlier(Instant one, Instant other) {
        return one.isBefore(other) ? one : other;
    }

    private Figures figures(Instant from, Instant to, Instant backlogAt) {
        Predicate<Instant> within = at -> !at.isBefore(from) && at.isBefore(to);
        List<Milestone> responded = firstResponses.stream().filter(reply -> within.test(reply.at())).toList();
        List<Milestone> resolved = resolutions.stream().filter(resolution -> within.test(resolution.at())).toList();
        Map<SlaTarget, SlaCounts> sla = new EnumMap<>(SlaTarget.class);
        for (SlaTarget target : SlaTarget.values()) {
            Optional<Integer> met = switch (target) {
                case FIRST_RESPONSE -> Optional.of((int) responded.stream().filter(reply -> !reply.breachedBefore()).count());
                case RESOLUTION -> Optional.of((int) resolved.stream().filter(resolution -> !resolution.breachedBefore()).count());
                case NEXT_RESPONSE -> Optional.empty();
            };
            int warned = (int) slaStages.stream().filter(stage -> stage.target() == target && !stage.breached() && within.test(stage.at())).count();
            int breached = (int) slaStages.stream().filter(stage -> stage.target() == target && stage.breached() && within.test(stage.at())).count();
            sla.put(target, new SlaCounts(met, warned, breached));
        }
        return new Figures((int) mailsIn.stream().filter(within).count(), (int) newTickets.stream().filter(within).count(),
            (int) replies.stream().filter(reply -> within.test(reply.at())).count(), times(responded), times(resolved), sla,
            backlog(backlogAt));
    }

    private static ResponseTimes times(List<Milestone> milestones) {
        return new ResponseTimes(DurationStats.of(milestones.stream().map(Milestone::wallClock).toList()),
            DurationStats.of(milestones.stream().map(Milestone::businessHours).toList()));
    }

    private List<MemberFigures> members(ReportPeriod period) {
        TreeSet<String> names = new TreeSet<>();
        replies.stream().filter(reply -> period.contains(reply.at())).map(Milestone::member).forEach(names::add);
        resolutions.stream().filter(resolution -> period.contains(resolution.at())).map(Milestone::member).forEach(names::add);
        names.remove("");
        List<MemberFigures> members = new ArrayList<>();
        for (String name : names) {
            Predicate<Milestone> hers = milestone -> milestone.member().equals(name) && period.contains(milestone.at());
            members.add(new MemberFigures(name, (int) replies.stream().filter(hers).count(),
                times(firstResponses.stream().filter(hers).toList()), times(resolutions.stream().filter(hers).toList())));
        }
        return members;
    }

    private Backlog backlog(Instant at) {
        int open = 0;
        int pending = 0;
        int overdue = 0;
        for (List<TimedEvent> events : tickets.values()) {
            TicketState state = TicketState.at(events, at);
            if (state.isOpen()) {
                open++;
            } else if (state.isPending()) {
                pending++;
            }
            if (state.isOverdue()) {
                overdue++;
            }
        }
        return new Backlog(open, pending, overdue);
    }

    private List<OverdueTicket> overdue(Instant at) {
        List<OverdueTicket> overdue = new ArrayList<>();
        tickets.forEach((ticket, events) -> {
            TicketState state = TicketState.at(events, at);
            state.firstUncuredBreach().ifPresent(breach -> overdue.add(new OverdueTicket(ticket, state.opened().orElseThrow(),
                target(breach.event()).orElseThrow(), breach.at(), Optional.ofNullable(breach.event().details().get("due")),
                Optional.ofNullable(breach.event().details().get("policy")), state.isPending())));
        });
        overdue.sort(Comparator.comparing(OverdueTicket::breachedAt).thenComparing(OverdueTicket::ticket));
        return overdue;
    }

    /** A reply or resolution: when, by whom ("" when not a member), how long after the opening, and whether its target was already breached. */
    private record Milestone(Instant at, String member, Duration wallClock, Duration businessHours, boolean breachedBefore) {
    }

    private record SlaStage(Instant at, SlaTarget target, boolean breached) {
    }

    /** One ticket replayed up to an instant (exclusive): the backlog's view of it. */
    private static final class TicketState {
        private enum Status { NOT_OPENED, OPEN, PENDING, RESOLVED }

        private Status status = Status.NOT_OPENED;
        private Optional<Instant> opened = Optional.empty();
        private final Map<SlaTarget, TimedEvent> uncured = new TreeMap<>();

        static TicketState at(List<TimedEvent> events, Instant at) {
            TicketState state = new TicketState();
            for (TimedEvent timed : events) {
                if (!timed.at().isBefore(at)) {
                    break;
                }
                state.apply(timed);
            }
            return state;
        }

        private void apply(TimedEvent timed) {
            AuditEvent event = timed.event();
            if (event.type() == AuditEventType.TICKET_CREATED && status == Status.NOT_OPENED) {
                status = Status.OPEN;
                opened = Optional.of(timed.at());
            }
            if (status == Status.NOT_OPENED) {
                return;
            }
            switch (event.type()) {
                case TICKET_RESOLVED -> {
                    status = Status.RESOLVED;
                    uncured.clear();
                }
                case TICKET_REOPENED -> status = Status.OPEN;
                case TICKET_PENDING -> {
                    if (event.decision().equals("pending") && status == Status.OPEN) {
                        status = Status.PENDING;
                    } else if (event.decision().equals("resumed") && status == Status.PENDING) {
                        status = Status.OPEN;
                    }
                }
                case SEND_ACCEPTED -> {
                    if (isMemberReply(event)) {
                        uncured.remove(SlaTarget.FIRST_RESPONSE);
                        uncured.remove(SlaTarget.NEXT_RESPONSE);
                    }
                }
                case SLA_BREACHED -> target(event).filter(any -> status != Status.RESOLVED)
                    .ifPresent(target -> uncured.putIfAbsent(target, timed));
                default -> {
                    // other records do not change the backlog
                }
            }
        }

        Optional<Instant> opened() {
            return opened;
        }

        boolean isOpen() {
            return status == Status.OPEN;
        }

        boolean isPending() {
            return status == Status.PENDING;
        }

        boolean isOverdue() {
            return (isOpen() || isPending()) && !uncured.isEmpty();
        }

        Optional<TimedEvent> firstUncuredBreach() {
            if (!isOverdue()) {
                return Optional.empty();
            }
            return uncured.values().stream().min(Comparator.comparing(TimedEvent::at));
        }
    }
}
