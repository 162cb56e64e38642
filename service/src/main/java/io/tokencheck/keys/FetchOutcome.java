package io.tokencheck.keys;

import java.time.Duration;

/** The result of one attempt to load an issuer's keys. */
public sealed interface FetchOutcome {

    /**
     * Usable keys (never empty).
     *
     * @param keys     the keys
     * @param freshFor how long they are fresh, already clamped into the configured TTL bounds
     */
    record Fetched(KeySet keys, Duration freshFor) implements FetchOutcome {
    }

    /**
     * The attempt failed; any keys loaded before stay in use.
     *
     * @param reason why, safe to log
     */
    record Failed(String reason) implements FetchOutcome {
    }
}
