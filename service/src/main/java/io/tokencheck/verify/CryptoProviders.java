package io.tokencheck.verify;

import io.tokencheck.keys.JwsAlgorithm;
import java.security.Provider;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

/**
 * Which JCA provider serves each JWS algorithm: chosen once per process, the fastest candidate that loads and passes
 * its self-test, the JDK's provider otherwise.
 *
 * @param preference what was asked for ({@code tokencheck.crypto} / {@code TOKENCHECK_CRYPTO})
 * @param choices    the provider per algorithm (every algorithm has one)
 * @param rejected   candidates that were preferred for some algorithm but did not load or failed the self-test
 */
public record CryptoProviders(CryptoPreference preference, Map<JwsAlgorithm, Choice> choices,
                              Set<ProviderCandidate> rejected) {
    private static final Logger LOG = Logger.getLogger(CryptoProviders.class.getName());

    /**
     * One algorithm's provider.
     *
     * @param candidate which kind of provider
     * @param provider  the provider instance (held, not installed in the JVM's global list)
     */
    public record Choice(ProviderCandidate candidate, Provider provider) {
        /** The provider's name, as in {@code Provider.getName()} (e.g. AmazonCorrettoCryptoProvider, BC, SunEC). */
        public String providerName() {
            return provider.getName();
        }
    }

    /** Immutable copies. */
    public CryptoProviders {
        choices = Collections.unmodifiableMap(new EnumMap<>(choices));
        rejected = Collections.unmodifiableSet(rejected.isEmpty()
                ? EnumSet.noneOf(ProviderCandidate.class) : EnumSet.copyOf(rejected));
    }

    /**
     * The process-wide selection for the preference in {@code tokencheck.crypto} / {@code TOKENCHECK_CRYPTO}, waiting
     * for it if it is still being made (see {@link #selection()}).
     */
    public static CryptoProviders selected() {
        return Selected.FUTURE.join();
    }

    /**
     * The process-wide selection, made and logged (one line) on a background thread started by the first call of this
     * or {@link #selected()}. Loading a native provider and self-testing every algorithm takes a second or more, so
     * start-up begins it early and lets it overlap with the web server's start and the first key fetches.
     */
    public static CompletableFuture<CryptoProviders> selection() {
        return Selected.FUTURE;
    }

    /** A fresh selection for this preference (runs the self-tests; not logged). */
    public static CryptoProviders select(CryptoPreference preference) {
        return select(preference, preference.candidates());
    }

    /** A fresh selection among these candidates only; the JDK is always allowed, as the last resort. */
    static CryptoProviders select(CryptoPreference preference, Set<ProviderCandidate> allowed) {
        Map<JwsAlgorithm, Choice> choices = new EnumMap<>(JwsAlgorithm.class);
        Set<ProviderCandidate> rejected = EnumSet.noneOf(ProviderCandidate.class);
        ProviderSelfTest selfTest = new ProviderSelfTest();
        for (JwsAlgorithm alg : JwsAlgorithm.values()) {
            for (ProviderCandidate c : ProviderCandidate.preferenceFor(alg)) {
                if (c != ProviderCandidate.JDK && !allowed.contains(c)) {
                    continue;
                }
                Provider p = c.load(alg);
                // The JDK is the baseline the others are tested against: it is not tested itself.
                if (p != null && (c == ProviderCandidate.JDK || selfTest.passes(alg, p))) {
                    choices.put(alg, new Choice(c, p));
                    break;
                }
                rejected.add(c);
            }
            if (!choices.containsKey(alg)) {
                throw new IllegalStateException("no JCA provider for " + alg + " (not even the JDK's)");
            }
        }
        return new CryptoProviders(preference, choices, rejected);
    }

    /** The provider that serves this algorithm. */
    public Provider provider(JwsAlgorithm alg) {
        return choices.get(alg).provider();
    }

    /** The name of the provider that serves this algorithm. */
    public String providerName(JwsAlgorithm alg) {
        return choices.get(alg).providerName();
    }

    /** True when every algorithm is served by the JDK's providers. */
    public boolean allJdk() {
        return choices.values().stream().allMatch(c -> c.candidate() == ProviderCandidate.JDK);
    }

    /**
     * One line for the start-up log, algorithms grouped by provider, e.g.
     * {@code crypto providers (tokencheck.crypto=fast): AmazonCorrettoCryptoProvider [RS256 ... HS512], BC [EdDSA]}.
     */
    public String summary() {
        Map<String, StringJoiner> byProvider = new LinkedHashMap<>();
        choices.forEach((alg, c) -> byProvider.computeIfAbsent(c.providerName() + " " + c.provider().getVersionStr(),
                k -> new StringJoiner(" ", "[", "]")).add(alg.name()));
        StringJoiner line = new StringJoiner(", ", "crypto providers (" + CryptoPreference.PROPERTY + "="
                + preference.name().toLowerCase(java.util.Locale.ROOT) + "): ", "");
        byProvider.forEach((p, algs) -> line.add(p + " " + algs));
        String text = line.toString();
        return rejected.isEmpty() ? text : text + "; not usable here: " + rejected;
    }

    /** Selected on first use, so that a process that never verifies never loads a native library. */
    private static final class Selected {
        static final CompletableFuture<CryptoProviders> FUTURE = start();

        private static CompletableFuture<CryptoProviders> start() {
            CompletableFuture<CryptoProviders> f = new CompletableFuture<>();
            Thread.ofPlatform().daemon().name("tokencheck-crypto-selection").start(() -> {
                try {
                    f.complete(selectAndLog());
                } catch (Throwable t) {
                    // Every verification then fails (closed): SignatureVerifier treats the error as an invalid signature.
                    LOG.severe("crypto provider selection failed: " + t);
                    f.completeExceptionally(t);
                }
            });
            return f;
        }

        private static CryptoProviders selectAndLog() {
            long start = System.nanoTime();
            CryptoProviders p = select(CryptoPreference.fromEnvironment());
            LOG.info(p.summary() + " (selected in " + (System.nanoTime() - start) / 1_000_000 + " ms)");
            return p;
        }
    }
}
