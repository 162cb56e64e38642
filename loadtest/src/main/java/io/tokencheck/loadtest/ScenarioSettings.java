package io.tokencheck.loadtest;

import java.net.URI;
import java.time.Duration;

/**
 * A scenario's command-line settings: the valid traffic's rate and mix, the measured duration (all phases
 * together), the flood's rate and mix (hostile), the warm-up, the generator's bounds, the seed, an explicit JWKS
 * fetch bound (-1: the one the timings give) and whether the outage is a slow server rather than 503s.
 */
record ScenarioSettings(double rate, Duration duration, double floodRate, Mix mix, Mix floodMix, Duration warmup,
                        int maxInFlight, int connections, Duration timeout, long seed, long maxFetches,
                        boolean slowOutage) {
    /** The longest scenario accepted: far below max_staleness, so an outage never outlives the last good keys. */
    static final Duration MAX_DURATION = Duration.ofMinutes(5);

    ScenarioSettings {
        if (duration.compareTo(MAX_DURATION) > 0 || duration.isNegative() || duration.isZero()) {
            throw new Arguments.UsageException("--duration must be above 0 and at most 5m");
        }
    }

    /** Open-loop settings against base at this rate: plan size / rate seconds. */
    RunSettings run(URI base, double atRate, Duration d) {
        return new RunSettings(base, LoadtestConfig.CHECK_PATH, atRate, d, maxInFlight, connections, timeout);
    }
}
