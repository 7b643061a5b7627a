package com.teaminbox.core.webhooks;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.teaminbox.core.config.xml.ConfigurationProblem;
import com.teaminbox.core.config.xml.TemplateFiles;
import com.teaminbox.core.config.xml.XmlChecks;
import com.teaminbox.core.config.xml.XmlElement;
import com.teaminbox.core.rules.Rule;
import com.teaminbox.core.rules.RuleAction;
import com.teaminbox.core.rules.Rules;

/**
 * Reads a shared mailbox's {@code <webhooks>} (docs/webhooks.md): endpoints with their URL,
 * events, secrets (read now from a file next to the configuration or an environment variable,
 * never echoed in a message), optional payload template; and checks that every rule's
 * {@code <webhook endpoint="...">} names one of them. A URL that reaches loopback, link-local or
 * private addresses is refused unless its endpoint allows it explicitly.
 */
public final class WebhooksReading {
    private static final Pattern ENDPOINT_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Pattern REPOSITORY = Pattern.compile("[a-z][a-z0-9]{1,19}://[A-Za-z0-9/_.-]{1,200}/");
    private static final int MAX_SECRETS = 2;
    private static final Duration MIN_FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration MAX_MAX_RETRY = Duration.ofHours(24);
    private static final Duration MAX_GIVE_UP = Duration.ofDays(7);
    private static final Duration MIN_TIMEOUT = Duration.ofMillis(100);
    private static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);

    private final List<ConfigurationProblem> problems;
    private final XmlChecks checks;
    private final TemplateFiles files;
    private final Function<String, Optional<String>> environment;

    public WebhooksReading(List<ConfigurationProblem> problems, TemplateFiles files) {
        this(problems, files, name -> Optional.ofNullable(System.getenv(name)));
    }

    public WebhooksReading(List<ConfigurationProblem> problems, TemplateFiles files, Function<String, Optional<String>> environment) {
        this.problems = problems;
        this.checks = new XmlChecks(problems);
        this.files = files;
        this.environment = environment;
    }

    public WebhookSettings read(XmlElement mailbox, Optional<Rules> rules) {
        List<XmlElement> sections = XmlChecks.children(mailbox, "webhooks");
        sections.stream().skip(1).forEach(extra -> checks.problem(extra, "appears more than once in this shared mailbox"));
        WebhookSettings settings = sections.isEmpty() ? WebhookSettings.NONE : readSection(sections.get(0));
        rules.ifPresent(declared -> checkRuleEndpoints(declared, settings));
        return settings;
    }

    private WebhookSettings readSection(XmlElement section) {
        String repository = section.attribute("repository").map(String::strip).orElse(WebhookSettings.DEFAULT_REPOSITORY);
        if (!REPOSITORY.matcher(repository).matches()) {
            checks.problem(section, "repository '" + repository + "' is not a James mail repository URL such as "
                + WebhookSettings.DEFAULT_REPOSITORY + " (protocol, path, final '/')");
        }
        RetrySchedule defaults = RetrySchedule.DEFAULT;
        Duration firstRetry = duration(section, "first-retry", defaults.firstRetry(), MIN_FIRST_RETRY, Duration.ofHours(1));
        Duration maxRetry = duration(section, "max-retry", defaults.maxRetry(), MIN_FIRST_RETRY, MAX_MAX_RETRY);
        Duration giveUpAfter = duration(section, "give-up-after", defaults.giveUpAfter(), MIN_FIRST_RETRY, MAX_GIVE_UP);
        Duration timeout = duration(section, "timeout", WebhookSettings.DEFAULT_TIMEOUT, MIN_TIMEOUT, MAX_TIMEOUT);
        RetrySchedule retries = defaults;
        try {
            retries = new RetrySchedule(firstRetry, maxRetry, giveUpAfter);
        } catch (IllegalArgumentException e) {
            checks.problem(section, e.getMessage());
        }
        List<WebhookEndpoint> endpoints = new ArrayList<>();
        Map<String, XmlElement> names = new HashMap<>();
        for (XmlElement element : XmlChecks.children(section, "endpoint")) {
            readEndpoint(element).ifPresent(endpoint -> {
                XmlElement first = names.putIfAbsent(endpoint.name(), element);
                if (first != null) {
                    checks.problem(element, "name '" + endpoint.name() + "' is already used at line " + first.location().line());
                } else {
                    endpoints.add(endpoint);
                }
            });
        }
        return new WebhookSettings(endpoints, repository, retries, timeout);
    }

    private Optional<WebhookEndpoint> readEndpoint(XmlElement element) {
        int before = checks.problemCount();
        Optional<String> name = checks.required(element, "name").map(String::strip);
        name.filter(value -> !ENDPOINT_NAME.matcher(value).matches()).ifPresent(value -> checks.problem(element,
            "name '" + value + "' is invalid; use lower-case letters, digits and '-' (at most 40)"));
        boolean allowPrivate = bool(element, "allow-private-network");
        Optional<URI> url = checks.required(element, "url").flatMap(value -> url(element, value.strip(), allowPrivate));
        Set<WebhookEventType> events = events(element);
        Optional<PayloadTemplate> template = element.attribute("template").map(String::strip).flatMap(path -> template(element, path));
        List<WebhookSecret> secrets = secrets(element);
        if (checks.problemCount() > before || name.isEmpty() || url.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new WebhookEndpoint(name.get(), url.get(), events, secrets, allowPrivate, template, element.location()));
    }

    private Optional<URI> url(XmlElement element, String value, boolean allowPrivate) {
        URI url;
        try {
            url = new URI(value);
        } catch (URISyntaxException e) {
            checks.problem(element, "url '" + value + "' is not a URL: " + e.getReason());
            return Optional.empty();
        }
        String scheme = Optional.ofNullable(url.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            checks.problem(element, "url '" + value + "' must start with https:// (or http://)");
            return Optional.empty();
        }
        if (url.getHost() == null) {
            checks.problem(element, "url '" + value + "' has no host name");
            return Optional.empty();
        }
        if (url.getRawUserInfo() != null || url.getRawFragment() != null) {
            checks.problem(element, "url '" + value + "' may not carry a user name, password or fragment; authenticate the receiver with the signature");
            return Optional.empty();
        }
        Optional<String> kind = PrivateNetworks.kindOfLiteral(url.getHost());
        if (kind.isPresent() && !allowPrivate) {
            checks.problem(element, "url '" + value + "' reaches a " + kind.get() + " address; a webhook may not call into the server's own "
                + "network unless this endpoint says allow-private-network=\"true\"");
            return Optional.empty();
        }
        return Optional.of(url);
    }

    private Set<WebhookEventType> events(XmlElement element) {
        Set<WebhookEventType> events = EnumSet.noneOf(WebhookEventType.class);
        for (String word : element.attribute("events").orElse("").split("[\\s,]+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (word.equals("*")) {
                events.addAll(EnumSet.complementOf(EnumSet.of(WebhookEventType.RULE_MATCHED)));
                continue;
            }
            Optional<WebhookEventType> type = WebhookEventType.fromWireName(word);
            if (type.isEmpty()) {
                checks.problem(element, "events lists '" + word + "', which is not an event; accepted: * or " + WebhookEventType.acceptedWireNames());
            } else if (type.get() == WebhookEventType.RULE_MATCHED) {
                checks.problem(element, "events lists 'rule.matched', which only a rule sends: add <webhook endpoint=\"...\"/> to the rule");
            } else {
                events.add(type.get());
            }
        }
        return events;
    }

    private List<WebhookSecret> secrets(XmlElement endpoint) {
        List<XmlElement> elements = XmlChecks.children(endpoint, "secret");
        if (elements.isEmpty()) {
            checks.problem(endpoint, "has no <secret file=\"...\"/> or <secret env=\"...\"/>; every webhook is signed");
        }
        if (elements.size() > MAX_SECRETS) {
            checks.problem(elements.get(MAX_SECRETS), "is a third secret; an endpoint has one, or two while rotating");
        }
        List<WebhookSecret> secrets = new ArrayList<>();
        for (XmlElement element : elements) {
            Optional<String> file = element.attribute("file").map(String::strip);
            Optional<String> env = element.attribute("env").map(String::strip);
            if (file.isPresent() == env.isPresent()) {
                checks.problem(element, "needs exactly one of file=\"...\" (relative to the configuration) and env=\"...\"");
                continue;
            }
            Optional<String> text;
            String origin;
            if (file.isPresent()) {
                origin = "file " + file.get();
                try {
                    text = Optional.of(files.read(file.get()));
                } catch (IOException e) {
                    checks.problem(element, "file '" + file.get() + "' cannot be read: " + e.getMessage());
                    continue;
                }
            } else {
                origin = "environment variable " + env.get();
                text = environment.apply(env.get());
                if (text.isEmpty()) {
                    checks.problem(element, "env '" + env.get() + "' is not set in James's environment");
                    continue;
                }
            }
            try {
                secrets.add(WebhookSecret.parse(text.get(), origin));
            } catch (IllegalArgumentException e) {
                checks.problem(element, e.getMessage());
            }
        }
        return secrets;
    }

    private Optional<PayloadTemplate> template(XmlElement element, String path) {
        try {
            return Optional.of(PayloadTemplate.of(files.read(path)));
        } catch (IOException e) {
            checks.problem(element, "template '" + path + "' cannot be read: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            checks.problem(element, "template '" + path + "' " + e.getMessage());
        }
        return Optional.empty();
    }

    private void checkRuleEndpoints(Rules rules, WebhookSettings settings) {
        for (Rule rule : rules.rules()) {
            rule.actions().stream().filter(RuleAction.Webhook.class::isInstance).map(RuleAction.Webhook.class::cast)
                .filter(action -> settings.endpoint(action.endpoint()).isEmpty())
                .forEach(action -> problems.add(rule.location().problem("webhook endpoint '" + action.endpoint()
                    + "' is not declared in this shared mailbox's <webhooks>"
                    + (settings.endpoints().isEmpty() ? "" : "; declared: " + settings.endpoints().stream().map(WebhookEndpoint::name).toList()))));
        }
    }

    private boolean bool(XmlElement element, String attribute) {
        Optional<String> value = element.attribute(attribute).map(String::strip);
        if (value.isEmpty() || value.get().equals("false")) {
            return false;
        }
        if (value.get().equals("true")) {
            return true;
        }
        checks.problem(element, attribute + " '" + value.get() + "' is invalid; use true or false");
        return false;
    }

    private Duration duration(XmlElement element, String attribute, Duration fallback, Duration min, Duration max) {
        Optional<String> value = element.attribute(attribute).map(String::strip);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            Duration duration = Duration.parse(value.get());
            if (duration.compareTo(min) >= 0 && duration.compareTo(max) <= 0) {
                return duration;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        checks.problem(element, attribute + " '" + value.get() + "' is invalid; use an ISO-8601 duration from " + min + " to " + max
            + " such as PT30S");
        return fallback;
    }
}
