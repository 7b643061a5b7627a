package com.teaminbox.core.rules;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.QueryMatch;
import org.apache.lucene.monitor.TermFilteredPresearcher;

/**
 * A shared mailbox's rules, compiled once per (re)load: every condition is registered in a
 * Lucene {@link Monitor}, whose presearcher indexes the rules' terms, so that a mail is analysed
 * once and only the rules that can match it are run — the cost grows with the rules a mail
 * could match, not with the number of rules.
 */
public final class RuleSet implements Closeable {
    private final Rules rules;
    private final Monitor monitor;

    public static RuleSet compile(Rules rules) {
        try {
            Monitor monitor = new Monitor(RuleFields.analyzer(rules.language()), new TermFilteredPresearcher());
            List<MonitorQuery> queries = IntStream.range(0, rules.rules().size())
                .mapToObj(index -> new MonitorQuery(Integer.toString(index), rules.rules().get(index).query()))
                .collect(Collectors.toList());
            monitor.register(queries);
            return new RuleSet(rules, monitor);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot compile rules", e);
        }
    }

    private RuleSet(Rules rules, Monitor monitor) {
        this.rules = rules;
        this.monitor = monitor;
    }

    public Rules rules() {
        return rules;
    }

    /** The rules this mail matches, in configuration order, applied up to the first that stops. */
    public RuleOutcome evaluate(MailDocument mail) {
        if (rules.isEmpty()) {
            return RuleOutcome.none();
        }
        boolean[] matched = new boolean[rules.rules().size()];
        try {
            MatchingQueries<QueryMatch> matches = monitor.match(mail.toLucene(), QueryMatch.SIMPLE_MATCHER);
            Map<String, Exception> errors = matches.getErrors();
            if (!errors.isEmpty()) {
                throw new IllegalStateException("Rules failed on this mail: " + errors.keySet().stream()
                    .map(id -> rules.rules().get(Integer.parseInt(id)).name()).collect(Collectors.toList()));
            }
            matches.getMatches().forEach(match -> matched[Integer.parseInt(match.getQueryId())] = true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot match rules", e);
        }
        return outcome(index -> matched[index]);
    }

    /** The same decision by running every rule's query on its own: the baseline of the benchmark. */
    public RuleOutcome evaluateNaively(MailDocument mail) {
        MemoryIndex index = MemoryIndex.fromDocument(
            mail.toLucene(), RuleFields.analyzer(rules.language()));
        return outcome(position -> index.search(rules.rules().get(position).query()) > 0);
    }

    private RuleOutcome outcome(Function<Integer, Boolean> matches) {
        List<Rule> applied = new ArrayList<>();
        List<Rule> audited = new ArrayList<>();
        for (int index = 0; index < rules.rules().size(); index++) {
            if (!matches.apply(index)) {
                continue;
            }
            Rule rule = rules.rules().get(index);
            if (rule.mode() == Rule.Mode.AUDIT) {
                audited.add(rule);
                continue;
            }
            applied.add(rule);
            if (rule.stops()) {
                break;
            }
        }
        return new RuleOutcome(applied, audited);
    }

    @Override
    public void close() {
        try {
            monitor.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
