package com.teaminbox.core.autoreply;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The header fields of a mail as the governor sees them: names compared without case
 * (RFC 5322 section 1.2.2), every occurrence kept in order, values unfolded.
 */
public final class HeaderFields {
    private final Map<String, List<String>> values;
    /** Lower-case names, when only those were gathered: asking for another is a bug, not an absent header. */
    private final Optional<Set<String>> gathered;

    private HeaderFields(Map<String, List<String>> values, Optional<Set<String>> gathered) {
        this.values = values;
        this.gathered = gathered;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @throws IllegalArgumentException when the fields were gathered {@link Builder#only only} for other names */
    public List<String> all(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        if (gathered.isPresent() && !gathered.get().contains(key)) {
            throw new IllegalArgumentException("Header " + name + " was not gathered; only " + gathered.get() + " were");
        }
        return values.getOrDefault(key, List.of());
    }

    public boolean contains(String name) {
        return !all(name).isEmpty();
    }

    @Override
    public String toString() {
        return "HeaderFields" + new TreeSet<>(values.keySet());
    }

    /**
     * Header names to gather from every mail, lower-cased once: {@link Builder#only(Collection)}
     * lower-cased and copied its names for each mail (22 for an acknowledgement).
     */
    public static final class Names {
        private final List<String> names;
        private final Set<String> lowerCase;

        private Names(Collection<String> names) {
            this.names = List.copyOf(names);
            this.lowerCase = this.names.stream().map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        }

        public static Names of(Collection<String> names) {
            return new Names(names);
        }

        /** As given, for a reader that asks the mail for these headers. */
        public List<String> asList() {
            return names;
        }
    }

    public static final class Builder {
        private static final Pattern FOLDING = Pattern.compile("\\r?\\n[ \\t]");
        /** Hash maps and loops, not tree maps and lambdas: built for every new ticket's mail (issue 18). */
        private final Map<String, List<String>> values = new HashMap<>();
        private Optional<Set<String>> gathered = Optional.empty();

        private Builder() {
        }

        /**
         * Says that only headers of these names are added (a mail's other headers were never read,
         * which is cheaper than reading them all); {@link HeaderFields#all} refuses any other name.
         */
        public Builder only(Collection<String> names) {
            return only(Names.of(names));
        }

        /** As {@link #only(Collection)}, with names lower-cased once for every mail. */
        public Builder only(Names names) {
            gathered = Optional.of(names.lowerCase);
            return this;
        }

        public Builder add(String name, String value) {
            // One call per header of each mail: String.replaceAll would compile the pattern each time.
            String unfolded = value == null ? "" : value.indexOf('\n') < 0 ? value : FOLDING.matcher(value).replaceAll(" ");
            String key = name.toLowerCase(Locale.ROOT);
            List<String> list = values.get(key);
            if (list == null) {
                list = new ArrayList<>(2);
                values.put(key, list);
            }
            list.add(unfolded);
            return this;
        }

        public HeaderFields build() {
            Map<String, List<String>> copy = new HashMap<>(values.size() * 2);
            for (Map.Entry<String, List<String>> entry : values.entrySet()) {
                copy.put(entry.getKey(), List.copyOf(entry.getValue()));
            }
            return new HeaderFields(copy, gathered);
        }
    }
}
