package com.teaminbox.core.reports;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.james.core.MailAddress;

import com.teaminbox.core.config.xml.ConfigurationProblem;
import com.teaminbox.core.config.xml.XmlChecks;
import com.teaminbox.core.config.xml.XmlElement;
import com.teaminbox.core.mailbox.Addresses;

/**
 * Reads a shared mailbox's {@code <reports>} (docs/reports.md):
 * <pre>{@code
 * <reports>
 *   <weekly-digest to="alice@example.test, lead@example.test" day="monday" time="08:00" time-zone="Europe/Paris"/>
 * </reports>
 * }</pre>
 */
public final class ReportsReading {
    private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
    /** A digest is for a few leads, not a mailing list. */
    static final int MAX_RECIPIENTS = 20;

    private final XmlChecks checks;

    public ReportsReading(List<ConfigurationProblem> problems) {
        this.checks = new XmlChecks(problems);
    }

    /** The settings, or empty when {@code <reports>} has a problem (already reported). */
    public Optional<ReportSettings> read(XmlElement mailbox) {
        List<XmlElement> sections = XmlChecks.children(mailbox, "reports");
        if (sections.isEmpty()) {
            return Optional.of(ReportSettings.NONE);
        }
        int before = checks.problemCount();
        sections.stream().skip(1).forEach(extra -> checks.problem(extra, "appears more than once in this shared mailbox"));
        XmlElement section = sections.get(0);
        List<XmlElement> digests = XmlChecks.children(section, "weekly-digest");
        digests.stream().skip(1).forEach(extra -> checks.problem(extra, "appears more than once; list every recipient in one to=\"…\""));
        Optional<WeeklyDigest> digest = digests.stream().findFirst().flatMap(this::readDigest);
        if (checks.problemCount() > before) {
            return Optional.empty();
        }
        return Optional.of(new ReportSettings(digest));
    }

    private Optional<WeeklyDigest> readDigest(XmlElement element) {
        List<MailAddress> to = checks.required(element, "to").map(value -> recipients(element, value)).orElse(List.of());
        Optional<DayOfWeek> day = checks.required(element, "day").flatMap(value -> day(element, value));
        Optional<LocalTime> time = checks.required(element, "time").flatMap(value -> time(element, value));
        Optional<ZoneId> zone = element.attribute("time-zone").flatMap(value -> zone(element, value));
        if (to.isEmpty() || day.isEmpty() || time.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new WeeklyDigest(to, day.get(), time.get(), zone));
    }

    private List<MailAddress> recipients(XmlElement element, String value) {
        List<MailAddress> recipients = new ArrayList<>();
        for (String part : value.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                MailAddress address = Addresses.parse(part.strip());
                if (!recipients.contains(address)) {
                    recipients.add(address);
                }
            } catch (IllegalArgumentException e) {
                checks.problem(element, "to " + e.getMessage());
                return List.of();
            }
        }
        if (recipients.isEmpty()) {
            checks.problem(element, "to is empty; name at least one recipient, such as to=\"lead@example.test\"");
        } else if (recipients.size() > MAX_RECIPIENTS) {
            checks.problem(element, "to names " + recipients.size() + " recipients; at most " + MAX_RECIPIENTS
                + " (send to a list address for more)");
            return List.of();
        }
        return recipients;
    }

    private Optional<DayOfWeek> day(XmlElement element, String value) {
        try {
            return Optional.of(DayOfWeek.valueOf(value.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            checks.problem(element, "day '" + value + "' is not a day; accepted: monday, tuesday, wednesday, thursday, friday, saturday, sunday");
            return Optional.empty();
        }
    }

    private Optional<LocalTime> time(XmlElement element, String value) {
        try {
            if (TIME.matcher(value.strip()).matches()) {
                return Optional.of(LocalTime.parse(value.strip()));
            }
        } catch (DateTimeParseException e) {
            // Reported below with the accepted format.
        }
        checks.problem(element, "time '" + value + "' is not a time; use HH:MM from 00:00 to 23:59");
        return Optional.empty();
    }

    private Optional<ZoneId> zone(XmlElement element, String value) {
        try {
            return Optional.of(ZoneId.of(value.strip()));
        } catch (DateTimeException e) {
            checks.problem(element, "time-zone '" + value + "' is not a time zone; use a region such as Europe/Paris");
            return Optional.empty();
        }
    }
}
