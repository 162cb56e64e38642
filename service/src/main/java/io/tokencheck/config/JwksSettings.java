package io.tokencheck.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How keys are fetched and cached (one set for all issuers).
 *
 * @param defaultTtl            how long fetched keys are fresh when the response has no usable Cache-Control max-age (default 5m)
 * @param minTtl                lower bound applied to max-age (default 1m)
 * @param maxTtl                upper bound applied to max-age (default 24h)
 * @param maxStaleness          how long the last good keys keep being used while refreshes fail (default 6h)
 * @param unknownKidMinInterval at most one refetch per issuer per this interval when a token names an unknown kid (default 30s)
 * @param connectTimeout        connect timeout for key and discovery fetches (default 2s)
 * @param readTimeout           whole-response timeout for key and discovery fetches (default 5s)
 * @param maxResponseBytes      largest accepted JWKS or discovery response (default 1 MiB)
 * @param requestWait           the longest a request waits for a fetch in flight (default 1s)
 * @param retryInterval         delay before the first retry of a failed fetch; doubles per consecutive failure (default 10s)
 * @param maxRetryInterval      upper bound of the doubling retry delay (default 5m)
 * @param unavailableStatus     /check status for a jwks_unavailable deny, 400..599 (default 503)
 * @param unavailableRetryAfter the Retry-After sent with that deny (default 30s)
 * @param allowPlainHttp        whether key and discovery URLs may be plain http to a non-loopback host (default false)
 * @param caFile                PEM file of the CAs trusted for https key fetches, or null for the JVM trust store
 */
public record JwksSettings(
        Duration defaultTtl,
        Duration minTtl,
        Duration maxTtl,
        Duration maxStaleness,
        Duration unknownKidMinInterval,
        Duration connectTimeout,
        Duration readTimeout,
        int maxResponseBytes,
        Duration requestWait,
        Duration retryInterval,
        Duration maxRetryInterval,
        int unavailableStatus,
        Duration unavailableRetryAfter,
        boolean allowPlainHttp,
        Path caFile) {

    /** Default for {@link #maxRetryInterval}. */
    public static final Duration DEFAULT_MAX_RETRY_INTERVAL = Duration.ofMinutes(5);
    /** Default for {@link #unavailableStatus}. */
    public static final int DEFAULT_UNAVAILABLE_STATUS = 503;
    /** Default for {@link #unavailableRetryAfter}. */
    public static final Duration DEFAULT_UNAVAILABLE_RETRY_AFTER = Duration.ofSeconds(30);

    /** Settings with the defaults for back-off, the jwks_unavailable answer and transport security. */
    public JwksSettings(Duration defaultTtl, Duration minTtl, Duration maxTtl, Duration maxStaleness,
                        Duration unknownKidMinInterval, Duration connectTimeout, Duration readTimeout,
                        int maxResponseBytes, Duration requestWait, Duration retryInterval) {
        this(defaultTtl, minTtl, maxTtl, maxStaleness, unknownKidMinInterval, connectTimeout, readTimeout,
                maxResponseBytes, requestWait, retryInterval, max(retryInterval, DEFAULT_MAX_RETRY_INTERVAL),
                DEFAULT_UNAVAILABLE_STATUS, DEFAULT_UNAVAILABLE_RETRY_AFTER, false, null);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
