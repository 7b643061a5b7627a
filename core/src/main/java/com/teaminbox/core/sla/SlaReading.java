package com.teaminbox.core.sla;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.teaminbox.core.autoreply.AcknowledgementSettings;
import com.teaminbox.core.autoreply.BusinessHours;
import com.teaminbox.core.config.xml.ConfigurationProblem;
import com.teaminbox.core.config.xml.XmlChecks;
import com.teaminbox.core.config.xml.XmlElement;
import com.teaminbox.core.mailbox.FolderName;
import com.teaminbox.core.mailbox.Member;
import com.teaminbox.core.rules.Rule;
import com.teaminbox.core.rules.RuleAction;
import com.teaminbox.core.rules.Rules;
import com.teaminbox.core.rules.RulesReading;

/**
 * Reads a shared mailbox's {@code <sla>} (docs/sla.md): policies selected by the name of one of
 * its rules, or the default one; targets such as {@code 4h} or {@code 90m} of business time in the
 * acknowledgement's {@code <business-hours>} ({@code calendar="wall-clock"} counts every hour);
 * escalation actions from the rule vocabulary.
 */
public final class SlaReading {
    /** Longer than a quarter of working weeks is a typo, not a target. */
    static final Duration LONGEST_TARGET = Duration.ofHours(500);
    private static final Pattern TARGET = Pattern.compile("([0-9]{1,6})(m|h)");
    private static final Pattern POLICY_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final List<String> ACTIONS = List.of("flag", "keyword", "assign", "notify", "notify-assignee");

    private final XmlChecks checks;
    private final RulesReading actions;

    public SlaReading(List<ConfigurationProblem> problems, List<FolderName> folders, List<Member> members) {
        this.checks = new XmlChecks(problems);
        this.actions = new RulesReading(problems, folders, members);
    }

    public SlaSettings read(XmlElement mailbox, Optional<Rules> rules, Optional<AcknowledgementSettings> acknowledgement) {
        List<XmlElement> sections = XmlChecks.children(mailbox, "sla");
        if (sections.isEmpty()) {
            return SlaSettings.NONE;
        }
        sections.stream().skip(1).forEach(extra -> checks.problem(extra, "appears more than once in this shared mailbox"));
        XmlElement section = sections.get(0);
        BusinessHours calendar = calendar(section, mailbox, acknowledgement);
        int warnAt = section.attribute("warn-at").map(value -> percent(section, value)).orElse(SlaPolicy.DEFAULT_WARN_AT_PERCENT);
        List<SlaPolicy> policies = new ArrayList<>();
        Map<String, XmlElement> names = new HashMap<>();
        Optional<XmlElement> defaultPolicy = Optional.empty();
        for (XmlElement element : XmlChecks.children(section, "policy")) {
            Optional<SlaPolicy> policy = readPolicy(element, warnAt, rules);
            if (policy.isEmpty()) {
                continue;
            }
            XmlElement first = names.putIfAbsent(policy.get().name(), element);
            if (first != null) {
                checks.problem(element, "name '" + policy.get().name() + "' is already used at line " + first.location().line());
                continue;
            }
            if (policy.get().isDefault()) {
                if (defaultPolicy.isPresent()) {
                    checks.problem(element, "is a second default policy (no 'rule'); the default is at line "
                        + defaultPolicy.get().location().line() + "; give this one a rule");
                    continue;
                }
                defaultPolicy = Optional.of(element);
            }
            policies.add(policy.get());
        }
        if (policies.isEmpty() && names.isEmpty()) {
            checks.problem(section, "has no <policy>; add at least one, e.g. <policy name=\"standard\" first-response=\"4h\"/>");
        }
        return new SlaSettings(policies, calendar);
    }

    private BusinessHours calendar(XmlElement section, XmlElement mailbox, Optional<AcknowledgementSettings> acknowledgement) {
        String calendar = section.attribute("calendar").map(String::strip).orElse("business-hours");
        if (calendar.equals("wall-clock")) {
            return BusinessHours.ALWAYS_OPEN;
        }
        if (!calendar.equals("business-hours")) {
            checks.problem(section, "calendar '" + calendar + "' is invalid; accepted: business-hours, wall-clock");
            return BusinessHours.ALWAYS_OPEN;
        }
        boolean declared = XmlChecks.children(mailbox, "acknowledgement").stream()
            .anyMatch(element -> !XmlChecks.children(element, "business-hours").isEmpty());
        if (!declared || acknowledgement.isEmpty()) {
            checks.problem(section, "counts business hours, but this shared mailbox has no <acknowledgement> with <business-hours>;"
                + " declare them, or write calendar=\"wall-clock\"");
            return BusinessHours.ALWAYS_OPEN;
        }
        BusinessHours hours = acknowledgement.get().businessHours();
        if (!hours.opensAtAll()) {
            checks.problem(section, "counts business hours, but <business-hours> has no <day>: the mailbox never opens and no target could ever be met");
        }
        return hours;
    }

    private Optional<SlaPolicy> readPolicy(XmlElement element, int sectionWarnAt, Optional<Rules> rules) {
        int before = checks.problemCount();
        Optional<String> name = checks.required(element, "name").map(String::strip);
        name.filter(value -> !POLICY_NAME.matcher(value).matches())
            .ifPresent(value -> checks.problem(element, "name '" + value + "' is invalid; use letters, digits and _ . -"));
        Optional<String> rule = element.attribute("rule").map(String::strip);
        rule.ifPresent(value -> rules.ifPresent(known -> {
            if (known.rules().stream().noneMatch(candidate -> candidate.name().equals(value))) {
                checks.problem(element, "rule '" + value + "' is not a rule of this shared mailbox; known: "
                    + (known.isEmpty() ? "none (declare it in <rules>)" : known.rules().stream().map(Rule::name).collect(Collectors.joining(", "))));
            }
        }));
        Map<SlaTarget, Duration> targets = new EnumMap<>(SlaTarget.class);
        for (SlaTarget target : SlaTarget.values()) {
            element.attribute(target.wireName()).flatMap(value -> target(element, target, value)).ifPresent(value -> targets.put(target, value));
        }
        if (targets.isEmpty() && element.attributes().keySet().stream().noneMatch(key -> SlaTarget.fromWireName(key).isPresent())) {
            checks.problem(element, "has no target; set at least one of first-response, next-response, resolution (e.g. first-response=\"4h\")");
        }
        int warnAt = element.attribute("warn-at").map(value -> percent(element, value)).orElse(sectionWarnAt);
        List<RuleAction> onWarning = stageActions(element, "on-warning");
        List<RuleAction> onBreach = stageActions(element, "on-breach");
        if (checks.problemCount() > before || name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SlaPolicy(name.get(), rule, targets, warnAt, onWarning, onBreach, element.location()));
    }

    private List<RuleAction> stageActions(XmlElement policy, String stage) {
        List<XmlElement> elements = XmlChecks.children(policy, stage);
        elements.stream().skip(1).forEach(extra -> checks.problem(extra, "appears more than once in this policy"));
        List<RuleAction> result = new ArrayList<>();
        elements.stream().findFirst().ifPresent(element -> {
            for (XmlElement action : element.children()) {
                if (action.name().equals("notify-assignee")) {
                    result.add(new NotifyAssignee());
                } else if (ACTIONS.contains(action.name())) {
                    actions.action(action).ifPresent(result::add);
                }
            }
        });
        return result;
    }

    private Optional<Duration> target(XmlElement element, SlaTarget target, String value) {
        Matcher matcher = TARGET.matcher(value.strip());
        if (!matcher.matches()) {
            checks.problem(element, target.wireName() + " '" + value + "' is invalid; write business minutes or hours such as 90m or 4h");
            return Optional.empty();
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration duration = matcher.group(2).equals("h") ? Duration.ofHours(amount) : Duration.ofMinutes(amount);
        if (duration.isZero() || duration.compareTo(LONGEST_TARGET) > 0) {
            checks.problem(element, target.wireName() + " '" + value + "' is impossible; a target is from 1m to " + LONGEST_TARGET.toHours() + "h");
            return Optional.empty();
        }
        return Optional.of(duration);
    }

    private int percent(XmlElement element, String value) {
        String text = value.strip();
        text = text.endsWith("%") ? text.substring(0, text.length() - 1) : text;
        try {
            int percent = Integer.parseInt(text);
            if (percent >= 1 && percent <= 99) {
                return percent;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        checks.problem(element, "warn-at '" + value + "' is invalid; use a percentage of the target from 1 to 99, such as 80%");
        return SlaPolicy.DEFAULT_WARN_AT_PERCENT;
    }
}
