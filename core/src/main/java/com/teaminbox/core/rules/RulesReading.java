package com.teaminbox.core.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.james.core.MailAddress;
import org.apache.lucene.search.Query;

import com.teaminbox.core.sla.SlaReading;
import com.teaminbox.core.config.xml.ConfigurationProblem;
import com.teaminbox.core.config.xml.XmlChecks;
import com.teaminbox.core.config.xml.XmlElement;
import com.teaminbox.core.mailbox.Addresses;
import com.teaminbox.core.mailbox.FolderName;
import com.teaminbox.core.mailbox.Member;

/**
 * Reads a shared mailbox's {@code <rules>}: each condition is parsed as a Lucene query now, so a
 * typo is refused with its position at load, not discovered on live mail; folders must be the
 * mailbox's own, assignees its members.
 */
public final class RulesReading {
    private static final Pattern RULE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _.-]{0,79}");
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9-]{1,76}");
    private static final Pattern IMAP_KEYWORD = Pattern.compile("[$A-Za-z0-9_.-]{1,64}");
    private static final List<String> ACTIONS = List.of("file-into", "flag", "keyword", "assign", "set-header",
        "remove-header", "junk", "notify", "autoresponse", "stop", "webhook");
    private static final int MIN_BODY_PREFIX = 1_024;
    private static final int MAX_BODY_PREFIX = 10_485_760;

    private final XmlChecks checks;
    private final List<FolderName> folders;
    private final List<Member> members;

    public RulesReading(List<ConfigurationProblem> problems, List<FolderName> configuredFolders, List<Member> members) {
        this.checks = new XmlChecks(problems);
        this.folders = new ArrayList<>(FolderName.STANDARD);
        this.folders.addAll(configuredFolders);
        this.members = members;
    }

    public Optional<Rules> read(XmlElement mailbox) {
        List<XmlElement> sections = XmlChecks.children(mailbox, "rules");
        if (sections.isEmpty()) {
            return Optional.of(Rules.NONE);
        }
        int before = checks.problemCount();
        sections.stream().skip(1).forEach(extra -> checks.problem(extra, "appears more than once in this shared mailbox"));
        XmlElement section = sections.get(0);
        RuleLanguage language = section.attribute("language").map(code -> RuleLanguage.fromCode(code.strip()).orElseGet(() -> {
            checks.problem(section, "language '" + code + "' is not supported; accepted: " + RuleLanguage.acceptedCodes());
            return RuleLanguage.ENGLISH;
        })).orElse(RuleLanguage.ENGLISH);
        int bodyPrefix = section.attribute("body-prefix-chars").map(value -> bodyPrefix(section, value)).orElse(Rules.DEFAULT_BODY_PREFIX_CHARS);
        List<Rule> rules = new ArrayList<>();
        Map<String, XmlElement> names = new HashMap<>();
        for (XmlElement element : XmlChecks.children(section, "rule")) {
            readRule(element, language).ifPresent(rule -> {
                XmlElement first = names.putIfAbsent(rule.name(), element);
                if (first != null) {
                    checks.problem(element, "name '" + rule.name() + "' is already used at line " + first.location().line());
                } else {
                    rules.add(rule);
                }
            });
        }
        if (checks.problemCount() > before) {
            return Optional.empty();
        }
        return Optional.of(new Rules(language, bodyPrefix, rules));
    }

    private int bodyPrefix(XmlElement section, String value) {
        try {
            int chars = Integer.parseInt(value.strip());
            if (chars >= MIN_BODY_PREFIX && chars <= MAX_BODY_PREFIX) {
                return chars;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        checks.problem(section, "body-prefix-chars '" + value + "' is invalid; use a whole number from "
            + MIN_BODY_PREFIX + " to " + MAX_BODY_PREFIX);
        return Rules.DEFAULT_BODY_PREFIX_CHARS;
    }

    private Optional<Rule> readRule(XmlElement element, RuleLanguage language) {
        Optional<String> name = checks.required(element, "name").map(String::strip);
        name.filter(value -> !RULE_NAME.matcher(value).matches())
            .ifPresent(value -> checks.problem(element, "name '" + value + "' is invalid; use letters, digits, spaces and _ . -"));
        Optional<String> condition = checks.required(element, "when");
        Optional<Query> query = condition.flatMap(text -> {
            try {
                return Optional.of(RuleQueries.parse(text, language));
            } catch (IllegalArgumentException e) {
                checks.problem(element, e.getMessage());
                return Optional.empty();
            }
        });
        Rule.Mode mode = element.attribute("mode").map(value -> {
            switch (value.strip()) {
                case "active":
                    return Rule.Mode.ACTIVE;
                case "audit":
                    return Rule.Mode.AUDIT;
                default:
                    checks.problem(element, "mode '" + value + "' is invalid; accepted: active, audit");
                    return Rule.Mode.ACTIVE;
            }
        }).orElse(Rule.Mode.ACTIVE);
        List<RuleAction> actions = element.children().stream()
            .filter(child -> ACTIONS.contains(child.name()))
            .map(this::action)
            .flatMap(Optional::stream)
            .collect(Collectors.toList());
        if (element.children().isEmpty()) {
            checks.problem(element, "has no action; accepted: " + ACTIONS.stream().map(action -> "<" + action + ">").collect(Collectors.joining(", ")));
        }
        if (name.isEmpty() || query.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Rule(name.get(), condition.get(), query.get(), actions, mode, element.location()));
    }

    /** One action element; also read by {@link SlaReading} for the escalation actions. */
    public Optional<RuleAction> action(XmlElement element) {
        switch (element.name()) {
            case "file-into":
                return checks.required(element, "folder").flatMap(value -> folder(element, value)).map(RuleAction.FileInto::new);
            case "flag":
                return checks.required(element, "name").flatMap(value -> flag(element, value.strip())).map(RuleAction.SetFlag::new);
            case "keyword":
                return checks.required(element, "name").map(String::strip).flatMap(value -> keyword(element, value)).map(RuleAction.AddKeyword::new);
            case "assign":
                return checks.required(element, "member").flatMap(value -> member(element, value))
                    .map(member -> new RuleAction.Assign(member, element.attribute("notify").map(String::strip).map("true"::equals).orElse(false)));
            case "set-header":
                return checks.required(element, "name").flatMap(value -> headerName(element, value))
                    // A missing value is the schema's to report.
                    .flatMap(header -> element.attribute("value").map(value -> new RuleAction.SetHeader(header, singleLine(value))));
            case "remove-header":
                return checks.required(element, "name").flatMap(value -> headerName(element, value)).map(RuleAction.RemoveHeader::new);
            case "junk":
                return Optional.of(new RuleAction.Junk());
            case "notify":
                return checks.required(element, "address").flatMap(value -> address(element, value)).map(RuleAction.Notify::new);
            case "autoresponse":
                return checks.required(element, "template").map(String::strip).map(RuleAction.UseTemplate::new);
            case "stop":
                return Optional.of(new RuleAction.Stop());
            case "webhook":
                // The endpoint must be one of the mailbox's <webhooks>: WebhooksReading checks it.
                return checks.required(element, "endpoint").map(String::strip).map(RuleAction.Webhook::new);
            default:
                return Optional.empty();
        }
    }

    private Optional<FolderName> folder(XmlElement element, String value) {
        try {
            FolderName folder = FolderName.of(value.strip());
            if (!folders.contains(folder)) {
                checks.problem(element, "folder '" + folder + "' is not a folder of this shared mailbox; declare it with <folder name=\""
                    + folder + "\"/> or use one of " + folders.stream().map(FolderName::path).collect(Collectors.joining(", ")));
                return Optional.empty();
            }
            return Optional.of(folder);
        } catch (IllegalArgumentException e) {
            checks.problem(element, e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<RuleAction.SetFlag.Flag> flag(XmlElement element, String value) {
        for (RuleAction.SetFlag.Flag flag : RuleAction.SetFlag.Flag.values()) {
            if (flag.imapName().equalsIgnoreCase(value)) {
                return Optional.of(flag);
            }
        }
        checks.problem(element, "name '" + value + "' is not a flag a rule may set; accepted: \\Flagged, \\Seen (use <keyword> for others)");
        return Optional.empty();
    }

    private Optional<String> keyword(XmlElement element, String value) {
        if (!IMAP_KEYWORD.matcher(value).matches()) {
            checks.problem(element, "name '" + value + "' is not an IMAP keyword; use letters, digits and $ _ - . such as $Billing");
            return Optional.empty();
        }
        return Optional.of(value);
    }

    private Optional<MailAddress> member(XmlElement element, String value) {
        Optional<MailAddress> address = address(element, value);
        if (address.isPresent() && members.stream().noneMatch(member -> member.address().equals(address.get()))) {
            checks.problem(element, "member '" + address.get().asString() + "' is not a member of this shared mailbox");
            return Optional.empty();
        }
        return address;
    }

    private Optional<String> headerName(XmlElement element, String value) {
        String name = value.strip();
        if (!HEADER_NAME.matcher(name).matches()) {
            checks.problem(element, "name '" + value + "' is not a header name; use letters, digits and '-'");
            return Optional.empty();
        }
        return Optional.of(name);
    }

    private Optional<MailAddress> address(XmlElement element, String value) {
        try {
            return Optional.of(Addresses.parse(value.strip()));
        } catch (IllegalArgumentException e) {
            checks.problem(element, "address " + e.getMessage());
            return Optional.empty();
        }
    }

    private static String singleLine(String value) {
        return value.replaceAll("\\p{Cntrl}", " ").strip();
    }
}
