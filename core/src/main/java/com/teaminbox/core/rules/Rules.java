package com.teaminbox.core.rules;

import java.util.List;
import java.util.Objects;

/**
 * A shared mailbox's rules as configured: ordered, in one language, reading at most
 * {@link #bodyPrefixChars()} characters of a body.
 * <pre>{@code
 * <rules language="fr" body-prefix-chars="65536"> <rule …/> … </rules>
 * }</pre>
 */
public final class Rules {
    /** 64 Ki characters: enough for any human-written message, bounded for a 50 MB one. */
    public static final int DEFAULT_BODY_PREFIX_CHARS = 65_536;
    public static final Rules NONE = new Rules(RuleLanguage.ENGLISH, DEFAULT_BODY_PREFIX_CHARS, List.of());

    private final RuleLanguage language;
    private final int bodyPrefixChars;
    private final List<Rule> rules;
    /** Computed once: a shared mailbox is a map key on every mail, and hashing 1,000 rules each time showed in profiles. */
    private final int hash;

    public Rules(RuleLanguage language, int bodyPrefixChars, List<Rule> rules) {
        this.language = Objects.requireNonNull(language);
        this.bodyPrefixChars = bodyPrefixChars;
        this.rules = List.copyOf(rules);
        this.hash = Objects.hash(language, bodyPrefixChars, this.rules);
    }

    public RuleLanguage language() {
        return language;
    }

    public int bodyPrefixChars() {
        return bodyPrefixChars;
    }

    public List<Rule> rules() {
        return rules;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            // the usual case: the map of compiled rule sets is asked with the very rules it holds
            return true;
        }
        if (!(o instanceof Rules)) {
            return false;
        }
        Rules that = (Rules) o;
        return hash == that.hash && language == that.language && bodyPrefixChars == that.bodyPrefixChars && rules.equals(that.rules);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
