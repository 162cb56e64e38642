package io.tokencheck.keys;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tokencheck.config.IssuerSettings;
import io.tokencheck.config.JwksSettings;
import io.tokencheck.config.KeySourceSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One issuer's verification keys, kept loaded and fresh in the background: the decision code asks it for the keys
 * of a token's kid and alg.
 *
 * <p>Freshness: keys are refreshed at 80% of their TTL. A failed fetch keeps the last good keys
 * (stale-while-revalidate) and is retried with exponential back-off: retryInterval after the first failure, doubling
 * per consecutive failure up to maxRetryInterval, each delay up to 20% longer at random so that many instances do not
 * hit a recovering IdP together. Keys stay usable until their TTL plus maxStaleness has passed; after that the
 * issuer is not ready and lookups answer Unavailable.
 *
 * <p>Unknown kids: a token naming a kid that is not loaded triggers a refetch, at most one fetch in flight at a
 * time and at most one unknown-kid refetch per unknownKidMinInterval; the request waits for a fetch in flight at
 * most requestWait. A flood of made-up kids therefore costs the IdP at most one request per interval.
 *
 * <p>Time: ages, TTLs, staleness and the unknown-kid interval are measured with the given clock; the background
 * timers run on real time.
 */
public final class IssuerKeys implements KeyResolver, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(IssuerKeys.class.getName());
    private static final KeyLookup UNAVAILABLE = new KeyLookup.Unavailable();
    private static final double REFRESH_AT = 0.8;
    private static final double RETRY_JITTER = 0.2;
    private static final long NEVER = Long.MIN_VALUE;

    /** Lifecycle as far as logging is concerned: one log line per change. */
    private enum Health { STARTING, UNAVAILABLE, READY, FAILING, STALE }

    private final String name;
    private final IssuerSettings issuer;
    private final JwksSettings settings;
    private final Clock clock;
    private final KeySource source;
    private final HttpClient ownedHttp;
    private final ScheduledThreadPoolExecutor scheduler;
    // The current key set lives in Caffeine under the issuer's name; a read is a plain concurrent map get.
    private final Cache<String, KeyIndex> current = Caffeine.newBuilder().build();
    private final Counter fetchSuccesses;
    private final Counter fetchFailures;
    private final Counter skippedKeys;
    private volatile int consecutiveFailures;                   // written by the fetching thread only
    private volatile long lastSuccessMillis = NEVER;

    private final Object fetchLock = new Object();
    private volatile CompletableFuture<Void> inFlight;          // written under fetchLock
    private volatile long lastUnknownKidFetch = NEVER;          // written under fetchLock
    private ScheduledFuture<?> nextFetch;                       // guarded by fetchLock
    private final AtomicReference<Health> health = new AtomicReference<>(Health.STARTING);
    private volatile String lastLoggedFailure;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean closed;

    private IssuerKeys(IssuerSettings issuer, JwksSettings settings, MeterRegistry metrics, Clock clock,
                       HttpClient http) {
        this.name = issuer.name();
        this.issuer = issuer;
        this.settings = settings;
        this.clock = clock;
        this.fetchSuccesses = Counter.builder("tokencheck.jwks.fetches").description("Key set fetches")
                .tag("issuer", name).tag("outcome", "success").register(metrics);
        this.fetchFailures = Counter.builder("tokencheck.jwks.fetches").description("Key set fetches")
                .tag("issuer", name).tag("outcome", "failure").register(metrics);
        this.skippedKeys = Counter.builder("tokencheck.jwks.keys.skipped")
                .description("Published keys left out because they are unusable or not allowed")
                .tag("issuer", name).register(metrics);
        boolean remote = issuer.keys() instanceof KeySourceSettings.JwksUri
                || issuer.keys() instanceof KeySourceSettings.Discovery;
        this.ownedHttp = http == null && remote ? DocumentFetcher.defaultClient(settings) : null;
        this.source = KeySource.of(issuer, settings, http != null ? http : ownedHttp, clock,
                skipped -> skippedKeys.increment());
        this.scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "tokencheck-jwks-" + name);
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        Gauge.builder("tokencheck.jwks.keys", this, IssuerKeys::keyCount).description("Loaded verification keys")
                .tag("issuer", name).register(metrics);
        Gauge.builder("tokencheck.jwks.ready", this, k -> k.ready() ? 1 : 0)
                .description("1 when the issuer has usable keys").tag("issuer", name).register(metrics);
        Gauge.builder("tokencheck.jwks.staleness.seconds", this, IssuerKeys::stalenessSeconds)
                .description("Seconds since the loaded keys' freshness ended (0 while fresh, NaN before any load)")
                .tag("issuer", name).register(metrics);
        Gauge.builder("tokencheck.jwks.consecutive.failures", this, k -> k.consecutiveFailures)
                .description("Failed fetches since the last successful one").tag("issuer", name).register(metrics);
        Gauge.builder("tokencheck.jwks.last.success.timestamp.seconds", this, IssuerKeys::lastSuccessSeconds)
                .description("Epoch seconds of the last successful fetch (NaN before any)")
                .tag("issuer", name).register(metrics);
    }

    /** Keys for this issuer with a default HTTP client (built with the configured connect timeout). */
    public static IssuerKeys create(IssuerSettings issuer, JwksSettings settings, MeterRegistry metrics, Clock clock) {
        return new IssuerKeys(issuer, settings, metrics, clock, null);
    }

    /** Keys for this issuer fetched with the given HTTP client (its connect timeout applies; it is not closed). */
    public static IssuerKeys create(IssuerSettings issuer, JwksSettings settings, MeterRegistry metrics, Clock clock,
                                    HttpClient http) {
        return new IssuerKeys(issuer, settings, metrics, clock, http);
    }

    /** Starts loading the keys in the background. Never throws: an unreachable IdP only makes the issuer not ready. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        try {
            URI remote = switch (issuer.keys()) {
                case KeySourceSettings.JwksUri u -> u.uri();
                case KeySourceSettings.Discovery d -> d.discoveryUri();
                default -> null;
            };
            if (remote != null && settings.allowPlainHttp() && PlainHttp.toRemoteHost(remote)) {
                LOG.warning("issuer " + name + ": " + remote
                        + " is plain http to a non-loopback host; keys can be tampered with in transit");
            }
            LOG.info("issuer " + name + ": loading keys from " + source.description());
            CompletableFuture<Void> first;
            synchronized (fetchLock) {
                if (!source.refreshes()) {
                    // Configured secrets: nothing to wait for, so be ready before start returns.
                    first = new CompletableFuture<>();
                    inFlight = first;
                } else {
                    startFetchLocked();
                    return;
                }
            }
            runFetch(first);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "issuer " + name + ": cannot start loading keys", e);
        }
    }

    /**
     * The keys that may verify a token with this kid (may be null) and alg. A hit is a map and an array read.
     * A kid that is not loaded may trigger a refetch (see the class comment) and wait for it up to requestWait.
     */
    @Override
    public KeyLookup lookup(String kid, JwsAlgorithm alg) {
        if (alg == null) {
            return KeyIndex.NOT_FOUND;
        }
        KeyIndex index = current.getIfPresent(name);
        if (index != null && index.usableAt(clock.millis())) {
            KeyLookup answer = index.lookup(kid, alg);
            // A known kid with the wrong alg is not a rotation: refetching would not help.
            if (answer != KeyIndex.NOT_FOUND || index.hasKid(kid)) {
                return answer;
            }
        }
        return lookupAfterRefetch(kid, alg);
    }

    private KeyLookup lookupAfterRefetch(String kid, JwsAlgorithm alg) {
        CompletableFuture<Void> fetch = fetchForUnknownKid();
        if (fetch != null) {
            awaitQuietly(fetch, settings.requestWait());
        }
        KeyIndex index = current.getIfPresent(name);
        long now = clock.millis();
        if (index == null) {
            return UNAVAILABLE;
        }
        if (!index.usableAt(now)) {
            noticeStale(index);
            return UNAVAILABLE;
        }
        return index.lookup(kid, alg);
    }

    /** The fetch to wait for: the one in flight, a new one if the unknown-kid interval allows, or null. */
    private CompletableFuture<Void> fetchForUnknownKid() {
        CompletableFuture<Void> running = inFlight;
        if (running != null) {
            return running;
        }
        if (!unknownKidFetchAllowed(clock.millis())) {
            // Checked before taking the lock so that a flood of unknown kids does not queue on it.
            return null;
        }
        synchronized (fetchLock) {
            if (closed) {
                return null;
            }
            if (inFlight != null) {
                return inFlight;
            }
            long now = clock.millis();
            if (!unknownKidFetchAllowed(now)) {
                return null;
            }
            lastUnknownKidFetch = now;
            return startFetchLocked();
        }
    }

    private boolean unknownKidFetchAllowed(long now) {
        long last = lastUnknownKidFetch;
        return last == NEVER || now - last >= settings.unknownKidMinInterval().toMillis();
    }

    /** True when the issuer has keys that may be used: loaded, and not older than their TTL plus maxStaleness. */
    public boolean ready() {
        KeyIndex index = current.getIfPresent(name);
        if (index == null) {
            return false;
        }
        if (index.usableAt(clock.millis())) {
            return true;
        }
        noticeStale(index);
        return false;
    }

    /** Stops background fetching; lookups keep answering from the keys already loaded. */
    @Override
    public void close() {
        CompletableFuture<Void> running;
        synchronized (fetchLock) {
            closed = true;
            if (nextFetch != null) {
                nextFetch.cancel(false);
            }
            running = inFlight;
            inFlight = null;
        }
        scheduler.shutdownNow();
        if (ownedHttp != null) {
            ownedHttp.shutdownNow();
        }
        if (running != null) {
            running.complete(null);
        }
    }

    /** True when no fetch is in flight (for tests that count fetches). */
    boolean idle() {
        return inFlight == null;
    }

    /** The issuer name these keys belong to. */
    public String name() {
        return name;
    }

    private CompletableFuture<Void> startFetchLocked() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        inFlight = f;
        try {
            scheduler.execute(() -> runFetch(f));
        } catch (RejectedExecutionException e) {
            inFlight = null;
            f.complete(null);
        }
        return f;
    }

    private void scheduledFetch() {
        synchronized (fetchLock) {
            if (!closed && inFlight == null) {
                startFetchLocked();
            }
        }
    }

    private void runFetch(CompletableFuture<Void> done) {
        try {
            FetchOutcome outcome;
            try {
                outcome = source.fetch();
            } catch (RuntimeException e) {
                outcome = new FetchOutcome.Failed("unexpected " + e.getClass().getName());
            }
            if (closed) {
                // Interrupted by close: not a failure of the IdP, nothing to record.
                return;
            }
            // Leave flight before publishing: a lookup that misses the new keys must not join a fetch that has
            // already answered (it would wait for nothing and skip the refetch it is entitled to).
            endFlight(done);
            long now = clock.millis();
            Duration next = switch (outcome) {
                case FetchOutcome.Fetched ok -> onSuccess(ok, now);
                case FetchOutcome.Failed failed -> onFailure(failed, now);
            };
            scheduleNext(next);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "issuer " + name + ": unexpected error while loading keys", e);
            scheduleNext(settings.retryInterval());
        } finally {
            endFlight(done);
            done.complete(null);
        }
    }

    private void endFlight(CompletableFuture<Void> done) {
        synchronized (fetchLock) {
            if (inFlight == done) {
                inFlight = null;
            }
        }
    }

    private Duration onSuccess(FetchOutcome.Fetched ok, long now) {
        boolean forever = !source.refreshes();
        long ttl = ok.freshFor().toMillis();
        long expiresAt = forever ? Long.MAX_VALUE : saturatedAdd(now, ttl);
        long usableUntil = forever ? Long.MAX_VALUE : saturatedAdd(expiresAt, settings.maxStaleness().toMillis());
        KeyIndex previous = current.getIfPresent(name);
        KeyIndex index = new KeyIndex(ok.keys(), now, expiresAt, usableUntil);
        current.put(name, index);
        fetchSuccesses.increment();
        consecutiveFailures = 0;
        lastSuccessMillis = now;
        lastLoggedFailure = null;
        Health before = health.getAndSet(Health.READY);
        switch (before) {
            case STARTING, UNAVAILABLE -> LOG.info("issuer " + name + ": ready with " + ok.keys().size()
                    + " key(s) from " + source.description());
            case FAILING, STALE -> LOG.info("issuer " + name + ": key refresh recovered, " + ok.keys().size()
                    + " key(s) from " + source.description());
            case READY -> LOG.fine("issuer " + name + ": keys refreshed");
        }
        if (previous != null) {
            logChanges(previous.keys(), ok.keys());
        }
        return forever ? null : Duration.ofMillis(Math.max(1, (long) (ttl * REFRESH_AT)));
    }

    private Duration onFailure(FetchOutcome.Failed failed, long now) {
        fetchFailures.increment();
        int failures = consecutiveFailures + 1;
        consecutiveFailures = failures;
        KeyIndex index = current.getIfPresent(name);
        Health next = index == null ? Health.UNAVAILABLE : index.usableAt(now) ? Health.FAILING : Health.STALE;
        Health before = health.getAndSet(next);
        Duration retry = source.refreshes() ? jittered(backOff(failures)) : null;
        String reason = failed.reason();
        if (before != next || !reason.equals(lastLoggedFailure)) {
            lastLoggedFailure = reason;
            String then = retry == null ? "" : "; retrying in about " + (retry.toMillis() < 10_000
                    ? retry.toMillis() + " ms" : retry.toSeconds() + " s");
            switch (next) {
                case UNAVAILABLE -> LOG.warning("issuer " + name + ": cannot load keys: " + reason
                        + "; not ready" + then);
                case FAILING -> LOG.warning("issuer " + name + ": key refresh failed: " + reason + "; keeping "
                        + index.keys().size() + " last good key(s) until "
                        + Instant.ofEpochMilli(index.usableUntilMillis()) + then);
                case STALE -> LOG.warning("issuer " + name + ": key refresh failed: " + reason
                        + "; the last good keys are past max staleness, not ready" + then);
                default -> { }
            }
        } else {
            LOG.fine("issuer " + name + ": key fetch failed again: " + reason);
        }
        return retry;
    }

    private void noticeStale(KeyIndex index) {
        Health h = health.get();
        if (h != Health.STALE && h != Health.UNAVAILABLE && current.getIfPresent(name) == index
                && health.compareAndSet(h, Health.STALE)) {
            LOG.warning("issuer " + name + ": keys fetched at " + Instant.ofEpochMilli(index.fetchedAtMillis())
                    + " are past max staleness; not ready until a fetch succeeds");
        }
    }

    private void logChanges(KeySet before, KeySet after) {
        Set<String> old = identities(before);
        Set<String> now = identities(after);
        Set<String> added = new TreeSet<>(now);
        added.removeAll(old);
        Set<String> removed = new TreeSet<>(old);
        removed.removeAll(now);
        if (!added.isEmpty() || !removed.isEmpty()) {
            LOG.info("issuer " + name + ": keys changed, added " + added + ", removed " + removed);
        }
    }

    private static Set<String> identities(KeySet keys) {
        Set<String> ids = new HashSet<>();
        for (VerificationKey k : keys.keys()) {
            ids.add((k.kid() == null ? "(no kid)" : k.kid()) + "#" + k.thumbprint());
        }
        return ids;
    }

    private void scheduleNext(Duration delay) {
        synchronized (fetchLock) {
            if (nextFetch != null) {
                nextFetch.cancel(false);
                nextFetch = null;
            }
            if (closed || delay == null) {
                return;
            }
            try {
                nextFetch = scheduler.schedule(this::scheduledFetch, delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // Closed meanwhile.
            }
        }
    }

    /** retryInterval doubled per consecutive failure after the first, capped at maxRetryInterval. */
    Duration backOff(int failures) {
        long base = settings.retryInterval().toMillis();
        long max = Math.max(base, settings.maxRetryInterval().toMillis());
        int doublings = Math.min(Math.max(failures - 1, 0), 62);
        long delay = base > (max >> doublings) ? max : base << doublings;
        return Duration.ofMillis(Math.min(delay, max));
    }

    private static Duration jittered(Duration d) {
        // Spread retries so that many instances do not hit a recovering IdP at the same moment.
        long ms = d.toMillis();
        return Duration.ofMillis(ms + (long) (ms * RETRY_JITTER * ThreadLocalRandom.current().nextDouble()));
    }

    private static void awaitQuietly(CompletableFuture<Void> f, Duration max) {
        try {
            f.get(max.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Answer from whatever keys are there.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    private double keyCount() {
        KeyIndex index = current.getIfPresent(name);
        return index == null ? 0 : index.keys().size();
    }

    private double lastSuccessSeconds() {
        long at = lastSuccessMillis;
        return at == NEVER ? Double.NaN : at / 1000.0;
    }

    private double stalenessSeconds() {
        KeyIndex index = current.getIfPresent(name);
        if (index == null) {
            return Double.NaN;
        }
        return Math.max(0, clock.millis() - index.expiresAtMillis()) / 1000.0;
    }
}
