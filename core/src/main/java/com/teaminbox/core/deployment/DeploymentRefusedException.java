package com.teaminbox.core.deployment;

import java.util.List;
import java.util.stream.Collectors;

/**
 * TeamInbox refuses to start because James's configuration would leave a shared mailbox
 * ungoverned (see {@link DeploymentProblem}). The message lists every problem, one per line.
 */
public class DeploymentRefusedException extends RuntimeException {
    private final List<DeploymentProblem> problems;

    public DeploymentRefusedException(List<DeploymentProblem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public List<DeploymentProblem> problems() {
        return problems;
    }

    private static String describe(List<DeploymentProblem> problems) {
        if (problems.size() == 1) {
            return "TeamInbox refuses to start: " + problems.get(0);
        }
        return "TeamInbox refuses to start (" + problems.size() + " problems in James's configuration):\n"
            + problems.stream().map(problem -> "  " + problem).collect(Collectors.joining("\n"));
    }
}
