package com.teaminbox.core.access;

import java.util.Objects;

/**
 * What one IMAP command needs from a member of a shared mailbox.
 *
 * @param command the command name as the client sends it, upper case ({@code UID FETCH} is {@code FETCH})
 * @param scope the folder whose rights decide
 * @param rights the RFC 4314 rights needed there; more may be needed where {@code refinement} says
 * @param refinement empty, or what a processor checks on top because it depends on the arguments
 *     (the flags of a STORE, the target of a MOVE), or how it narrows the command instead of refusing it
 */
public record CommandRule(String command, CommandScope scope, Rights rights, String refinement) {
    public CommandRule {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(rights, "rights");
        Objects.requireNonNull(refinement, "refinement");
        if (scope == CommandScope.NONE && !rights.isEmpty()) {
            throw new IllegalArgumentException("command " + command + " needs rights '" + rights + "' but names no folder");
        }
    }
}
