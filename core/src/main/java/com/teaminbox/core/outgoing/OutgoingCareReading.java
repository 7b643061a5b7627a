package com.teaminbox.core.outgoing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.teaminbox.core.config.xml.ConfigurationProblem;
import com.teaminbox.core.config.xml.XmlChecks;
import com.teaminbox.core.config.xml.XmlElement;

/**
 * Reads a shared mailbox's {@code <data-loss>} and {@code <collision-guard>} (docs/outgoing.md):
 * <pre>{@code
 * <data-loss skip-quoted="true" hold-repository="file://var/mail/held/">
 *   <card-numbers action="refuse"/>
 *   <ibans action="hold"/>
 *   <pattern name="internal-host" action="flag" regex="[a-z0-9-]+\.corp\.example\.test" case="insensitive"/>
 * </data-loss>
 * <collision-guard mode="refuse" answer="permanent" resend-window="10m"/>
 * }</pre>
 * A pattern that is not linear (see {@link LinearPattern}) is refused here, with its line.
 */
public final class OutgoingCareReading {
    private static final Pattern DETECTOR_NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final Pattern WINDOW = Pattern.compile("([0-9]{1,5})([smhd])");
    private static final Pattern REPOSITORY_URL = Pattern.compile("[a-z][a-z0-9+.-]*://[A-Za-z0-9/._-]+");

    private final XmlChecks checks;

    public OutgoingCareReading(List<ConfigurationProblem> problems) {
        this.checks = new XmlChecks(problems);
    }

    /** Empty when a problem was recorded. */
    public Optional<OutgoingCare> read(XmlElement mailbox) {
        int before = checks.problemCount();
        DataLossSettings dataLoss = single(mailbox, "data-loss").map(this::readDataLoss).orElse(DataLossSettings.NONE);
        Optional<CollisionGuardSettings> guard = single(mailbox, "collision-guard").map(this::readCollisionGuard);
        if (checks.problemCount() > before) {
            return Optional.empty();
        }
        return Optional.of(new OutgoingCare(dataLoss, guard));
    }

    private Optional<XmlElement> single(XmlElement mailbox, String name) {
        List<XmlElement> sections = XmlChecks.children(mailbox, name);
        sections.stream().skip(1).forEach(extra -> checks.problem(extra, "appears more than once in this shared mailbox"));
        return sections.stream().findFirst();
    }

    private DataLossSettings readDataLoss(XmlElement section) {
        boolean skipQuoted = bool(section, "skip-quoted", true);
        String repository = section.attribute("hold-repository").map(String::strip).orElse(DataLossSettings.DEFAULT_HOLD_REPOSITORY);
        if (!REPOSITORY_URL.matcher(repository).matches()) {
            checks.problem(section, "hold-repository '" + repository + "' is not a mail repository URL such as "
                + DataLossSettings.DEFAULT_HOLD_REPOSITORY);
        }
        List<DataLossDetector> detectors = new ArrayList<>();
        Map<String, XmlElement> names = new HashMap<>();
        for (XmlElement element : section.children()) {
            Optional<DataLossDetector> detector = switch (element.name()) {
                case "card-numbers" -> builtIn(element).map(DataLossDetector::cardNumbers);
                case "ibans" -> builtIn(element).map(DataLossDetector::ibans);
                case "pattern" -> pattern(element);
                default -> Optional.empty();
            };
            detector.ifPresent(found -> {
                XmlElement first = names.putIfAbsent(found.name(), element);
                if (first != null) {
                    checks.problem(element, "detector '" + found.name() + "' is already declared at line " + first.location().line());
                } else {
                    detectors.add(found);
                }
            });
        }
        if (detectors.isEmpty()) {
            checks.problem(section, "has no detector; add <card-numbers/>, <ibans/> or <pattern/>, or remove <data-loss>");
        }
        return new DataLossSettings(detectors, skipQuoted, repository);
    }

    private Optional<DataLossAction> builtIn(XmlElement element) {
        return action(element);
    }

    private Optional<DataLossAction> action(XmlElement element) {
        return checks.required(element, "action").map(String::strip).flatMap(value -> {
            Optional<DataLossAction> action = DataLossAction.fromXmlName(value);
            if (action.isEmpty()) {
                checks.problem(element, "action '" + value + "' is invalid; accepted: " + DataLossAction.acceptedXmlNames());
            }
            return action;
        });
    }

    private Optional<DataLossDetector> pattern(XmlElement element) {
        Optional<String> name = checks.required(element, "name").map(String::strip);
        name.filter(value -> !DETECTOR_NAME.matcher(value).matches()).ifPresent(value -> checks.problem(element,
            "name '" + value + "' is invalid; use lower-case letters, digits and '-', starting with a letter (it is shown to senders)"));
        name.filter(value -> value.equals("card-numbers") || value.equals("ibans")).ifPresent(value -> checks.problem(element,
            "name '" + value + "' is a built-in detector; choose another name"));
        Optional<DataLossAction> action = action(element);
        String letterCase = element.attribute("case").map(String::strip).orElse("sensitive");
        if (!letterCase.equals("sensitive") && !letterCase.equals("insensitive")) {
            checks.problem(element, "case '" + letterCase + "' is invalid; accepted: sensitive, insensitive");
        }
        Optional<LinearPattern> pattern = checks.required(element, "regex").flatMap(regex -> {
            try {
                return Optional.of(LinearPattern.compile(regex, letterCase.equals("insensitive")));
            } catch (IllegalArgumentException e) {
                checks.problem(element, "regex '" + shortened(regex) + "' is refused: it " + e.getMessage());
                return Optional.empty();
            }
        });
        if (name.isEmpty() || action.isEmpty() || pattern.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(DataLossDetector.pattern(name.get(), pattern.get(), action.get()));
    }

    private CollisionGuardSettings readCollisionGuard(XmlElement element) {
        String modeValue = element.attribute("mode").map(String::strip).orElse("refuse");
        CollisionGuardSettings.Mode mode = CollisionGuardSettings.Mode.fromXmlName(modeValue).orElseGet(() -> {
            checks.problem(element, "mode '" + modeValue + "' is invalid; accepted: " + CollisionGuardSettings.Mode.acceptedXmlNames());
            return CollisionGuardSettings.Mode.REFUSE;
        });
        String answerValue = element.attribute("answer").map(String::strip).orElse("permanent");
        CollisionGuardSettings.Answer answer = CollisionGuardSettings.Answer.fromXmlName(answerValue).orElseGet(() -> {
            checks.problem(element, "answer '" + answerValue + "' is invalid; accepted: "
                + CollisionGuardSettings.Answer.acceptedXmlNames());
            return CollisionGuardSettings.Answer.PERMANENT;
        });
        Duration window = element.attribute("resend-window").map(String::strip).flatMap(value -> window(element, value))
            .orElse(CollisionGuardSettings.DEFAULT_RESEND_WINDOW);
        return new CollisionGuardSettings(mode, answer, window);
    }

    private Optional<Duration> window(XmlElement element, String value) {
        Matcher matcher = WINDOW.matcher(value);
        if (!matcher.matches()) {
            checks.problem(element, "resend-window '" + value + "' is invalid; write a number and a unit: 30s, 10m, 2h, 1d");
            return Optional.empty();
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration window = switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        if (window.isZero() || window.compareTo(CollisionGuardSettings.LONGEST_RESEND_WINDOW) > 0) {
            checks.problem(element, "resend-window '" + value + "' is out of range; between 1s and 1d");
            return Optional.empty();
        }
        return Optional.of(window);
    }

    private boolean bool(XmlElement element, String attribute, boolean byDefault) {
        Optional<String> value = element.attribute(attribute).map(String::strip);
        if (value.isEmpty()) {
            return byDefault;
        }
        if (value.get().equals("true") || value.get().equals("false")) {
            return Boolean.parseBoolean(value.get());
        }
        checks.problem(element, attribute + " '" + value.get() + "' is invalid; accepted: true, false");
        return byDefault;
    }

    private static String shortened(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }
}
