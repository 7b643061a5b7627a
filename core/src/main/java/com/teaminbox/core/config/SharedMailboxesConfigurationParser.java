package com.teaminbox.core.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

import org.apache.james.core.MailAddress;

import com.teaminbox.core.audit.AuditReading;
import com.teaminbox.core.audit.AuditSettings;
import com.teaminbox.core.autoreply.AcknowledgementReading;
import com.teaminbox.core.autoreply.AcknowledgementSettings;
import com.teaminbox.core.config.xml.ConfigurationException;
import com.teaminbox.core.config.xml.ConfigurationProblem;
import com.teaminbox.core.config.xml.LineNumberedXmlReader;
import com.teaminbox.core.config.xml.SchemaValidation;
import com.teaminbox.core.config.xml.SourceLocation;
import com.teaminbox.core.config.xml.TemplateFiles;
import com.teaminbox.core.config.xml.XmlChecks;
import com.teaminbox.core.config.xml.XmlElement;
import com.teaminbox.core.mailbox.Addresses;
import com.teaminbox.core.mailbox.FolderName;
import com.teaminbox.core.mailbox.Member;
import com.teaminbox.core.mailbox.Role;
import com.teaminbox.core.mailbox.SendPermission;
import com.teaminbox.core.mailbox.SpoofedFromPolicy;
import com.teaminbox.core.outgoing.OutgoingCare;
import com.teaminbox.core.outgoing.OutgoingCareReading;
import com.teaminbox.core.reports.ReportSettings;
import com.teaminbox.core.reports.ReportsReading;
import com.teaminbox.core.retention.RetentionReading;
import com.teaminbox.core.retention.RetentionSettings;
import com.teaminbox.core.rules.Rules;
import com.teaminbox.core.rules.RulesReading;
import com.teaminbox.core.sla.SlaReading;
import com.teaminbox.core.ticket.ForgedTagPolicy;
import com.teaminbox.core.ticket.OutgoingConvention;
import com.teaminbox.core.ticket.SubjectConventions;
import com.teaminbox.core.ticket.TicketPrefix;
import com.teaminbox.core.ticket.TicketTagFormat;
import com.teaminbox.core.ticket.VagueSubjects;
import com.teaminbox.core.webhooks.WebhookSettings;
import com.teaminbox.core.webhooks.WebhooksReading;

/**
 * Reads {@code shared-mailboxes.xml} strictly, in two steps. First the structure, against the
 * one specification of it, {@code conf/shared-mailboxes.xsd} ({@link SchemaValidation}): an
 * unknown element or attribute, a missing one, a value outside its pattern — every one reported
 * at once with file, line and column. Then, on a file the schema accepts, what a schema cannot
 * say: cross-references (an undefined role, a folder not declared, a duplicate member), time
 * zones and durations, Lucene queries, templates. Each is a {@link ConfigurationProblem} naming
 * file, line, element and reason, all of a step reported together.
 *
 * <p>What needs the running server (is the domain local? does the member's account exist?) is
 * checked by the James adapter, with the same {@link SourceLocation}s.
 */
public final class SharedMailboxesConfigurationParser {
    public static final String DEFAULT_FILE_NAME = "shared-mailboxes.xml";

    private static final Pattern ROLE_NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final int MAX_DISPLAY_NAME_LENGTH = 100;
    private static final Pattern PROJECT_PREFIX = Pattern.compile("[A-Z0-9][A-Z0-9-]{1,19}");
    private static final Pattern IMAP_KEYWORD = Pattern.compile("[$A-Za-z0-9_.-]{1,64}");

    private final Optional<TemplateFiles> templateFiles;

    /** Reads templates relative to the configuration file (or, for a stream, to the current directory). */
    public SharedMailboxesConfigurationParser() {
        this.templateFiles = Optional.empty();
    }

    /** Reads templates through {@code templateFiles}: tests, and configurations shipped as resources. */
    public SharedMailboxesConfigurationParser(TemplateFiles templateFiles) {
        this.templateFiles = Optional.of(templateFiles);
    }

    public SharedMailboxesConfiguration parse(Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigurationException(SourceLocation.of(file.toString(), 0, "shared-mailboxes")
                .problem("cannot be read: " + e), e);
        }
        Path directory = Optional.ofNullable(file.toAbsolutePath().getParent()).orElse(Path.of(""));
        return parse(content, file.getFileName().toString(), templateFiles.orElse(TemplateFiles.relativeTo(directory)));
    }

    public SharedMailboxesConfiguration parse(InputStream input, String fileName) {
        byte[] content;
        try {
            content = input.readAllBytes();
        } catch (IOException e) {
            throw new ConfigurationException(SourceLocation.of(fileName, 0, "shared-mailboxes").problem("cannot be read: " + e), e);
        }
        return parse(content, fileName, templateFiles.orElse(TemplateFiles.relativeTo(Path.of(""))));
    }

    private static SharedMailboxesConfiguration parse(byte[] content, String fileName, TemplateFiles templates) {
        // Well-formedness, DOCTYPE and text first: their messages are the clearest for those mistakes.
        XmlElement root = new LineNumberedXmlReader(fileName).read(new ByteArrayInputStream(content));
        if (!root.name().equals("shared-mailboxes")) {
            throw new ConfigurationException(root.location()
                .problem("is not the expected root element; the file must start with <shared-mailboxes>"));
        }
        List<SchemaValidation.Found> structure = SchemaValidation.problems(content, fileName);
        SharedMailboxesConfiguration configuration;
        try {
            configuration = new Reading(templates).read(root);
        } catch (ConfigurationException semantic) {
            throw new ConfigurationException(together(structure, semantic.problems()));
        }
        if (!structure.isEmpty()) {
            throw new ConfigurationException(together(structure, List.of()));
        }
        return configuration;
    }

    /** Whether the reader already reported, at the same line, the attribute or value the schema refused. */
    private static boolean saySame(SchemaValidation.Found found, ConfigurationProblem problem) {
        if (problem.location().line() != found.problem().location().line()) {
            return false;
        }
        String reason = problem.reason();
        return found.attribute().filter(attribute -> reason.startsWith(attribute + " ") || reason.contains("'" + attribute + "'")).isPresent()
            || found.value().filter(value -> reason.contains("'" + value.strip() + "'")).isPresent();
    }

    /**
     * The schema's problems and the readers' in line order. A value both refuse (a day named
     * 'moonday') is reported once, in the reader's words, which say what would be accepted.
     */
    private static List<ConfigurationProblem> together(List<SchemaValidation.Found> structure, List<ConfigurationProblem> semantic) {
        List<ConfigurationProblem> problems = new ArrayList<>(semantic);
        structure.stream()
            .filter(found -> semantic.stream().noneMatch(problem -> saySame(found, problem)))
            .map(SchemaValidation.Found::problem)
            .forEach(problems::add);
        problems.sort(Comparator.comparingInt((ConfigurationProblem problem) -> problem.location().line())
            .thenComparingInt(problem -> problem.location().column()));
        return problems;
    }

    /** One pass over one document; collects problems instead of stopping at the first. */
    private static final class Reading {
        private final List<ConfigurationProblem> problems = new ArrayList<>();
        private final XmlChecks checks = new XmlChecks(problems);
        private final Map<String, Role> roles = new LinkedHashMap<>();
        private final TemplateFiles templateFiles;

        private Reading(TemplateFiles templateFiles) {
            this.templateFiles = templateFiles;
        }

        private SharedMailboxesConfiguration read(XmlElement root) {
            boolean ungovernedSmtpServersAllowed = readUngovernedSmtpServers(root);
            Role.BUILT_IN.forEach(role -> roles.put(role.name(), role));
            children(root, "roles").forEach(this::readRoles);

            List<SharedMailbox> mailboxes = new ArrayList<>();
            Map<MailAddress, XmlElement> addresses = new HashMap<>();
            Map<TicketPrefix, XmlElement> prefixes = new HashMap<>();
            for (XmlElement element : children(root, "shared-mailbox")) {
                readSharedMailbox(element).ifPresent(mailbox -> {
                    XmlElement first = addresses.putIfAbsent(mailbox.address(), element);
                    if (first != null) {
                        problem(element, "address '" + mailbox.address().asString()
                            + "' is already declared at line " + first.location().line() + "; each shared mailbox is declared once");
                        return;
                    }
                    XmlElement samePrefix = prefixes.putIfAbsent(mailbox.ticketPrefix(), element);
                    if (samePrefix != null) {
                        problem(element, "ticket-prefix '" + mailbox.ticketPrefix() + "' is already used at line "
                            + samePrefix.location().line() + "; ticket prefixes must be unique");
                        return;
                    }
                    mailboxes.add(mailbox);
                });
            }
            rejectSharedMailboxesAsMembers(mailboxes);
            AuditSettings audit = new AuditReading(problems).read(children(root, "audit"));
            if (!problems.isEmpty()) {
                throw new ConfigurationException(problems);
            }
            return new SharedMailboxesConfiguration(mailboxes, List.copyOf(roles.values()), audit)
                .withUngovernedSmtpServersAllowed(ungovernedSmtpServersAllowed);
        }

        /** The explicit opt-out of the start check on SMTP servers (docs/deployment.md, section 4). */
        private boolean readUngovernedSmtpServers(XmlElement root) {
            Optional<String> value = root.attribute("ungoverned-smtp-servers").map(String::strip);
            if (value.isEmpty() || value.get().equals("refuse")) {
                return false;
            }
            if (value.get().equals("allow")) {
                return true;
            }
            problem(root, "ungoverned-smtp-servers '" + value.get() + "' is invalid; use 'refuse' (the default) or 'allow'");
            return false;
        }

        private void readRoles(XmlElement section) {
            for (XmlElement element : children(section, "role")) {
                Optional<String> name = required(element, "name");
                if (name.isEmpty()) {
                    continue;
                }
                if (!ROLE_NAME.matcher(name.get()).matches()) {
                    problem(element, "name '" + name.get() + "' is invalid; use lower-case letters, digits and '-', starting with a letter");
                    continue;
                }
                if (roles.containsKey(name.get())) {
                    problem(element, "name '" + name.get() + "' is already defined"
                        + (Role.BUILT_IN.contains(roles.get(name.get())) ? " as a built-in role" : ""));
                    continue;
                }
                String sendValue = element.attribute("send").orElse(SendPermission.NONE.xmlName());
                Optional<SendPermission> send = SendPermission.fromXmlName(sendValue);
                if (send.isEmpty()) {
                    problem(element, "send '" + sendValue + "' is invalid; accepted: " + SendPermission.acceptedXmlNames());
                    continue;
                }
                try {
                    roles.put(name.get(), Role.custom(name.get(), element.attribute("rights").orElse(""), send.get()));
                } catch (IllegalArgumentException e) {
                    problem(element, e.getMessage());
                }
            }
        }

        private Optional<SharedMailbox> readSharedMailbox(XmlElement element) {
            Optional<MailAddress> address = required(element, "address").flatMap(value -> address(element, "address", value));
            Optional<TicketPrefix> prefix = required(element, "ticket-prefix").flatMap(value -> parsed(element, value, TicketPrefix::of));
            Optional<String> displayName = element.attribute("display-name").map(String::strip);
            displayName.filter(name -> name.length() > MAX_DISPLAY_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl))
                .ifPresent(name -> problem(element, "display-name is longer than " + MAX_DISPLAY_NAME_LENGTH
                    + " characters or contains control characters"));
            List<FolderName> folders = readFolders(element);
            List<Member> members = readMembers(element, address, folders);
            Optional<SubjectConventions> conventions = readSubjectConventions(element);
            Optional<Rules> rules = new RulesReading(problems, folders, members).read(element);
            Optional<AcknowledgementSettings> acknowledgement = readAcknowledgements(element);
            Optional<RetentionSettings> retention = new RetentionReading(problems, folders, prefix).read(element);
            WebhookSettings webhooks = new WebhooksReading(problems, templateFiles).read(element, rules);
            Optional<OutgoingCare> outgoingCare = new OutgoingCareReading(problems).read(element);
            if (address.isEmpty() || prefix.isEmpty() || conventions.isEmpty() || rules.isEmpty() || retention.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new SharedMailbox(address.get(), prefix.get(), displayName.filter(name -> !name.isEmpty()),
                folders, members, element.location(), conventions.get(), rules.get(), acknowledgement, retention.get())
                .withSpoofedFrom(readSpoofedFrom(element)).withWebhooks(webhooks)
                .withOutgoingCare(outgoingCare.orElse(OutgoingCare.NONE))
                .withSla(new SlaReading(problems, folders, members).read(element, rules, acknowledgement))
                .withReports(new ReportsReading(problems).read(element).orElse(ReportSettings.NONE)));
        }

        /** {@code spoofed-from="refuse|mark"}; see {@link SpoofedFromPolicy}. */
        private SpoofedFromPolicy readSpoofedFrom(XmlElement element) {
            Optional<String> value = element.attribute("spoofed-from").map(String::strip);
            if (value.isEmpty()) {
                return SpoofedFromPolicy.DEFAULT;
            }
            Optional<SpoofedFromPolicy> policy = SpoofedFromPolicy.fromAttributeValue(value.get());
            if (policy.isEmpty()) {
                problem(element, "spoofed-from '" + value.get() + "' is invalid; accepted: refuse, mark");
            }
            return policy.orElse(SpoofedFromPolicy.DEFAULT);
        }

        private List<FolderName> readFolders(XmlElement mailbox) {
            List<FolderName> folders = new ArrayList<>();
            for (XmlElement element : children(mailbox, "folder")) {
                required(element, "name").flatMap(value -> parsed(element, value, FolderName::of)).ifPresent(folder -> {
                    if (folders.contains(folder)) {
                        problem(element, "name '" + folder + "' is declared twice in this shared mailbox");
                    } else {
                        folders.add(folder);
                    }
                });
            }
            return folders;
        }

        private List<Member> readMembers(XmlElement mailbox, Optional<MailAddress> sharedAddress, List<FolderName> configuredFolders) {
            List<Member> members = new ArrayList<>();
            Map<MailAddress, XmlElement> seen = new HashMap<>();
            for (XmlElement element : children(mailbox, "member")) {
                Map<FolderName, Optional<Role>> folderRoles = readFolderRoles(element, configuredFolders);
                Optional<MailAddress> address = required(element, "address").flatMap(value -> address(element, "address", value));
                Optional<Role> role = required(element, "role").flatMap(name -> role(element, name));
                if (address.isEmpty() || role.isEmpty()) {
                    continue;
                }
                if (sharedAddress.equals(address)) {
                    problem(element, "address '" + address.get().asString() + "' is the shared mailbox itself; members are people");
                    continue;
                }
                XmlElement first = seen.putIfAbsent(address.get(), element);
                if (first != null) {
                    problem(element, "address '" + address.get().asString() + "' is already a member at line "
                        + first.location().line() + "; give each member one role per shared mailbox");
                    continue;
                }
                members.add(new Member(address.get(), role.get(), element.location(), folderRoles));
            }
            return members;
        }

        /** A member's {@code <folder name="Billing" role="full"/>} overrides; {@code role="none"} takes the folder away. */
        private Map<FolderName, Optional<Role>> readFolderRoles(XmlElement member, List<FolderName> configuredFolders) {
            Map<FolderName, Optional<Role>> folderRoles = new HashMap<>();
            for (XmlElement element : children(member, "folder")) {
                Optional<FolderName> folder = required(element, "name").flatMap(value -> parsed(element, value, FolderName::of));
                Optional<Optional<Role>> role = required(element, "role").map(String::strip)
                    .flatMap(name -> name.equals("none") ? Optional.of(Optional.<Role>empty()) : role(element, name).map(Optional::of));
                if (folder.isEmpty() || role.isEmpty()) {
                    continue;
                }
                if (!FolderName.STANDARD.contains(folder.get()) && !configuredFolders.contains(folder.get())) {
                    problem(element, "name '" + folder.get() + "' is not a folder of this shared mailbox; declare it with <folder name=\""
                        + folder.get() + "\"/>");
                } else if (folderRoles.putIfAbsent(folder.get(), role.get()) != null) {
                    problem(element, "name '" + folder.get() + "' already has a role for this member");
                }
            }
            return folderRoles;
        }

        private void rejectSharedMailboxesAsMembers(List<SharedMailbox> mailboxes) {
            Set<MailAddress> shared = mailboxes.stream().map(SharedMailbox::address).collect(Collectors.toSet());
            mailboxes.stream()
                .flatMap(mailbox -> mailbox.members().stream())
                .filter(member -> shared.contains(member.address()))
                .forEach(member -> problems.add(member.location().problem("address '" + member.address().asString()
                    + "' is a shared mailbox; a shared mailbox cannot be a member of another")));
        }

        /** Attributes ticket-format and forged-tags, children outgoing-subjects and vague-subjects. */
        private Optional<SubjectConventions> readSubjectConventions(XmlElement mailbox) {
            int before = problems.size();
            TicketTagFormat format = mailbox.attribute("ticket-format")
                .flatMap(value -> parsed(mailbox, value, TicketTagFormat::of))
                .orElse(TicketTagFormat.DEFAULT);
            ForgedTagPolicy forged = mailbox.attribute("forged-tags").map(value -> ForgedTagPolicy.fromXmlName(value.strip())
                    .orElseGet(() -> {
                        problem(mailbox, "forged-tags '" + value + "' is invalid; accepted: keep, remove");
                        return ForgedTagPolicy.KEEP;
                    }))
                .orElse(ForgedTagPolicy.KEEP);
            List<XmlElement> outgoingElements = children(mailbox, "outgoing-subjects");
            outgoingElements.stream().skip(1).forEach(extra -> problem(extra, "appears more than once in this shared mailbox"));
            Optional<OutgoingConvention> outgoing = outgoingElements.stream().findFirst().flatMap(this::readOutgoingConvention);
            List<XmlElement> vagueElements = children(mailbox, "vague-subjects");
            vagueElements.stream().skip(1).forEach(extra -> problem(extra, "appears more than once in this shared mailbox"));
            VagueSubjects vague = vagueElements.stream().findFirst().map(this::readVagueSubjects).orElse(VagueSubjects.DEFAULT);
            if (problems.size() > before) {
                return Optional.empty();
            }
            return Optional.of(new SubjectConventions(format, forged, outgoing, vague));
        }

        private Optional<OutgoingConvention> readOutgoingConvention(XmlElement element) {
            Optional<OutgoingConvention.Mode> mode = required(element, "mode").flatMap(value -> {
                Optional<OutgoingConvention.Mode> parsed = OutgoingConvention.Mode.fromXmlName(value.strip());
                if (parsed.isEmpty()) {
                    problem(element, "mode '" + value + "' is invalid; accepted: fix, reject, flag");
                }
                return parsed;
            });
            Optional<Pattern> pattern = element.attribute("pattern").flatMap(value -> {
                try {
                    return Optional.of(Pattern.compile(value));
                } catch (PatternSyntaxException e) {
                    problem(element, "pattern '" + value + "' is not a valid regular expression: "
                        + e.getDescription() + " at position " + e.getIndex());
                    return Optional.empty();
                }
            });
            List<String> projects = new ArrayList<>();
            for (XmlElement project : children(element, "project")) {
                required(project, "prefix").map(String::strip).ifPresent(prefix -> {
                    if (!PROJECT_PREFIX.matcher(prefix).matches()) {
                        problem(project, "prefix '" + prefix + "' is invalid; use 2 to 20 upper-case letters, digits or '-'");
                    } else {
                        projects.add(prefix);
                    }
                });
            }
            if (mode.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(new OutgoingConvention(mode.get(), pattern, projects));
            } catch (IllegalArgumentException e) {
                problem(element, e.getMessage());
                return Optional.empty();
            }
        }

        private VagueSubjects readVagueSubjects(XmlElement element) {
            String keyword = element.attribute("keyword").map(String::strip).orElse(VagueSubjects.DEFAULT_KEYWORD);
            if (!IMAP_KEYWORD.matcher(keyword).matches()) {
                problem(element, "keyword '" + keyword + "' is not an IMAP keyword; use letters, digits and $ _ - . such as $Triage");
            }
            List<String> subjects = new ArrayList<>();
            for (XmlElement subject : children(element, "subject")) {
                required(subject, "text").ifPresent(subjects::add);
            }
            return new VagueSubjects(subjects, keyword);
        }

        private Optional<Role> role(XmlElement element, String name) {
            Role role = roles.get(name);
            if (role == null) {
                problem(element, "role '" + name + "' is not defined; known roles: " + String.join(", ", roles.keySet())
                    + " (define others in <roles>)");
            }
            return Optional.ofNullable(role);
        }

        private Optional<MailAddress> address(XmlElement element, String attribute, String value) {
            try {
                return Optional.of(Addresses.parse(value.strip()));
            } catch (IllegalArgumentException e) {
                problem(element, attribute + " " + e.getMessage());
                return Optional.empty();
            }
        }

        private <T> Optional<T> parsed(XmlElement element, String value, Function<String, T> parser) {
            try {
                return Optional.of(parser.apply(value.strip()));
            } catch (IllegalArgumentException e) {
                problem(element, e.getMessage());
                return Optional.empty();
            }
        }

        private Optional<String> required(XmlElement element, String attribute) {
            return checks.required(element, attribute);
        }

        private static List<XmlElement> children(XmlElement element, String name) {
            return XmlChecks.children(element, name);
        }

        private void problem(XmlElement element, String reason) {
            checks.problem(element, reason);
        }

        /** The optional {@code <acknowledgement>} of a shared mailbox; see {@link AcknowledgementReading}. */
        private Optional<AcknowledgementSettings> readAcknowledgements(XmlElement mailbox) {
            List<XmlElement> elements = children(mailbox, "acknowledgement");
            elements.stream().skip(1).forEach(extra -> problem(extra, "appears more than once in this shared mailbox"));
            return elements.stream().findFirst()
                .flatMap(element -> new AcknowledgementReading(templateFiles, problems).read(element));
        }
    }
}
