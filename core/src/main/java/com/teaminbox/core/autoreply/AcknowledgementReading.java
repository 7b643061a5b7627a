package com.teaminbox.core.autoreply;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.teaminbox.core.config.xml.ConfigurationProblem;
import com.teaminbox.core.config.xml.SourceLocation;
import com.teaminbox.core.config.xml.TemplateFiles;
import com.teaminbox.core.config.xml.XmlChecks;
import com.teaminbox.core.config.xml.XmlElement;

/**
 * Reads one {@code <acknowledgement>} of a shared mailbox, strictly, adding each problem to the
 * parser's list. Template files are read and checked here, so that a template with an unknown
 * variable refuses the configuration with the template's own file and line.
 * <pre>{@code
 * <acknowledgement display-name="Example Support" per-sender-daily-cap="10" response-time="1 business day" language="en">
 *   <business-hours time-zone="Europe/Paris">
 *     <day name="monday" open="09:00" close="18:00"/>
 *     <holiday date="2026-12-25"/>
 *   </business-hours>
 *   <template kind="ack" language="en" text="acks/support-en.txt" html="acks/support-en.html"/>
 *   <template kind="out-of-hours" language="en" text="acks/support-ooh-en.txt" incoming-text="verbatim"/>
 * </acknowledgement>
 * }</pre>
 */
public final class AcknowledgementReading {
    static final int MAX_DAILY_CAP = 1000;
    private static final int MAX_TEXT_ATTRIBUTE_LENGTH = 100;
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,8}(-[a-z0-9]{1,8})*");
    private static final Pattern TIME = Pattern.compile("\\d{2}:\\d{2}");

    private final TemplateFiles templateFiles;
    private final List<ConfigurationProblem> problems;
    private final XmlChecks checks;

    public AcknowledgementReading(TemplateFiles templateFiles, List<ConfigurationProblem> problems) {
        this.templateFiles = templateFiles;
        this.problems = problems;
        this.checks = new XmlChecks(problems);
    }

    public Optional<AcknowledgementSettings> read(XmlElement element) {
        int before = problems.size();
        Optional<String> displayName = element.attribute("display-name").map(String::strip).filter(name -> !name.isEmpty());
        displayName.filter(AcknowledgementReading::isUnsafeText).ifPresent(name -> checks.problem(element,
            "display-name is longer than " + MAX_TEXT_ATTRIBUTE_LENGTH + " characters or contains control characters"));
        int cap = readCap(element);
        String responseTime = element.attribute("response-time").map(String::strip)
            .orElse(AcknowledgementSettings.DEFAULT_RESPONSE_TIME);
        if (isUnsafeText(responseTime)) {
            checks.problem(element, "response-time is longer than " + MAX_TEXT_ATTRIBUTE_LENGTH + " characters or contains control characters");
        }
        String language = element.attribute("language").map(value -> value.strip().toLowerCase(Locale.ROOT))
            .orElse(AcknowledgementSettings.DEFAULT_LANGUAGE);
        if (!LANGUAGE.matcher(language).matches()) {
            checks.problem(element, "language '" + language + "' is not a language tag such as en or fr-CA");
        }
        List<XmlElement> hoursElements = XmlChecks.children(element, "business-hours");
        hoursElements.stream().skip(1).forEach(extra -> checks.problem(extra, "appears more than once in this acknowledgement"));
        BusinessHours hours = hoursElements.stream().findFirst().map(this::readBusinessHours).orElse(BusinessHours.ALWAYS_OPEN);
        List<ResponseTemplate> templates = readTemplates(element, language);
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new AcknowledgementSettings(displayName, cap, responseTime, language, hours, templates));
    }

    private int readCap(XmlElement element) {
        Optional<String> value = element.attribute("per-sender-daily-cap").map(String::strip);
        if (value.isEmpty()) {
            return AcknowledgementSettings.DEFAULT_PER_SENDER_DAILY_CAP;
        }
        try {
            int cap = Integer.parseInt(value.get());
            if (cap >= 1 && cap <= MAX_DAILY_CAP) {
                return cap;
            }
        } catch (NumberFormatException e) {
            // Reported below with the accepted range.
        }
        checks.problem(element, "per-sender-daily-cap '" + value.get() + "' is invalid; use a whole number from 1 to " + MAX_DAILY_CAP);
        return AcknowledgementSettings.DEFAULT_PER_SENDER_DAILY_CAP;
    }

    private BusinessHours readBusinessHours(XmlElement element) {
        ZoneId zone = checks.required(element, "time-zone").flatMap(value -> {
            try {
                return Optional.of(ZoneId.of(value.strip()));
            } catch (DateTimeException e) {
                checks.problem(element, "time-zone '" + value + "' is not a time zone; use a region such as Europe/Paris");
                return Optional.empty();
            }
        }).orElse(ZoneId.of("UTC"));
        Map<DayOfWeek, BusinessHours.OpeningSpan> week = new EnumMap<>(DayOfWeek.class);
        for (XmlElement day : XmlChecks.children(element, "day")) {
            Optional<DayOfWeek> name = checks.required(day, "name").flatMap(value -> dayOfWeek(day, value));
            Optional<LocalTime> open = checks.required(day, "open").flatMap(value -> time(day, "open", value));
            Optional<LocalTime> close = checks.required(day, "close").flatMap(value -> time(day, "close", value));
            if (name.isEmpty() || open.isEmpty() || close.isEmpty()) {
                continue;
            }
            if (week.containsKey(name.get())) {
                checks.problem(day, "name '" + name.get().name().toLowerCase(Locale.ROOT) + "' is declared twice; one span per day");
                continue;
            }
            try {
                week.put(name.get(), new BusinessHours.OpeningSpan(open.get(), close.get()));
            } catch (IllegalArgumentException e) {
                checks.problem(day, e.getMessage());
            }
        }
        Set<LocalDate> holidays = new LinkedHashSet<>();
        for (XmlElement holiday : XmlChecks.children(element, "holiday")) {
            checks.required(holiday, "date").ifPresent(value -> {
                try {
                    holidays.add(LocalDate.parse(value.strip()));
                } catch (DateTimeParseException e) {
                    checks.problem(holiday, "date '" + value + "' is not a date; use YYYY-MM-DD such as 2026-12-25");
                }
            });
        }
        return new BusinessHours(zone, week, holidays);
    }

    private Optional<DayOfWeek> dayOfWeek(XmlElement element, String value) {
        try {
            return Optional.of(DayOfWeek.valueOf(value.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            checks.problem(element, "name '" + value + "' is not a day; accepted: monday, tuesday, wednesday, thursday, friday, saturday, sunday");
            return Optional.empty();
        }
    }

    private Optional<LocalTime> time(XmlElement element, String attribute, String value) {
        String text = value.strip();
        if (text.equals("24:00")) {
            return Optional.of(LocalTime.MAX);
        }
        try {
            if (TIME.matcher(text).matches()) {
                return Optional.of(LocalTime.parse(text));
            }
        } catch (DateTimeParseException e) {
            // Reported below with the accepted format.
        }
        checks.problem(element, attribute + " '" + value + "' is not a time; use HH:MM from 00:00 to 24:00");
        return Optional.empty();
    }

    private List<ResponseTemplate> readTemplates(XmlElement acknowledgement, String defaultLanguage) {
        List<ResponseTemplate> templates = new ArrayList<>();
        Map<String, XmlElement> seen = new HashMap<>();
        for (XmlElement element : XmlChecks.children(acknowledgement, "template")) {
            Optional<String> kind = checks.required(element, "kind").map(String::strip);
            kind.filter(value -> !KIND.matcher(value).matches()).ifPresent(value -> checks.problem(element,
                "kind '" + value + "' is invalid; use ack, out-of-hours, or a name of lower-case letters, digits and '-'"));
            String language = element.attribute("language").map(value -> value.strip().toLowerCase(Locale.ROOT)).orElse(defaultLanguage);
            if (!LANGUAGE.matcher(language).matches()) {
                checks.problem(element, "language '" + language + "' is not a language tag such as en or fr-CA");
            }
            Optional<Template> text = checks.required(element, "text").flatMap(path -> template(element, path));
            Optional<Template> html = element.attribute("html").flatMap(path -> template(element, path));
            Optional<IncomingText> incomingText = incomingText(element);
            if (kind.isEmpty() || text.isEmpty() || (element.attribute("html").isPresent() && html.isEmpty()) || incomingText.isEmpty()) {
                continue;
            }
            XmlElement first = seen.putIfAbsent(kind.get() + "/" + language, element);
            if (first != null) {
                checks.problem(element, "kind '" + kind.get() + "' in language '" + language + "' is already declared at line "
                    + first.location().line());
                continue;
            }
            templates.add(new ResponseTemplate(kind.get(), language, text.get(), html, incomingText.get()));
        }
        Set<String> kinds = templates.stream().map(ResponseTemplate::kind).collect(Collectors.toCollection(LinkedHashSet::new));
        boolean ackDeclared = XmlChecks.children(acknowledgement, "template").stream()
            .anyMatch(element -> element.attribute("kind").map(String::strip).equals(Optional.of(ResponseTemplate.ACK)));
        if (!ackDeclared) {
            checks.problem(acknowledgement, "has no <template kind=\"ack\">; it is sent for every new ticket");
        }
        // An invalid default language is reported once, on <acknowledgement>, not once per kind.
        for (String kind : LANGUAGE.matcher(defaultLanguage).matches() ? kinds : Set.<String>of()) {
            boolean hasDefault = templates.stream().anyMatch(template -> template.kind().equals(kind)
                && template.language().equals(defaultLanguage));
            if (!hasDefault) {
                checks.problem(acknowledgement, "template kind '" + kind + "' has no variant in the default language '" + defaultLanguage
                    + "'; add one or change language=");
            }
        }
        return templates;
    }

    /** {@code incoming-text}, {@code defanged} unless the template opts in to the customer's text verbatim. */
    private Optional<IncomingText> incomingText(XmlElement element) {
        Optional<String> value = element.attribute("incoming-text").map(String::strip);
        if (value.isEmpty()) {
            return Optional.of(IncomingText.DEFANGED);
        }
        Optional<IncomingText> parsed = IncomingText.fromXmlName(value.get());
        if (parsed.isEmpty()) {
            checks.problem(element, "incoming-text '" + value.get() + "' is invalid; accepted: " + IncomingText.acceptedNames());
        }
        return parsed;
    }

    private Optional<Template> template(XmlElement element, String path) {
        String relativePath = path.strip();
        String source;
        try {
            source = templateFiles.read(relativePath);
        } catch (IOException | RuntimeException e) {
            checks.problem(element, "template '" + relativePath + "' cannot be read: " + e.getMessage());
            return Optional.empty();
        }
        try {
            return Optional.of(Template.parse(source, relativePath));
        } catch (TemplateException e) {
            problems.add(SourceLocation.of(e.file(), e.line(), "template").problem(e.reason()
                + " (referenced at " + element.location().file() + ":" + element.location().line() + ")"));
            return Optional.empty();
        }
    }

    private static boolean isUnsafeText(String text) {
        return text.length() > MAX_TEXT_ATTRIBUTE_LENGTH || text.chars().anyMatch(Character::isISOControl);
    }
}
