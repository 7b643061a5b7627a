package com.teaminbox.core.reports;

import java.time.LocalDate;

/** The {@link Figures} of one day of the period, in the shared mailbox's time zone. */
public record DayFigures(LocalDate day, Figures figures) {
}
