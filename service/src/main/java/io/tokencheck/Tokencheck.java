package io.tokencheck;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tokencheck.config.IssuerSettings;
import io.tokencheck.config.TokencheckConfig;
import io.tokencheck.decision.DecisionMetrics;
import io.tokencheck.decision.TokenChecker;
import io.tokencheck.keys.IssuerKeys;
import io.tokencheck.verify.CryptoProviderMetrics;
import io.tokencheck.verify.CryptoProviders;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The verification core wired from configuration, without HTTP: issuer key caches, the token checker and the
 * metrics registry. Embed it to verify tokens in-process; {@link TokencheckServer} puts HTTP in front of it.
 */
public final class Tokencheck implements AutoCloseable {
    private final TokencheckConfig config;
    private final PrometheusMeterRegistry registry;
    private final List<IssuerKeys> issuerKeys;
    private final TokenChecker checker;
    private final CompletableFuture<Void> crypto;

    private Tokencheck(TokencheckConfig config, PrometheusMeterRegistry registry, List<IssuerKeys> issuerKeys,
                       TokenChecker checker, CompletableFuture<Void> crypto) {
        this.crypto = crypto;
        this.config = config;
        this.registry = registry;
        this.issuerKeys = issuerKeys;
        this.checker = checker;
    }

    /** Wires everything and starts fetching keys in the background (never blocks on an identity provider). */
    public static Tokencheck create(TokencheckConfig config, Clock clock) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // Not ready until the providers are chosen, so that no request waits for the selection.
        CompletableFuture<Void> crypto = CryptoProviders.selection()
                .thenAccept(p -> new CryptoProviderMetrics(p).bindTo(registry));
        Map<IssuerSettings, IssuerKeys> keys = new LinkedHashMap<>();
        for (IssuerSettings issuer : config.issuers()) {
            keys.put(issuer, IssuerKeys.create(issuer, config.jwks(), registry, clock));
        }
        TokenChecker checker = TokenChecker.fromConfig(config, i -> keys.get(i)::lookup, clock, new DecisionMetrics(registry));
        keys.values().forEach(IssuerKeys::start);
        return new Tokencheck(config, registry, new ArrayList<>(keys.values()), checker, crypto);
    }

    /** Wires everything on the system clock. */
    public static Tokencheck create(TokencheckConfig config) {
        return create(config, Clock.systemUTC());
    }

    /** The configuration this instance runs. */
    public TokencheckConfig config() {
        return config;
    }

    /** The token checker. */
    public TokenChecker checker() {
        return checker;
    }

    /** The metrics registry (Prometheus). */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Issuer name to whether it currently has usable keys. */
    public Map<String, Boolean> readiness() {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (int i = 0; i < issuerKeys.size(); i++) {
            out.put(config.issuers().get(i).name(), issuerKeys.get(i).ready());
        }
        return out;
    }

    /** True when the crypto providers are chosen (and published in the metrics). */
    public boolean cryptoReady() {
        return crypto.isDone();
    }

    /** True when the crypto providers are chosen and every issuer has usable keys. */
    public boolean ready() {
        return cryptoReady() && issuerKeys.stream().allMatch(IssuerKeys::ready);
    }

    /** Waits until every issuer has usable keys, at most this long; true when ready. */
    public boolean awaitReady(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!ready()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ready();
            }
        }
        return true;
    }

    @Override
    public void close() {
        issuerKeys.forEach(IssuerKeys::close);
        registry.close();
    }
}
