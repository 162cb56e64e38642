package io.tokencheck.keys;

import io.tokencheck.config.IssuerSettings;
import io.tokencheck.config.JwksSettings;
import io.tokencheck.config.KeySourceSettings;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.function.Consumer;

/** Where one issuer's keys come from; each fetch yields keys with a suggested freshness, or a failure. */
public sealed interface KeySource permits JwksUriSource, DiscoverySource, JwksFileSource, HmacSource {

    /** Loads the keys now (blocking, bounded by the configured timeouts); never throws. */
    FetchOutcome fetch();

    /** False for sources whose keys never change (configured secrets): fetched once, never stale. */
    boolean refreshes();

    /** What this source is, for logs (never a secret). */
    String description();

    /**
     * The source the issuer's settings name.
     *
     * @param http   client for JWKS and discovery fetches (its connect timeout applies)
     * @param onSkip told about every key that is left out
     */
    static KeySource of(IssuerSettings issuer, JwksSettings settings, HttpClient http, Clock clock,
                        Consumer<SkippedKey> onSkip) {
        Freshness freshness = new Freshness(settings.defaultTtl(), settings.minTtl(), settings.maxTtl());
        return switch (issuer.keys()) {
            case KeySourceSettings.HmacSecrets h ->
                    new HmacSource(HmacSecretConverter.convert(issuer.name(), h.secrets(), issuer.algorithms(), onSkip),
                            freshness.maxTtl());
            case KeySourceSettings.JwksFile f -> new JwksFileSource(f.path(), settings.maxResponseBytes(),
                    new JwkConverter(issuer.name(), issuer.algorithms(), onSkip), freshness.defaultTtl());
            case KeySourceSettings.JwksUri u -> new JwksUriSource(u.uri(), remote(issuer, settings, http, clock,
                    onSkip, freshness));
            case KeySourceSettings.Discovery d -> new DiscoverySource(d.discoveryUri(), issuer.issuer(), issuer.name(),
                    new DocumentFetcher(http, settings),
                    remote(issuer, settings, http, clock, onSkip, freshness));
        };
    }

    private static RemoteJwks remote(IssuerSettings issuer, JwksSettings settings, HttpClient http, Clock clock,
                                     Consumer<SkippedKey> onSkip, Freshness freshness) {
        return new RemoteJwks(new DocumentFetcher(http, settings),
                new JwkConverter(issuer.name(), issuer.algorithms(), onSkip), freshness, clock);
    }
}
