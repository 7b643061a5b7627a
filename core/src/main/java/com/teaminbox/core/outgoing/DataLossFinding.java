package com.teaminbox.core.outgoing;

/**
 * A detector found something at a location ({@code subject}, {@code text body}, {@code HTML body},
 * {@code attachment notes.txt}). Carries no part of the text found: findings go into SMTP replies,
 * notices and the audit trail.
 */
public record DataLossFinding(DataLossDetector detector, String location) {
    public DataLossAction action() {
        return detector.action();
    }

    /** {@code card-numbers in text body}. */
    public String describe() {
        return detector.name() + " in " + location;
    }
}
