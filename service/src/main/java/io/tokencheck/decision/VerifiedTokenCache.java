package io.tokencheck.decision;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.tokencheck.parse.TokenClaims;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * Remembers tokens whose signature verified, keyed by the full token string (a hash alone could collide into an
 * auth bypass), bounded by the total token length, and expiring no later than each token's exp.
 * A hit skips parsing and signature work only: time checks and policies run again on every request.
 */
final class VerifiedTokenCache {
    /** How long a token without exp may stay (only possible when an issuer does not require exp). */
    private static final long NO_EXP_TTL_SECONDS = 300;

    private final Cache<String, VerifiedToken> cache;
    private final Clock clock;

    VerifiedTokenCache(long maxChars, Clock clock, MeterRegistry metrics) {
        this.clock = clock;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxChars)
                .weigher((String token, VerifiedToken v) -> token.length())
                .expireAfter(new UntilExp(clock))
                // Expiry follows the verification clock, which tests and `verify --at` may fix.
                .ticker(() -> clock.millis() * 1_000_000L)
                .executor(Runnable::run)
                .recordStats()
                .build();
        if (metrics != null) {
            CaffeineCacheMetrics.monitor(metrics, cache, "tokencheck.token.cache");
        }
    }

    /** The verified token, or null. */
    VerifiedToken get(String token) {
        return cache.getIfPresent(token);
    }

    /** Remembers a verified token unless it has already expired. */
    void put(String token, VerifiedToken verified) {
        long exp = verified.claims().exp();
        if (exp == TokenClaims.ABSENT || exp > clock.millis() / 1000) {
            cache.put(token, verified);
        }
    }

    /** Forgets a token (its key is gone). */
    void invalidate(String token) {
        cache.invalidate(token);
    }

    /** Number of cached tokens (approximate). */
    long size() {
        return cache.estimatedSize();
    }

    /** Expire at the token's exp (leeway is not added: a cache entry never outlives the token). */
    private record UntilExp(Clock clock) implements Expiry<String, VerifiedToken> {
        @Override
        public long expireAfterCreate(String key, VerifiedToken value, long currentTime) {
            long exp = value.claims().exp();
            long seconds = exp == TokenClaims.ABSENT ? NO_EXP_TTL_SECONDS : exp - clock.millis() / 1000;
            return TimeUnit.SECONDS.toNanos(Math.max(0, seconds));
        }

        @Override
        public long expireAfterUpdate(String key, VerifiedToken value, long currentTime, long currentDuration) {
            return expireAfterCreate(key, value, currentTime);
        }

        @Override
        public long expireAfterRead(String key, VerifiedToken value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
