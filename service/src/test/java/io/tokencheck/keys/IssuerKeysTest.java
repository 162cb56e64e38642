package io.tokencheck.keys;

import static io.tokencheck.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tokencheck.config.IssuerSettings;
import io.tokencheck.config.JwksSettings;
import io.tokencheck.config.KeySourceSettings;
import io.tokencheck.issuerkit.IssuerKit;
import io.tokencheck.issuerkit.JwksServer;
import io.tokencheck.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IssuerKeysTest {
    private static final String NAME = "test-idp";
    private static final Duration UNKNOWN_KID_INTERVAL = Duration.ofMinutes(10);
    private static IssuerKit kit;

    private final MutableClock clock = MutableClock.now();
    private final MeterRegistry metrics = new SimpleMeterRegistry();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private JwksServer server;

    @BeforeAll
    static void generateKeysAndWarmUp() throws Exception {
        kit = IssuerKit.generate("https://idp.test");
        // The first HTTP exchange of a fresh JVM loads many classes; keep that out of the tests' short timeouts.
        try (JwksServer warmUp = JwksServer.start(kit); HttpClient client = HttpClient.newHttpClient()) {
            client.send(HttpRequest.newBuilder(warmUp.jwksUri()).build(), HttpResponse.BodyHandlers.discarding());
        }
    }

    @BeforeEach
    void startServer() {
        server = closeLater(JwksServer.start(kit));
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private <T extends AutoCloseable> T closeLater(T c) {
        toClose.add(c);
        return c;
    }

    /**
     * Short network bounds; TTLs, staleness and the unknown-kid interval are minutes on the test clock, and the
     * retry interval is long enough that no background retry runs during a test unless one asks for it.
     */
    private static JwksSettings settings() {
        return settings(Duration.ofMinutes(10), 64 * 1024);
    }

    private static JwksSettings settings(Duration retryInterval, int maxBytes) {
        return new JwksSettings(Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofHours(1),
                Duration.ofMinutes(30), UNKNOWN_KID_INTERVAL, Duration.ofMillis(500), Duration.ofMillis(800),
                maxBytes, Duration.ofSeconds(2), retryInterval);
    }

    private static IssuerSettings issuer(KeySourceSettings keys, Set<JwsAlgorithm> algorithms) {
        return new IssuerSettings(NAME, kit.issuer(), keys, List.of("api"), algorithms, Duration.ofSeconds(60),
                List.of("scope"), List.of(), true, null);
    }

    private IssuerKeys keys(KeySourceSettings source, JwksSettings settings) {
        return closeLater(IssuerKeys.create(issuer(source, Set.of()), settings, metrics, clock));
    }

    private IssuerKeys started(KeySourceSettings source, JwksSettings settings) {
        IssuerKeys k = keys(source, settings);
        k.start();
        return k;
    }

    private IssuerKeys readyFromServer() {
        IssuerKeys k = started(jwksUri(), settings());
        awaitLoaded(k);
        assertThat(server.jwksFetches()).isEqualTo(1);
        return k;
    }

    private KeySourceSettings jwksUri() {
        return new KeySourceSettings.JwksUri(server.jwksUri());
    }

    private double fetches(String outcome) {
        return metrics.get("tokencheck.jwks.fetches").tag("issuer", NAME).tag("outcome", outcome).counter().count();
    }

    private double gauge(String name) {
        return metrics.get(name).tag("issuer", NAME).gauge().value();
    }

    /** Waits until the keys are ready and the fetch that loaded them has finished. */
    private static void awaitLoaded(IssuerKeys k) {
        await(() -> k.ready() && k.idle());
    }


    // --- loading ---

    @Test
    void successfulFetchMakesTheIssuerReadyAndFindsItsKeys() {
        IssuerKeys k = readyFromServer();

        assertThat(k.lookup(IssuerKit.RSA_KID, JwsAlgorithm.RS256)).isInstanceOf(KeyLookup.Found.class);
        assertThat(k.lookup(IssuerKit.EC256_KID, JwsAlgorithm.ES256)).isInstanceOf(KeyLookup.Found.class);
        assertThat(k.lookup(null, JwsAlgorithm.ES384)).isInstanceOf(KeyLookup.Found.class);
        assertThat(fetches("success")).isEqualTo(1);
        assertThat(gauge("tokencheck.jwks.ready")).isEqualTo(1);
        assertThat(gauge("tokencheck.jwks.keys")).isEqualTo(kit.publicJwks().getKeys().size());
        assertThat(gauge("tokencheck.jwks.staleness.seconds")).isZero();
        assertThat(server.jwksFetches()).isEqualTo(1);
    }

    @Test
    void foundAnswerIsTheSameObjectOnEveryHit() {
        IssuerKeys k = readyFromServer();

        KeyLookup first = k.lookup(IssuerKit.RSA_KID, JwsAlgorithm.RS256);

        assertThat(k.lookup(IssuerKit.RSA_KID, JwsAlgorithm.RS256)).isSameAs(first);
        assertThat(((KeyLookup.Found) first).keys()).extracting(VerificationKey::kid).containsExactly(IssuerKit.RSA_KID);
    }

    @Test
    void hitAllocatesNothing() {
        IssuerKeys k = readyFromServer();
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        String kid = new String(IssuerKit.EC256_KID.toCharArray());
        for (int i = 0; i < 200_000; i++) {
            k.lookup(kid, JwsAlgorithm.ES256);
        }
        long id = Thread.currentThread().threadId();

        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 100_000; i++) {
            k.lookup(kid, JwsAlgorithm.ES256);
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;

        // One small object per hit would be well over a megabyte here.
        assertThat(allocated).isLessThan(100_000);
    }

    @Test
    void serverErrorLeavesTheIssuerNotReadyUntilTheIdpRecovers() {
        server.failWith(500, "{\"error\":\"down\"}");
        IssuerKeys k = started(jwksUri(), settings(Duration.ofMillis(100), 64 * 1024));

        await(() -> fetches("failure") >= 1);
        assertThat(k.ready()).isFalse();
        assertThat(gauge("tokencheck.jwks.ready")).isZero();
        assertThat(k.lookup(IssuerKit.RSA_KID, JwsAlgorithm.RS256)).isInstanceOf(KeyLookup.Unavailable.class);

        server.recover();
        await(k::ready);
        assertThat(k.lookup(IssuerKit.RSA_KID, JwsAlgorithm.RS256)).isInstanceOf(KeyLookup.Found.class);
    }

    @Test
    void garbageBodyIsAFailedFetch() {
        server.publishJwks("<html>this is not a JWKS</html>");
        IssuerKeys k = started(jwksUri(), settings());

        await(() -> fetches("failure") == 1);
        assertThat(k.ready()).isFalse();
        assertThat(fetches("success")).isZero();
    }

    @Test
    void jwksWithoutUsableKeysIsAFailedFetch() {
        server.publishJwks("{\"keys\":[]}");
        IssuerKeys k = started(jwksUri(), settings());

        await(() -> fetches("failure") == 1);
        assertThat(k.ready()).isFalse();
    }

    @Test
    void bodyLargerThanTheLimitIsAFailedFetch() {
        assertThat(kit.publicJwksJson().length()).isGreaterThan(1000);
        IssuerKeys k = started(jwksUri(), settings(Duration.ofMinutes(10), 1000));

        await(() -> fetches("failure") == 1);
        assertThat(k.ready()).isFalse();
    }

    @Test
    void serverSlowerThanTheReadTimeoutFailsWithoutHanging() {
        server.delay(Duration.ofSeconds(5));
        IssuerKeys k = started(jwksUri(), settings());

        // The request waits at most requestWait (2 s) for the fetch, which itself gives up after the read timeout.
        assertThat(k.lookup(IssuerKit.RSA_KID, JwsAlgorithm.RS256)).isInstanceOf(KeyLookup.Unavailable.class);
        await(() -> fetches("failure") == 1);
        assertThat(k.ready()).isFalse();
        assertThat(server.jwksFetches()).isEqualTo(1);
    }

    @Test
    void lastGoodKeysAreKeptWhenARefreshFails() {
        IssuerKeys k = readyFromServer();
        server.failWith(503, "");

        // An unknown kid forces a refetch, which fails.
        assertThat(k.lookup("unknown", JwsAlgorithm.RS256)).isInstanceOf(KeyLookup.NotFound.class);

        assertThat(server.jwksFetches()).isEqualTo(2);
        assertThat(fetches("failure")).isEqualTo(1);
        assertThat(k.ready()).isTrue();
        assertThat(k.lookup(IssuerKit.RSA_KID, JwsAlgorithm.RS256)).isInstanceOf(KeyLookup.Found.class);
    }

    @Test
    void keysPastMaxStalenessAreUnavailable() {
        IssuerKeys k = readyFromServer();
        server.failWith(500, "");

        // Fresh for the default TTL (10 min), then usable for maxStaleness (30 min) more.
        clock.advance(Duration.ofMinutes(39));
        assertThat(k.ready()).isTrue();
        assertThat(gauge("tokencheck.jwks.staleness.seconds")).isEqualTo(29 * 60);
        assertThat(k.lookup(IssuerKit.RSA_KID, JwsAlgorithm.RS256)).isInstanceOf(KeyLookup.Found.class);

        clock.advance(Duration.ofMinutes(2));
        assertThat(k.ready()).isFalse();
        assertThat(gauge("tokencheck.jwks.ready")).isZero();
        assertThat(k.lookup(IssuerKit.RSA_KID, JwsAlgorithm.RS256)).isInstanceOf(KeyLookup.Unavailable.class);

        server.recover();
        clock.advance(UNKNOWN_KID_INTERVAL);
        assertThat(k.lookup(IssuerKit.RSA_KID, JwsAlgorithm.RS256)).isInstanceOf(KeyLookup.Found.class);
        assertThat(k.ready()).isTrue();
    }

    @Test
    void largeMaxAgeIsClampedToMaxTtl() {
        server.cacheControl("max-age=604800");
        IssuerKeys k = readyFromServer();
        server.failWith(500, "");

        // maxTtl (1 h) + maxStaleness (30 min), not a week.
        clock.advance(Duration.ofMinutes(89));
        assertThat(k.ready()).isTrue();
        clock.advance(Duration.ofMinutes(2));
        assertThat(k.ready()).isFalse();
    }

    @Test
    void smallMaxAgeIsRaisedToMinTtl() {
        server.cacheControl("public, max-age=5");
        IssuerKeys k = readyFromServer();
        server.failWith(500, "");

        // minTtl (1 min) + maxStaleness (30 min), not 5 s + 30 min.
        clock.advance(Duration.ofMinutes(30).plusSeconds(50));
        assertThat(k.ready()).isTrue();
        clock.advance(Duration.ofSeconds(20));
        assertThat(k.ready()).isFalse();
    }

    // --- sources ---

    private KeySourceSettings discovery() {
        return new KeySourceSettings.Discovery(URI.create(server.baseUrl() + "/.well-known/openid-configuration"));
    }

    @Test
    void discoveryFindsTheJwksUri() {
        IssuerKeys k = started(discovery(), settings());

        await(k::ready);
        assertThat(k.lookup(IssuerKit.RSA_KID, JwsAlgorithm.RS256)).isInstanceOf(KeyLookup.Found.class);
        assertThat(server.discoveryFetches()).isEqualTo(1);
        assertThat(server.jwksFetches()).isEqualTo(1);
    }

    @Test
    void healthyRefreshDoesNotRepeatDiscovery() {
        IssuerKeys k = started(discovery(), settings());
        awaitLoaded(k);

        assertThat(k.lookup("new-kid", JwsAlgorithm.RS256)).isInstanceOf(KeyLookup.NotFound.class);

        assertThat(server.jwksFetches()).isEqualTo(2);
        assertThat(server.discoveryFetches()).isEqualTo(1);
    }

    @Test
    void failedJwksFetchRepeatsDiscovery() {
        IssuerKeys k = started(discovery(), settings());
        awaitLoaded(k);
        server.failWith(500, "");

        assertThat(k.lookup("new-kid", JwsAlgorithm.RS256)).isInstanceOf(KeyLookup.NotFound.class);

        assertThat(server.jwksFetches()).isEqualTo(2);
        assertThat(server.discoveryFetches()).isEqualTo(2);
        assertThat(k.ready()).isTrue();
    }

    @Test
    void discoveryNamingAnotherIssuerIsAFailure() {
        server.issuer("https://evil.test");
        IssuerKeys k = started(discovery(), settings());

        await(() -> fetches("failure") == 1);
        assertThat(k.ready()).isFalse();
        assertThat(server.discoveryFetches()).isEqualTo(1);
        assertThat(server.jwksFetches()).isZero();
    }

    @Test
    void discoveryIssuerMustMatchExactly() {
        server.issuer(kit.issuer() + "/");
        IssuerKeys k = started(discovery(), settings());

        await(() -> fetches("failure") == 1);
        assertThat(k.ready()).isFalse();
    }

    @Test
    void jwksFileIsReadAtStartUp(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("jwks.json");
        Files.writeString(file, kit.publicJwksJson());
        IssuerKeys k = started(new KeySourceSettings.JwksFile(file), settings());

        await(k::ready);
        assertThat(k.lookup(IssuerKit.ED_KID, JwsAlgorithm.EdDSA)).isInstanceOf(KeyLookup.Found.class);
    }

    @Test
    void missingJwksFileIsAFailure(@TempDir Path dir) {
        IssuerKeys k = started(new KeySourceSettings.JwksFile(dir.resolve("absent.json")), settings());

        await(() -> fetches("failure") == 1);
        assertThat(k.ready()).isFalse();
        assertThat(k.lookup(IssuerKit.RSA_KID, JwsAlgorithm.RS256)).isInstanceOf(KeyLookup.Unavailable.class);
    }

    @Test
    void hmacSecretsAreReadyAsSoonAsStarted() {
        IssuerKeys k = started(new KeySourceSettings.HmacSecrets(
                List.of(new KeySourceSettings.HmacSecret(IssuerKit.HMAC_KID, kit.hmacSecret()))), settings());

        assertThat(k.ready()).isTrue();
        assertThat(k.lookup(IssuerKit.HMAC_KID, JwsAlgorithm.HS512)).isInstanceOf(KeyLookup.Found.class);
        assertThat(k.lookup(IssuerKit.HMAC_KID, JwsAlgorithm.RS256)).isInstanceOf(KeyLookup.NotFound.class);
        clock.advance(Duration.ofDays(365));
        assertThat(k.ready()).isTrue();
    }

    @Test
    void onlyTooShortHmacSecretsLeaveTheIssuerNotReady() {
        IssuerKeys k = started(new KeySourceSettings.HmacSecrets(
                List.of(new KeySourceSettings.HmacSecret("short", new byte[16]))), settings());

        assertThat(k.ready()).isFalse();
        assertThat(metrics.get("tokencheck.jwks.keys.skipped").tag("issuer", NAME).counter().count()).isEqualTo(1);
    }

    @Test
    void skippedKeysAreCountedPerFetch() throws Exception {
        RSAKey enc = new RSAKey.Builder((RSAKey) kit.signingKey(IssuerKit.RSA_KID).publicJwk()).keyID("enc")
                .keyUse(KeyUse.ENCRYPTION).algorithm(JWEAlgorithm.RSA_OAEP).build();
        List<JWK> published = new ArrayList<>(kit.publicJwks().getKeys());
        published.add(enc);
        server.publishJwks(new JWKSet(published).toString(true));
        IssuerKeys k = readyFromServer();

        k.lookup("unknown", JwsAlgorithm.RS256);

        assertThat(server.jwksFetches()).isEqualTo(2);
        assertThat(metrics.get("tokencheck.jwks.keys.skipped").tag("issuer", NAME).counter().count()).isEqualTo(2);
        assertThat(gauge("tokencheck.jwks.keys")).isEqualTo(kit.publicJwks().getKeys().size());
    }

    // --- unknown kids ---

    @Test
    void unknownKidTriggersExactlyOneRefetchPerInterval() {
        IssuerKeys k = readyFromServer();

        assertThat(k.lookup("unknown-1", JwsAlgorithm.RS256)).isInstanceOf(KeyLookup.NotFound.class);
        assertThat(server.jwksFetches()).isEqualTo(2);

        assertThat(k.lookup("unknown-2", JwsAlgorithm.RS256)).isInstanceOf(KeyLookup.NotFound.class);
        assertThat(server.jwksFetches()).isEqualTo(2);

        clock.advance(UNKNOWN_KID_INTERVAL);
        assertThat(k.lookup("unknown-3", JwsAlgorithm.RS256)).isInstanceOf(KeyLookup.NotFound.class);
        assertThat(server.jwksFetches()).isEqualTo(3);
    }

    @Test
    void knownKidWithAnotherAlgIsNotFoundWithoutRefetch() {
        IssuerKeys k = readyFromServer();

        assertThat(k.lookup(IssuerKit.RSA_KID, JwsAlgorithm.ES256)).isInstanceOf(KeyLookup.NotFound.class);
        assertThat(k.lookup(IssuerKit.EC256_KID, JwsAlgorithm.ES384)).isInstanceOf(KeyLookup.NotFound.class);

        assertThat(server.jwksFetches()).isEqualTo(1);
    }

    @Test
    void floodOfConcurrentUnknownKidsCausesOneFetch() throws Exception {
        IssuerKeys k = readyFromServer();
        server.delay(Duration.ofMillis(100));

        List<KeyLookup> answers = lookUpConcurrently(k, 200);

        assertThat(answers).allMatch(a -> a instanceof KeyLookup.NotFound);
        assertThat(server.jwksFetches()).isEqualTo(2);
    }

    @Test
    void lookupsBeforeTheFirstLoadShareTheInitialFetch() throws Exception {
        // Long enough that all lookups arrive while the initial fetch is still on the wire.
        server.delay(Duration.ofMillis(300));
        IssuerKeys k = started(jwksUri(), settings());

        List<KeyLookup> answers = lookUpConcurrently(k, 200);

        assertThat(answers).allMatch(a -> a instanceof KeyLookup.NotFound);
        assertThat(server.jwksFetches()).isEqualTo(1);
    }

    private static List<KeyLookup> lookUpConcurrently(IssuerKeys k, int count) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<KeyLookup>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                String kid = "random-" + i;
                futures.add(threads.submit(() -> {
                    go.await();
                    return k.lookup(kid, JwsAlgorithm.RS256);
                }));
            }
            go.countDown();
            List<KeyLookup> answers = new ArrayList<>();
            for (Future<KeyLookup> f : futures) {
                answers.add(f.get());
            }
            return answers;
        }
    }

    @Test
    void rotatedKeysArePickedUpAndRemovedKeysDisappear() {
        IssuerKit rotating = IssuerKit.generate("https://idp.test");
        server.publish(rotating);
        IssuerKeys k = readyFromServer();

        rotating.addRsa("rsa-2", JwsAlgorithm.RS256, 2048);
        server.publish(rotating);
        assertThat(k.lookup("rsa-2", JwsAlgorithm.RS256)).isInstanceOf(KeyLookup.Found.class);
        assertThat(server.jwksFetches()).isEqualTo(2);

        rotating.unpublish(IssuerKit.RSA_KID);
        server.publish(rotating);
        clock.advance(UNKNOWN_KID_INTERVAL);
        assertThat(k.lookup("not-there", JwsAlgorithm.RS256)).isInstanceOf(KeyLookup.NotFound.class);
        assertThat(server.jwksFetches()).isEqualTo(3);

        assertThat(k.lookup(IssuerKit.RSA_KID, JwsAlgorithm.RS256)).isInstanceOf(KeyLookup.NotFound.class);
        assertThat(k.lookup("rsa-2", JwsAlgorithm.RS256)).isInstanceOf(KeyLookup.Found.class);
        assertThat(server.jwksFetches()).isEqualTo(3);
    }

    @Test
    void issuerAllowListAppliesToFetchedKeys() {
        IssuerKeys k = closeLater(IssuerKeys.create(issuer(jwksUri(), Set.of(JwsAlgorithm.ES256)), settings(),
                metrics, clock));
        k.start();
        await(k::ready);

        assertThat(k.lookup(IssuerKit.EC256_KID, JwsAlgorithm.ES256)).isInstanceOf(KeyLookup.Found.class);
        assertThat(k.lookup(IssuerKit.RSA_KID, JwsAlgorithm.RS256)).isInstanceOf(KeyLookup.NotFound.class);
        assertThat(gauge("tokencheck.jwks.keys")).isEqualTo(1);
    }

    @Test
    void retryDelayDoublesPerConsecutiveFailureUpToMaxRetryInterval() {
        JwksSettings s = settings();
        JwksSettings backOff = new JwksSettings(s.defaultTtl(), s.minTtl(), s.maxTtl(), s.maxStaleness(),
                s.unknownKidMinInterval(), s.connectTimeout(), s.readTimeout(), s.maxResponseBytes(), s.requestWait(),
                Duration.ofSeconds(10), Duration.ofMinutes(5), 503, Duration.ofSeconds(30), false, null);
        IssuerKeys k = keys(jwksUri(), backOff);

        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 64, Integer.MAX_VALUE).stream().map(k::backOff).map(Duration::toSeconds))
                .containsExactly(10L, 20L, 40L, 80L, 160L, 300L, 300L, 300L, 300L);
    }

    @Test
    void failuresAreCountedUntilAFetchSucceeds() {
        IssuerKeys k = readyFromServer();
        double firstSuccess = gauge("tokencheck.jwks.last.success.timestamp.seconds");
        assertThat(firstSuccess).isEqualTo(clock.millis() / 1000.0);
        server.failWith(500, "");

        k.lookup("unknown-1", JwsAlgorithm.RS256);
        clock.advance(UNKNOWN_KID_INTERVAL);
        k.lookup("unknown-2", JwsAlgorithm.RS256);
        assertThat(gauge("tokencheck.jwks.consecutive.failures")).isEqualTo(2);

        server.recover();
        clock.advance(UNKNOWN_KID_INTERVAL);
        k.lookup("unknown-3", JwsAlgorithm.RS256);
        assertThat(gauge("tokencheck.jwks.consecutive.failures")).isZero();
        assertThat(gauge("tokencheck.jwks.last.success.timestamp.seconds")).isEqualTo(clock.millis() / 1000.0);
        assertThat(server.jwksFetches()).isEqualTo(4);
    }

    @Test
    void backgroundRefreshStopsOnClose() throws Exception {
        server.failWith(500, "");
        IssuerKeys k = started(jwksUri(), settings(Duration.ofMillis(20), 64 * 1024));
        await(() -> server.jwksFetches() >= 2);

        k.close();
        int afterClose = server.jwksFetches();
        Thread.sleep(200);

        // At most a fetch that was already on the wire when close ran.
        assertThat(server.jwksFetches()).isLessThanOrEqualTo(afterClose + 1);
    }
}
