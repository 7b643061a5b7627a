package com.teaminbox.matchers;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.rules.MimeMailReader;
import com.teaminbox.core.rules.Rule;
import com.teaminbox.core.rules.RuleOutcome;
import com.teaminbox.core.rules.RuleSet;
import com.teaminbox.core.rules.Rules;

/**
 * Matches mail that one rule of one shared mailbox matches: its Lucene condition ({@code when}),
 * evaluated as {@code ApplyRules} evaluates it (same analysis, same fields), whatever the rule's
 * actions and mode. The rule is looked up by name in the configuration in force: a reload that
 * changes its condition is seen at once, one that removes it makes the matcher match nothing.
 * <pre>{@code
 * <mailet match="com.teaminbox.matchers.RuleMatches=support@example.test:urgent" class="ToProcessor">
 *   <processor>urgent</processor>
 * </mailet>
 * }</pre>
 */
public class RuleMatches extends GenericMatcher {
    /** A retired rule may still be matching a mail on another thread; it is closed this much later. */
    private static final long CLOSE_DELAY_SECONDS = 60;
    private static final ScheduledExecutorService CLOSER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "teaminbox-rule-matcher-closer");
        thread.setDaemon(true);
        return thread;
    });

    private final ConfigurationInForce configuration;
    private final Clock clock;
    private SharedMailboxCondition sharedMailbox;
    private String ruleName;
    private volatile Optional<Compiled> compiled = Optional.empty();

    @Inject
    public RuleMatches(ConfigurationInForce configuration, Clock clock) {
        this.configuration = configuration;
        this.clock = clock;
    }

    @Override
    public void init() throws MessagingException {
        String condition = Optional.ofNullable(getCondition()).map(String::strip).orElse("");
        int colon = condition.lastIndexOf(':');
        if (colon <= 0 || colon == condition.length() - 1) {
            throw new MessagingException("RuleMatches needs a shared mailbox and a rule name, as in "
                + "RuleMatches=support@example.test:urgent; got '" + condition + "'");
        }
        sharedMailbox = SharedMailboxCondition.parse("RuleMatches", Optional.of(condition.substring(0, colon)));
        ruleName = condition.substring(colon + 1).strip();
    }

    @Override
    public Collection<MailAddress> match(Mail mail) throws MessagingException {
        Optional<SharedMailbox> mailbox = sharedMailbox.in(configuration);
        Optional<Rule> rule = mailbox.flatMap(found -> found.rules().rules().stream().filter(candidate -> candidate.name().equals(ruleName))
            .findFirst());
        if (rule.isEmpty()) {
            return List.of();
        }
        Rules rules = mailbox.get().rules();
        Compiled current = compiledFor(new Rules(rules.language(), rules.bodyPrefixChars(), List.of(rule.get())));
        RuleOutcome outcome = current.ruleSet().evaluate(new MimeMailReader(rules.bodyPrefixChars())
            .read(mail.getMessage(), mail.getMessageSize(), ZonedDateTime.now(clock)));
        return outcome.applied().isEmpty() && outcome.audited().isEmpty() ? List.of() : mail.getRecipients();
    }

    @Override
    public String getMatcherInfo() {
        return "Mail the rule '" + ruleName + "' of the shared mailbox " + sharedMailbox.address().asString() + " matches";
    }

    @Override
    public void destroy() {
        compiled.ifPresent(retired -> retired.ruleSet().close());
    }

    /** One rule compiled per configuration: compiling registers its query in a Lucene monitor. */
    private synchronized Compiled compiledFor(Rules rules) {
        Optional<Compiled> known = compiled;
        if (known.isPresent() && known.get().rules().equals(rules)) {
            return known.get();
        }
        Compiled fresh = new Compiled(rules, RuleSet.compile(rules));
        compiled = Optional.of(fresh);
        known.ifPresent(retired -> CLOSER.schedule(() -> retired.ruleSet().close(), CLOSE_DELAY_SECONDS, TimeUnit.SECONDS));
        return fresh;
    }

    private record Compiled(Rules rules, RuleSet ruleSet) {
    }
}
