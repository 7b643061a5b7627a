package com.teaminbox.core.config.xml;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The checks every element reader makes, collecting problems instead of stopping at the first.
 * Which elements and attributes may appear, and which are required, is the schema's to say
 * ({@link SchemaValidation}); these are what it cannot: a required value that is only blanks.
 */
public final class XmlChecks {
    private final List<ConfigurationProblem> problems;

    public XmlChecks(List<ConfigurationProblem> problems) {
        this.problems = problems;
    }

    public int problemCount() {
        return problems.size();
    }

    public Optional<String> required(XmlElement element, String attribute) {
        Optional<String> value = element.attribute(attribute);
        if (value.isEmpty()) {
            // The schema requires it and reports its absence, with line and column.
            return Optional.empty();
        }
        if (value.get().isBlank()) {
            problem(element, "has an empty '" + attribute + "'; a value is required");
            return Optional.empty();
        }
        return value;
    }

    public static List<XmlElement> children(XmlElement element, String name) {
        return element.children().stream().filter(child -> child.name().equals(name)).collect(Collectors.toList());
    }

    public void problem(XmlElement element, String reason) {
        problems.add(element.location().problem(reason));
    }
}
