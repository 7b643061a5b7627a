package com.teaminbox.core.access;

import java.time.Instant;
import java.util.List;

/**
 * What one closed throttle window refused without checking: the aggregated audit record of
 * repeated failures, written once per window instead of once per attempt.
 *
 * @param kind whether {@code key} is a member name or a remote address
 * @param key the member name (lower case) or the remote address that was throttled
 * @param attempts attempts refused while throttled in that window
 * @param first when the first of them came
 * @param last when the last of them came
 * @param others the first few remote addresses (for a member) or member names (for an address) seen in the window
 */
public record ThrottledAttempts(LoginThrottle.Kind kind, String key, int attempts, Instant first, Instant last, List<String> others) {
    public ThrottledAttempts {
        others = List.copyOf(others);
    }
}
