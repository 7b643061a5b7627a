package com.teaminbox.core.deployment;

/**
 * One place where James's own configuration leaves shared mailboxes ungoverned: the file, the
 * element (with the server's name and port where there is one), what goes wrong and the fix.
 */
public record DeploymentProblem(String file, String element, String reason) {
    @Override
    public String toString() {
        return file + ": " + element + " " + reason;
    }
}
