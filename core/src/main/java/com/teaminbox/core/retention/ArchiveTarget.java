package com.teaminbox.core.retention;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;

import com.teaminbox.core.mailbox.FolderName;

/**
 * Where a move policy files a message: a folder template such as {@code Archive/{year}/{month}},
 * filled from the message's internal date in UTC ({@code {month}} is two digits, {@code 01} to
 * {@code 12}; {@code {day}} likewise). Folders it names are created on demand.
 */
public final class ArchiveTarget {
    private static final Instant SAMPLE = Instant.parse("2026-12-31T00:00:00Z");

    private final String template;

    /** @throws IllegalArgumentException when a filled-in template is not a folder name, or has an unknown placeholder */
    public static ArchiveTarget of(String template) {
        Objects.requireNonNull(template, "template");
        String stripped = template.strip();
        String withoutPlaceholders = stripped.replace("{year}", "").replace("{month}", "").replace("{day}", "");
        if (withoutPlaceholders.contains("{") || withoutPlaceholders.contains("}")) {
            throw new IllegalArgumentException("target '" + template + "' has an unknown placeholder; accepted: {year}, {month}, {day}");
        }
        ArchiveTarget target = new ArchiveTarget(stripped);
        try {
            target.folderFor(SAMPLE);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("target '" + template + "' is not a folder: " + e.getMessage(), e);
        }
        return target;
    }

    private ArchiveTarget(String template) {
        this.template = template;
    }

    public FolderName folderFor(Instant internalDate) {
        ZonedDateTime date = internalDate.atZone(ZoneOffset.UTC);
        return FolderName.of(template
            .replace("{year}", String.format("%04d", date.getYear()))
            .replace("{month}", String.format("%02d", date.getMonthValue()))
            .replace("{day}", String.format("%02d", date.getDayOfMonth())));
    }

    /** True when no placeholder is used: every message goes to the same folder. */
    public boolean isFixed() {
        return !template.contains("{");
    }

    public String template() {
        return template;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArchiveTarget && template.equals(((ArchiveTarget) o).template);
    }

    @Override
    public int hashCode() {
        return template.hashCode();
    }

    @Override
    public String toString() {
        return template;
    }
}
