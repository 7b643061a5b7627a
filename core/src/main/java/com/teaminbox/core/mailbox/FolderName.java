package com.teaminbox.core.mailbox;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A folder of a shared mailbox, written with {@code /} between levels ({@code Clients/ACME}).
 * The James adapter turns {@code /} into the mailbox layer's own delimiter, which is why that
 * delimiter ({@code .}) and the IMAP wildcards cannot appear inside a level.
 */
public final class FolderName {
    public static final int MAX_LENGTH = 200;
    static final String FORBIDDEN_CHARACTERS = ".%*#\"\\";

    public static final FolderName INBOX = new FolderName("INBOX");
    public static final FolderName SENT = new FolderName("Sent");
    public static final FolderName ARCHIVE = new FolderName("Archive");
    public static final FolderName JUNK = new FolderName("Junk");
    public static final FolderName TRASH = new FolderName("Trash");
    public static final FolderName TEMPLATES = new FolderName("Templates");

    /** Folders every shared mailbox has, whatever its configuration says. */
    public static final List<FolderName> STANDARD = List.of(INBOX, SENT, ARCHIVE, JUNK, TRASH, TEMPLATES);

    private final String path;

    public static FolderName of(String path) {
        Objects.requireNonNull(path, "path");
        if (path.isBlank()) {
            throw new IllegalArgumentException("folder name is empty");
        }
        if (path.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("folder name is longer than " + MAX_LENGTH + " characters");
        }
        if (path.startsWith("/") || path.endsWith("/") || path.contains("//")) {
            throw new IllegalArgumentException("folder name '" + path
                + "' has an empty level; write levels separated by single '/', as in 'Clients/ACME'");
        }
        for (char character : path.toCharArray()) {
            if (Character.isISOControl(character) || FORBIDDEN_CHARACTERS.indexOf(character) >= 0) {
                throw new IllegalArgumentException("folder name '" + path.replaceAll("\\p{Cntrl}", "?")
                    + "' contains a forbidden character; none of " + FORBIDDEN_CHARACTERS
                    + " or control characters may appear");
            }
        }
        if (path.equalsIgnoreCase("INBOX")) {
            return INBOX;
        }
        return new FolderName(path);
    }

    private FolderName(String path) {
        this.path = path;
    }

    /** Levels from the top, e.g. {@code ["Clients", "ACME"]}. */
    public List<String> levels() {
        return Arrays.asList(path.split("/"));
    }

    public String path() {
        return path;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FolderName && path.equals(((FolderName) o).path);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    @Override
    public String toString() {
        return path;
    }
}
