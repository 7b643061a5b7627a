package com.teaminbox.core.rules;

import java.util.List;
import java.util.Objects;

import org.apache.lucene.search.Query;

import com.teaminbox.core.config.xml.SourceLocation;

/**
 * One rule of a shared mailbox:
 * <pre>{@code
 * <rule name="billing" when="subject:(invoice facture billing)">
 *   <file-into folder="Billing"/>
 *   <keyword name="$Billing"/>
 * </rule>
 * }</pre>
 * In {@code audit} mode a matching rule is recorded with what it would have done, and does nothing.
 */
public final class Rule {
    /** Whether a matching rule acts, or is only recorded. */
    public enum Mode {
        ACTIVE("active"), AUDIT("audit");

        private final String xmlName;

        Mode(String xmlName) {
            this.xmlName = xmlName;
        }

        public String xmlName() {
            return xmlName;
        }
    }

    private final String name;
    private final String condition;
    private final Query query;
    private final List<RuleAction> actions;
    private final Mode mode;
    private final SourceLocation location;
    /** Whether one of the actions is {@code <stop/>}: asked of each matching rule of every mail, so found once. */
    private final boolean stops;

    public Rule(String name, String condition, Query query, List<RuleAction> actions, Mode mode, SourceLocation location) {
        this.name = Objects.requireNonNull(name);
        this.condition = Objects.requireNonNull(condition);
        this.query = Objects.requireNonNull(query);
        this.actions = List.copyOf(actions);
        this.mode = Objects.requireNonNull(mode);
        this.location = Objects.requireNonNull(location);
        this.stops = this.actions.stream().anyMatch(RuleAction.Stop.class::isInstance);
    }

    public String name() {
        return name;
    }

    public String condition() {
        return condition;
    }

    public Query query() {
        return query;
    }

    public List<RuleAction> actions() {
        return actions;
    }

    public Mode mode() {
        return mode;
    }

    public SourceLocation location() {
        return location;
    }

    public boolean stops() {
        return stops;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Rule)) {
            return false;
        }
        Rule that = (Rule) o;
        return name.equals(that.name) && condition.equals(that.condition) && mode == that.mode
            && actions.toString().equals(that.actions.toString());
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, condition, mode, actions.toString());
    }

    @Override
    public String toString() {
        return name + (mode == Mode.AUDIT ? " (audit)" : "") + " when " + condition + " -> " + actions;
    }
}
