package com.teaminbox.james.rules;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.inject.Singleton;

import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.core.rules.RuleSet;
import com.teaminbox.core.rules.Rules;

/**
 * Each shared mailbox's rules compiled once per configuration: a reload that changes rules
 * swaps in a new {@link RuleSet} between two mails; the old one is closed a minute later, after
 * any mail still being matched against it.
 */
@Singleton
public class CompiledRules {
    private static final long CLOSE_DELAY_SECONDS = 60;

    private final ConfigurationInForce configurationStore;
    private final Map<Rules, RuleSet> compiled = new ConcurrentHashMap<>();
    private final ScheduledExecutorService closer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "teaminbox-rules-closer");
        thread.setDaemon(true);
        return thread;
    });
    private volatile SharedMailboxesConfiguration compiledFor;

    @Inject
    public CompiledRules(ConfigurationInForce configurationStore) {
        this.configurationStore = configurationStore;
    }

    public RuleSet of(SharedMailbox sharedMailbox) {
        SharedMailboxesConfiguration current = configurationStore.current();
        if (current != compiledFor) {
            retireUnused(current);
        }
        // A plain look-up first: the rules are compiled once per configuration (at the first mail after a
        // reload), and a map's computeIfAbsent runs more code than its get for every other mail.
        RuleSet ruleSet = compiled.get(sharedMailbox.rules());
        return ruleSet != null ? ruleSet : compiled.computeIfAbsent(sharedMailbox.rules(), RuleSet::compile);
    }

    private synchronized void retireUnused(SharedMailboxesConfiguration current) {
        if (current == compiledFor) {
            return;
        }
        List<Rules> inUse = current.sharedMailboxes().stream().map(SharedMailbox::rules).collect(Collectors.toList());
        compiled.keySet().stream().filter(rules -> !inUse.contains(rules)).collect(Collectors.toList()).forEach(stale -> {
            RuleSet retired = compiled.remove(stale);
            if (retired != null) {
                closer.schedule(retired::close, CLOSE_DELAY_SECONDS, TimeUnit.SECONDS);
            }
        });
        compiledFor = current;
    }

    @PreDestroy
    public void close() {
        closer.shutdownNow();
        compiled.values().forEach(RuleSet::close);
        compiled.clear();
    }
}
