package io.tokencheck.loadtest;

import java.time.Duration;

/**
 * The key-fetching intervals a scenario configures the embedded tokencheck with (see
 * {@link LoadtestConfig#scenarioTemplate}); the scenario's phase lengths and its verdict's bounds derive from them.
 */
public record ScenarioTimings(Duration ttl, Duration maxStaleness, Duration unknownKidInterval, Duration requestWait,
                              Duration readTimeout) {
    /** Rotation and outage: keys fresh for 1 s, so that refreshes (and, in an outage, failed ones) run all along. */
    public static final ScenarioTimings KEY_EVENTS = new ScenarioTimings(Duration.ofSeconds(1), Duration.ofMinutes(10),
            Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
    /** Hostile: keys fresh for 10 minutes, so that every JWKS fetch during the flood is an unknown-kid refetch. */
    public static final ScenarioTimings FLOOD = new ScenarioTimings(Duration.ofMinutes(10), Duration.ofMinutes(10),
            Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));

    /**
     * How long after a JWKS change tokencheck has surely loaded it: a fetch already on the wire may have read the old
     * set (up to readTimeout), and the next refresh comes within one ttl (refresh-ahead at 80 % of it); twice ttl
     * leaves a margin for a busy machine.
     */
    public Duration settle() {
        return ttl.multipliedBy(2).plus(readTimeout);
    }

    /**
     * The most JWKS fetches unknown-kid refetches can cause within this much time: tokencheck starts at most one per
     * unknown_kid_min_interval, so n fetches span at least (n - 1) intervals. Its clock has millisecond steps, so
     * two fetches "one interval apart" may be 1 ms less apart in real time: the interval is taken 1 ms shorter.
     */
    public long refetchBound(Duration elapsed) {
        long interval = Math.max(1, unknownKidInterval.toMillis() - 1);
        return 1 + elapsed.toMillis() / interval;
    }
}
