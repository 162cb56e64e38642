package io.tokencheck.loadtest;

import java.net.URI;
import java.time.Duration;

/**
 * How one open-loop run sends: to baseUrl + path, rate requests per second for duration, with at most maxInFlight
 * outstanding (more are dropped and counted), over at most connections keep-alive connections, each request given
 * up after timeout (counted, and recorded at the timeout in the latency histogram).
 */
public record RunSettings(URI baseUrl, String path, double rate, Duration duration, int maxInFlight, int connections,
                          Duration timeout) {
    /** The longest run accepted: every run is bounded in time. */
    public static final Duration MAX_DURATION = Duration.ofHours(24);

    public RunSettings {
        if (!(rate > 0) || rate > 1_000_000) {
            throw new IllegalArgumentException("rate must be above 0 and at most 1000000 per second");
        }
        if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("duration must be above 0 and at most 24h");
        }
        if (maxInFlight < 1 || connections < 1) {
            throw new IllegalArgumentException("max in-flight and connections must be at least 1");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be above 0");
        }
        if (baseUrl.getHost() == null || !"http".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException("the target must be an http:// URL with a host (no TLS)");
        }
    }

    /** The number of requests the schedule holds. */
    public int requestCount() {
        double n = Math.ceil(rate * duration.toNanos() / 1e9);
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("rate x duration is too many requests for one run");
        }
        return (int) n;
    }

    /** The same settings at another rate and duration. */
    public RunSettings at(double newRate, Duration newDuration) {
        return new RunSettings(baseUrl, path, newRate, newDuration, maxInFlight, connections, timeout);
    }

    /** The same settings against another path of the same server. */
    public RunSettings onPath(String newPath) {
        return new RunSettings(baseUrl, newPath, rate, duration, maxInFlight, connections, timeout);
    }
}
