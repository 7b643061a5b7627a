package com.teaminbox.core.config;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The checks every element reader makes, collecting problems instead of stopping at the first. */
final class XmlChecks {
    private final List<ConfigurationProblem> problems;

    XmlChecks(List<ConfigurationProblem> problems) {
        this.problems = problems;
    }

    int problemCount() {
        return problems.size();
    }

    Optional<String> required(XmlElement element, String attribute) {
        Optional<String> value = element.attribute(attribute);
        if (value.isEmpty()) {
            problem(element, "is missing the required attribute '" + attribute + "'");
            return Optional.empty();
        }
        if (value.get().isBlank()) {
            problem(element, "has an empty '" + attribute + "'; a value is required");
            return Optional.empty();
        }
        return value;
    }

    void allowAttributes(XmlElement element, String... allowed) {
        List<String> accepted = List.of(allowed);
        element.attributes().keySet().stream()
            .filter(name -> !accepted.contains(name))
            .forEach(name -> problem(element, "has an unknown attribute '" + name + "'; "
                + (accepted.isEmpty() ? "it takes no attributes" : "accepted: " + String.join(", ", accepted))));
    }

    void allowChildren(XmlElement element, String... allowed) {
        List<String> accepted = List.of(allowed);
        element.children().stream()
            .filter(child -> !accepted.contains(child.name()))
            .forEach(child -> problem(child, "is not allowed inside <" + element.name() + ">; "
                + (accepted.isEmpty() ? "it takes no elements" : "accepted: "
                + accepted.stream().map(name -> "<" + name + ">").collect(Collectors.joining(", ")))));
    }

    static List<XmlElement> children(XmlElement element, String name) {
        return element.children().stream().filter(child -> child.name().equals(name)).collect(Collectors.toList());
    }

    void problem(XmlElement element, String reason) {
        problems.add(element.location().problem(reason));
    }
}
