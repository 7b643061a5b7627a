package com.teaminbox.core.autoreply;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The header fields of a mail as the governor sees them: names compared without case
 * (RFC 5322 section 1.2.2), every occurrence kept in order, values unfolded.
 */
public final class HeaderFields {
    private final Map<String, List<String>> values;

    private HeaderFields(Map<String, List<String>> values) {
        this.values = values;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<String> all(String name) {
        return values.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    public boolean contains(String name) {
        return !all(name).isEmpty();
    }

    @Override
    public String toString() {
        return "HeaderFields" + values.keySet();
    }

    public static final class Builder {
        private static final Pattern FOLDING = Pattern.compile("\\r?\\n[ \\t]");
        private final Map<String, List<String>> values = new TreeMap<>();

        private Builder() {
        }

        public Builder add(String name, String value) {
            // One call per header of each mail: String.replaceAll would compile the pattern each time.
            String unfolded = value == null ? "" : value.indexOf('\n') < 0 ? value : FOLDING.matcher(value).replaceAll(" ");
            values.computeIfAbsent(name.toLowerCase(Locale.ROOT), key -> new ArrayList<>()).add(unfolded);
            return this;
        }

        public HeaderFields build() {
            Map<String, List<String>> copy = new TreeMap<>();
            values.forEach((name, list) -> copy.put(name, List.copyOf(list)));
            return new HeaderFields(copy);
        }
    }
}
