package io.tokencheck.config;

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
 * @param retryInterval         delay before retrying a failed fetch (default 10s)
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
        Duration retryInterval) {
}
