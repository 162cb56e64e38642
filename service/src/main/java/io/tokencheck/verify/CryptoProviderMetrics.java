package io.tokencheck.verify;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Publishes which provider serves each algorithm: {@code tokencheck_crypto_provider{alg, provider} 1}, one series per
 * algorithm, so that a fleet on mixed hardware shows where the JDK fallback is in use.
 */
public final class CryptoProviderMetrics implements MeterBinder {
    private final CryptoProviders providers;

    /** For this selection (usually {@link CryptoProviders#selected()}). */
    public CryptoProviderMetrics(CryptoProviders providers) {
        this.providers = providers;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        providers.choices().forEach((alg, choice) -> Gauge.builder("tokencheck.crypto.provider", () -> 1)
                .description("The JCA provider that verifies signatures of this algorithm (value is always 1)")
                .tag("alg", alg.name())
                .tag("provider", choice.providerName())
                .register(registry));
    }
}
