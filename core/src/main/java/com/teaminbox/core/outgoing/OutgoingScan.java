package com.teaminbox.core.outgoing;

import java.util.List;
import java.util.Optional;

/**
 * What one pass over an outgoing mail found: the data-loss findings (the first location of each
 * detector), and a digest of its body text that a resend of the same reply reproduces whatever
 * boundaries or Message-ID the client chose the second time.
 *
 * @param complete false when the mail's structure stopped the scan early (findings are those up to there)
 */
public record OutgoingScan(List<DataLossFinding> findings, String bodyDigest, boolean complete) {
    public OutgoingScan {
        findings = List.copyOf(findings);
    }

    /** The strongest action among the findings: refuse over hold over flag. */
    public Optional<DataLossAction> strongestAction() {
        return findings.stream().map(DataLossFinding::action).max(Enum::compareTo);
    }

    public List<DataLossFinding> findings(DataLossAction action) {
        return findings.stream().filter(finding -> finding.action() == action).toList();
    }
}
