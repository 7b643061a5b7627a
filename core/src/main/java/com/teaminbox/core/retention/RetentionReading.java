package com.teaminbox.core.retention;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.james.core.Domain;

import com.teaminbox.core.config.xml.ConfigurationProblem;
import com.teaminbox.core.config.xml.XmlChecks;
import com.teaminbox.core.config.xml.XmlElement;
import com.teaminbox.core.mailbox.Addresses;
import com.teaminbox.core.mailbox.FolderName;
import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.core.ticket.TicketPrefix;

/**
 * Reads a shared mailbox's {@code <retention>}: folder policies, holds, minimum age and schedule.
 * Policies name folders of the mailbox (standard or declared); archive targets may be new
 * folders, created on demand; no policy may be shorter than the minimum age.
 */
public final class RetentionReading {
    private static final Pattern IMAP_KEYWORD = Pattern.compile("[$A-Za-z0-9_.-]{1,64}");
    private static final List<String> SYSTEM_FLAGS = List.of("\\Answered", "\\Seen", "\\Flagged", "\\Draft");
    private static final int MAX_REASON_LENGTH = 200;

    private final XmlChecks checks;
    private final List<FolderName> folders;
    private final Optional<TicketPrefix> prefix;

    public RetentionReading(List<ConfigurationProblem> problems, List<FolderName> configuredFolders, Optional<TicketPrefix> prefix) {
        this.checks = new XmlChecks(problems);
        this.folders = new ArrayList<>(FolderName.STANDARD);
        this.folders.addAll(configuredFolders);
        this.prefix = prefix;
    }

    public Optional<RetentionSettings> read(XmlElement mailbox) {
        List<XmlElement> sections = XmlChecks.children(mailbox, "retention");
        if (sections.isEmpty()) {
            return Optional.of(RetentionSettings.NONE);
        }
        int before = checks.problemCount();
        sections.stream().skip(1).forEach(extra -> checks.problem(extra, "appears more than once in this shared mailbox"));
        XmlElement section = sections.get(0);
        RetentionPeriod minimumAge = section.attribute("minimum-age").flatMap(value -> period(section, "minimum-age", value))
            .orElse(RetentionSettings.DEFAULT_MINIMUM_AGE);
        RetentionPeriod every = section.attribute("every").flatMap(value -> period(section, "every", value))
            .orElse(RetentionSettings.DEFAULT_EVERY);
        if (every.compareTo(RetentionSettings.SHORTEST_EVERY) < 0) {
            checks.problem(section, "every '" + every + "' is too short; the schedule runs at most every " + RetentionSettings.SHORTEST_EVERY);
        }
        List<RetentionPolicy> policies = new ArrayList<>();
        Map<FolderName, XmlElement> seen = new HashMap<>();
        for (XmlElement element : XmlChecks.children(section, "folder")) {
            readPolicy(element, minimumAge).ifPresent(policy -> {
                XmlElement first = seen.putIfAbsent(policy.folder(), element);
                if (first != null) {
                    checks.problem(element, "name '" + policy.folder() + "' already has a policy at line " + first.location().line()
                        + "; give each folder one policy");
                } else {
                    policies.add(policy);
                }
            });
        }
        List<RetentionHold> holds = XmlChecks.children(section, "hold").stream()
            .map(this::readHold)
            .flatMap(Optional::stream)
            .collect(Collectors.toList());
        if (checks.problemCount() > before) {
            return Optional.empty();
        }
        return Optional.of(new RetentionSettings(minimumAge, every, policies, holds));
    }

    private Optional<RetentionPolicy> readPolicy(XmlElement element, RetentionPeriod minimumAge) {
        Optional<FolderName> folder = checks.required(element, "name").flatMap(value -> folder(element, value));
        Optional<String> deleteAfter = element.attribute("delete-after");
        Optional<String> moveAfter = element.attribute("move-after");
        if (deleteAfter.isPresent() == moveAfter.isPresent()) {
            checks.problem(element, "needs exactly one of 'delete-after' and 'move-after'");
            return Optional.empty();
        }
        String attribute = deleteAfter.isPresent() ? "delete-after" : "move-after";
        Optional<RetentionPeriod> after = period(element, attribute, deleteAfter.or(() -> moveAfter).orElseThrow());
        after.filter(period -> period.compareTo(minimumAge) < 0).ifPresent(period -> checks.problem(element, attribute + " '"
            + period + "' is shorter than the minimum-age '" + minimumAge + "' of this shared mailbox; no policy may undercut it"));
        Optional<String> whenFlag = element.attribute("when-flag").map(String::strip);
        boolean badFlag = whenFlag.filter(flag -> !flag(flag)).isPresent();
        if (badFlag) {
            checks.problem(element, "when-flag '" + whenFlag.get() + "' is neither a system flag (" + String.join(", ", SYSTEM_FLAGS)
                + ") nor an IMAP keyword (letters, digits and $ _ - . such as $Done)");
        }
        Optional<String> flag = whenFlag.map(RetentionReading::canonical);
        Optional<ArchiveTarget> target = Optional.empty();
        if (moveAfter.isPresent()) {
            if (element.attribute("to").isEmpty()) {
                // Required only with move-after, which the schema cannot say.
                checks.problem(element, "is missing the attribute 'to', which 'move-after' needs");
            }
            target = checks.required(element, "to").flatMap(value -> parsed(element, value, ArchiveTarget::of));
        } else if (element.attribute("to").isPresent()) {
            checks.problem(element, "has 'to' with 'delete-after'; 'to' goes with 'move-after'");
            return Optional.empty();
        }
        if (folder.isEmpty() || after.isEmpty() || badFlag || (moveAfter.isPresent() && target.isEmpty())) {
            return Optional.empty();
        }
        if (deleteAfter.isPresent()) {
            return Optional.of(RetentionPolicy.delete(folder.get(), after.get(), flag));
        }
        ArchiveTarget archive = target.get();
        return parsed(element, archive.template(), value -> RetentionPolicy.move(folder.get(), after.get(), archive, flag));
    }

    private Optional<RetentionHold> readHold(XmlElement element) {
        List<RetentionHold.Kind> kinds = List.of(RetentionHold.Kind.values()).stream()
            .filter(kind -> element.attribute(kind.attribute()).isPresent())
            .collect(Collectors.toList());
        if (kinds.size() != 1) {
            checks.problem(element, "needs exactly one of " + List.of(RetentionHold.Kind.values()).stream()
                .map(RetentionHold.Kind::attribute).collect(Collectors.joining(", ")) + "; write one hold per element");
            return Optional.empty();
        }
        Optional<String> reason = element.attribute("reason").map(String::strip).filter(text -> !text.isEmpty());
        if (reason.filter(text -> text.length() > MAX_REASON_LENGTH || text.chars().anyMatch(Character::isISOControl)).isPresent()) {
            checks.problem(element, "reason is longer than " + MAX_REASON_LENGTH + " characters or contains control characters");
            return Optional.empty();
        }
        RetentionHold.Kind kind = kinds.get(0);
        String value = checks.required(element, kind.attribute()).map(String::strip).orElse("");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        switch (kind) {
            case KEYWORD:
                if (!IMAP_KEYWORD.matcher(value).matches()) {
                    checks.problem(element, "keyword '" + value + "' is not an IMAP keyword; use letters, digits and $ _ - . such as $Hold");
                    return Optional.empty();
                }
                return Optional.of(RetentionHold.keyword(value, reason));
            case SENDER:
                return parsed(element, value, text -> {
                    try {
                        return RetentionHold.sender(Addresses.parse(text), reason);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("sender " + e.getMessage(), e);
                    }
                });
            case DOMAIN:
                if (value.contains("@")) {
                    checks.problem(element, "domain '" + value + "' is an address; write the domain only (lawfirm.test) or use sender=");
                    return Optional.empty();
                }
                return parsed(element, value, text -> {
                    try {
                        return RetentionHold.domain(Domain.of(text), reason);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("domain '" + text + "' is not a domain: " + e.getMessage(), e);
                    }
                });
            case TICKET:
                if (prefix.isEmpty()) {
                    return Optional.empty();
                }
                Optional<TicketId> ticket = TicketId.parse(value, prefix.get());
                if (ticket.isEmpty()) {
                    checks.problem(element, "ticket '" + value + "' is not a ticket of this shared mailbox; write it as "
                        + prefix.get().value() + "-12");
                }
                return ticket.map(id -> RetentionHold.ticket(id, reason));
            default:
                if (!value.equals("true")) {
                    checks.problem(element, "all '" + value + "' is invalid; write all=\"true\" to hold the whole shared mailbox,"
                        + " or remove the element");
                    return Optional.empty();
                }
                return Optional.of(RetentionHold.all(reason));
        }
    }

    private Optional<RetentionPeriod> period(XmlElement element, String attribute, String value) {
        return parsed(element, value, text -> {
            try {
                return RetentionPeriod.of(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(attribute + " " + e.getMessage(), e);
            }
        });
    }

    private Optional<FolderName> folder(XmlElement element, String value) {
        return parsed(element, value, FolderName::of).flatMap(folder -> {
            if (!folders.contains(folder)) {
                checks.problem(element, "name '" + folder + "' is not a folder of this shared mailbox; declare it with <folder name=\""
                    + folder + "\"/> or use one of " + folders.stream().map(FolderName::path).collect(Collectors.joining(", ")));
                return Optional.empty();
            }
            return Optional.of(folder);
        });
    }

    private static boolean flag(String value) {
        if (value.startsWith("\\")) {
            return SYSTEM_FLAGS.stream().anyMatch(flag -> flag.equalsIgnoreCase(value));
        }
        return IMAP_KEYWORD.matcher(value).matches();
    }

    /** {@code \answered} is {@code \Answered}; keywords stay as written. */
    private static String canonical(String flag) {
        return SYSTEM_FLAGS.stream().filter(system -> system.equalsIgnoreCase(flag)).findFirst().orElse(flag);
    }

    private <T> Optional<T> parsed(XmlElement element, String value, Function<String, T> parser) {
        try {
            return Optional.of(parser.apply(value.strip()));
        } catch (IllegalArgumentException e) {
            checks.problem(element, e.getMessage());
            return Optional.empty();
        }
    }
}
