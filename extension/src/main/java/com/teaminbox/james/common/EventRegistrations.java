package com.teaminbox.james.common;

import org.apache.james.events.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;

/** Ending an event bus registration from a listener, which must neither block nor throw. */
public final class EventRegistrations {
    private static final Logger LOGGER = LoggerFactory.getLogger(EventRegistrations.class);

    private EventRegistrations() {
    }

    /**
     * Unregisters without waiting, from any thread (a listener's own included: blocking there would
     * hold the event bus). A failure is only logged: the listener already ignores what it hears next.
     *
     * @param registration null when the registration has not completed yet: nothing to end
     * @param what what the listener watched, for the log
     */
    public static void stopQuietly(Registration registration, String what) {
        if (registration != null) {
            Mono.from(registration.unregister())
                .doOnError(e -> LOGGER.debug("Cannot stop watching {}", what, e))
                .onErrorResume(e -> Mono.empty())
                .subscribe();
        }
    }
}
