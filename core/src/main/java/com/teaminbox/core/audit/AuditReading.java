package com.teaminbox.core.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.core.MailAddress;

import com.teaminbox.core.config.xml.ConfigurationProblem;
import com.teaminbox.core.config.xml.XmlChecks;
import com.teaminbox.core.config.xml.XmlElement;
import com.teaminbox.core.mailbox.Addresses;

/**
 * Reads the optional top-level {@code <audit>} element, strictly (see {@link AuditSettings} for
 * the XML). Directory and node take effect at start; alerts also on reload.
 */
public final class AuditReading {
    private static final Pattern NODE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern ALERT_NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})(s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,9})(KB|MB|GB)");
    private static final long MIN_FILE_BYTES = 1024;
    /** Files are read whole when verified and indexed: a bound keeps that within any heap. */
    private static final long MAX_FILE_BYTES = 1024L * 1024 * 1024;

    private final XmlChecks checks;

    public AuditReading(List<ConfigurationProblem> problems) {
        this.checks = new XmlChecks(problems);
    }

    public AuditSettings read(List<XmlElement> elements) {
        elements.stream().skip(1).forEach(extra -> checks.problem(extra, "appears more than once; configure the audit trail in one <audit>"));
        return elements.stream().findFirst().map(this::read).orElse(AuditSettings.DEFAULT);
    }

    private AuditSettings read(XmlElement element) {
        String directory = element.attribute("directory").map(String::strip).orElse(AuditSettings.DEFAULT_DIRECTORY);
        if (directory.isEmpty()) {
            checks.problem(element, "has an empty 'directory'; leave it out for " + AuditSettings.DEFAULT_DIRECTORY);
        }
        Optional<String> node = element.attribute("node").map(String::strip);
        node.filter(value -> !NODE.matcher(value).matches()).ifPresent(value -> checks.problem(element, "node '" + value
            + "' is invalid; use 1 to 64 letters, digits, '-', '_' or '.' (it names the node's audit files)"));
        AuditFailurePolicy onFailure = element.attribute("on-failure").map(String::strip)
            .map(value -> AuditFailurePolicy.fromXmlName(value).orElseGet(() -> {
                checks.problem(element, "on-failure '" + value + "' is invalid; accepted: defer, continue");
                return AuditFailurePolicy.DEFER;
            }))
            .orElse(AuditFailurePolicy.DEFER);
        boolean readAccess = element.attribute("read-access").map(String::strip).map(value -> booleanValue(element, "read-access", value))
            .orElse(true);
        long maxFileBytes = element.attribute("max-file-size").map(String::strip).map(value -> size(element, value))
            .orElse(AuditSettings.DEFAULT_MAX_FILE_BYTES);
        List<XmlElement> alertSections = XmlChecks.children(element, "alerts");
        alertSections.stream().skip(1).forEach(extra -> checks.problem(extra, "appears more than once in <audit>"));
        List<MailAddress> recipients = new ArrayList<>();
        List<AlertRule> alerts = new ArrayList<>();
        alertSections.stream().findFirst().ifPresent(section -> readAlerts(section, recipients, alerts));
        return new AuditSettings(directory, node.filter(value -> NODE.matcher(value).matches()), onFailure, readAccess, maxFileBytes,
            recipients, alerts);
    }

    private void readAlerts(XmlElement section, List<MailAddress> recipients, List<AlertRule> alerts) {
        checks.required(section, "to").ifPresent(value -> {
            for (String address : value.split(",")) {
                try {
                    recipients.add(Addresses.parse(address.strip()));
                } catch (IllegalArgumentException e) {
                    checks.problem(section, "to " + e.getMessage());
                }
            }
        });
        Set<String> names = new HashSet<>();
        for (XmlElement element : XmlChecks.children(section, "alert")) {
            Optional<String> name = checks.required(element, "name").map(String::strip);
            name.filter(value -> !ALERT_NAME.matcher(value).matches()).ifPresent(value -> checks.problem(element, "name '" + value
                + "' is invalid; use lower-case letters, digits and '-', starting with a letter"));
            name.filter(value -> !names.add(value)).ifPresent(value -> checks.problem(element, "name '" + value + "' is used twice"));
            Optional<AuditEventType> type = checks.required(element, "event").map(String::strip).flatMap(value -> {
                Optional<AuditEventType> parsed = AuditEventType.fromWireName(value);
                if (parsed.isEmpty()) {
                    checks.problem(element, "event '" + value + "' is not an audit event type; see docs/audit.md for the list");
                }
                return parsed;
            });
            Optional<Integer> threshold = checks.required(element, "more-than").map(String::strip).flatMap(value -> count(element, value));
            Optional<Duration> window = checks.required(element, "within").map(String::strip).flatMap(value -> duration(element, value));
            boolean perActor = element.attribute("per-actor").map(String::strip).map(value -> booleanValue(element, "per-actor", value))
                .orElse(false);
            if (name.isPresent() && ALERT_NAME.matcher(name.get()).matches() && type.isPresent() && threshold.isPresent()
                && window.isPresent()) {
                alerts.add(new AlertRule(name.get(), type.get(), threshold.get(), window.get(), perActor));
            }
        }
    }

    private Optional<Integer> count(XmlElement element, String value) {
        try {
            int count = Integer.parseInt(value);
            if (count >= 0 && count <= 1_000_000) {
                return Optional.of(count);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        checks.problem(element, "more-than '" + value + "' is invalid; use a whole number from 0 to 1000000");
        return Optional.empty();
    }

    private Optional<Duration> duration(XmlElement element, String value) {
        Matcher matcher = DURATION.matcher(value);
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            checks.problem(element, "within '" + value + "' is invalid; use a positive number followed by s, m, h or d, such as 10m");
            return Optional.empty();
        }
        long amount = Long.parseLong(matcher.group(1));
        switch (matcher.group(2)) {
            case "s":
                return Optional.of(Duration.ofSeconds(amount));
            case "m":
                return Optional.of(Duration.ofMinutes(amount));
            case "h":
                return Optional.of(Duration.ofHours(amount));
            default:
                return Optional.of(Duration.ofDays(amount));
        }
    }

    private long size(XmlElement element, String value) {
        Matcher matcher = SIZE.matcher(value.toUpperCase(Locale.ROOT));
        if (!matcher.matches()) {
            checks.problem(element, "max-file-size '" + value + "' is invalid; use a number followed by KB, MB or GB, such as 64MB");
            return AuditSettings.DEFAULT_MAX_FILE_BYTES;
        }
        long unit = switch (matcher.group(2)) {
            case "KB" -> 1024L;
            case "MB" -> 1024L * 1024;
            default -> 1024L * 1024 * 1024;
        };
        long bytes = Long.parseLong(matcher.group(1)) * unit;
        if (bytes < MIN_FILE_BYTES) {
            checks.problem(element, "max-file-size '" + value + "' is too small; use at least 1KB");
        } else if (bytes > MAX_FILE_BYTES) {
            checks.problem(element, "max-file-size '" + value + "' is too large; use at most 1GB");
            return AuditSettings.DEFAULT_MAX_FILE_BYTES;
        }
        return bytes;
    }

    private boolean booleanValue(XmlElement element, String attribute, String value) {
        if (!value.equals("true") && !value.equals("false")) {
            checks.problem(element, attribute + " '" + value + "' is invalid; accepted: true, false");
        }
        return value.equals("true");
    }
}
