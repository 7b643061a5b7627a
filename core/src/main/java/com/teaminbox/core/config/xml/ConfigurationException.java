package com.teaminbox.core.config.xml;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The shared-mailbox configuration is refused. The message lists every problem found, one per
 * line, each as {@code file:line: <element> reason}.
 */
public class ConfigurationException extends RuntimeException {
    private final List<ConfigurationProblem> problems;

    public ConfigurationException(List<ConfigurationProblem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigurationException(ConfigurationProblem problem) {
        this(List.of(problem));
    }

    public ConfigurationException(ConfigurationProblem problem, Throwable cause) {
        super(describe(List.of(problem)), cause);
        this.problems = List.of(problem);
    }

    public List<ConfigurationProblem> problems() {
        return problems;
    }

    private static String describe(List<ConfigurationProblem> problems) {
        if (problems.size() == 1) {
            return "Invalid shared-mailbox configuration: " + problems.get(0);
        }
        return "Invalid shared-mailbox configuration (" + problems.size() + " problems):\n"
            + problems.stream().map(problem -> "  " + problem).collect(Collectors.joining("\n"));
    }
}
