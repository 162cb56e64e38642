package io.tokencheck.keys;

import static io.tokencheck.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.tokencheck.Tokencheck;
import io.tokencheck.config.IssuerSettings;
import io.tokencheck.config.JwksSettings;
import io.tokencheck.config.KeySourceSettings;
import io.tokencheck.config.LimitSettings;
import io.tokencheck.config.ServerSettings;
import io.tokencheck.config.TokencheckConfig;
import io.tokencheck.decision.Decision;
import io.tokencheck.issuerkit.IssuerKit;
import io.tokencheck.issuerkit.JwksServer;
import io.tokencheck.reason.DenyReason;
import io.tokencheck.testing.MutableClock;
import io.tokencheck.testing.TestSettings;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The key layer against a misbehaving identity provider: a real loopback JWKS server that the test breaks in every
 * way the issue lists, with the real token checker in front of it. Each test asserts the decisions (valid tokens
 * allowed where they should be, nothing forged ever allowed), the number of fetches the server saw, and that no
 * request waited longer than the configured bound (request_wait) plus scheduling slack.
 *
 * <p>Ages, TTLs, staleness and the unknown-kid interval run on a test clock (tokens are minted on it too); only the
 * network is real. The retry interval is long, so no background retry runs unless a test asks for one.
 */
class KeyFetchFaultInjectionTest {
    private static final Duration REQUEST_WAIT = Duration.ofMillis(300);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(3);
    /** Scheduling slack on a shared two-core machine; still far below the read timeout a hung wait would show. */
    private static final Duration SLACK = Duration.ofMillis(1000);
    private static final Duration TTL = Duration.ofMinutes(10);
    private static final Duration MAX_STALENESS = Duration.ofMinutes(30);
    private static final Duration UNKNOWN_KID_INTERVAL = Duration.ofMinutes(1);
    private static final int MAX_BYTES = 64 * 1024;

    private final MutableClock clock = MutableClock.now();
    private final IssuerKit kit = IssuerKit.generate("https://idp.test", clock);
    private final IssuerKit attacker = IssuerKit.generate("https://idp.test", clock);
    private JwksServer server;
    private Tokencheck core;
    private final List<LogRecord> keyLog = new ArrayList<>();
    private final Handler logCapture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.INFO.intValue()) {
                synchronized (keyLog) {
                    keyLog.add(r);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    /** One checked token: its decision, and how long the check took. */
    private record Timed(Decision decision, long nanos) {
        DenyReason reason() {
            return decision instanceof Decision.Deny d ? d.reason() : null;
        }

        boolean allowed() {
            return decision instanceof Decision.Allow;
        }
    }

    @BeforeAll
    static void warmUpHttp() throws Exception {
        // The first HTTP exchange of a fresh JVM loads many classes; keep that out of the wait bounds.
        try (JwksServer s = JwksServer.start(IssuerKit.generate("https://warm.up")); HttpClient c = HttpClient.newHttpClient()) {
            c.send(HttpRequest.newBuilder(s.jwksUri()).build(), HttpResponse.BodyHandlers.discarding());
        }
    }

    @BeforeEach
    void startServer() {
        server = JwksServer.start(kit);
        Logger.getLogger(IssuerKeys.class.getName()).addHandler(logCapture);
    }

    @AfterEach
    void stopAll() {
        Logger.getLogger(IssuerKeys.class.getName()).removeHandler(logCapture);
        if (core != null) {
            core.close();
        }
        server.close();
    }

    private static JwksSettings settings() {
        return new JwksSettings(TTL, Duration.ofMinutes(1), Duration.ofHours(1), MAX_STALENESS, UNKNOWN_KID_INTERVAL,
                Duration.ofMillis(500), READ_TIMEOUT, MAX_BYTES, REQUEST_WAIT, Duration.ofMinutes(10),
                Duration.ofMinutes(10), 503, Duration.ofSeconds(30), false, null);
    }

    private void startCore() {
        IssuerSettings issuer = new IssuerSettings("idp", kit.issuer(), new KeySourceSettings.JwksUri(server.jwksUri()),
                List.of("api://default"), Set.of(), Duration.ofSeconds(60), List.of("scope"), List.of(), true, null);
        TokencheckConfig config = new TokencheckConfig(new ServerSettings("127.0.0.1", 0), new LimitSettings(8192, 65536),
                settings(), List.of(issuer), Map.of("default", TestSettings.policy("default")), "default", Map.of());
        core = Tokencheck.create(config, clock);
    }

    private void startReady() {
        startCore();
        await(() -> core.ready() && server.jwksFetches() == 1);
        assertThat(server.jwksFetches()).isEqualTo(1);
    }

    private String valid() {
        return kit.token().sign();
    }

    private String validWith(String kid) {
        return kit.token().kid(kid).sign();
    }

    /** Signed by a key the issuer never published, under the issuer's real kid. */
    private String forged() {
        return attacker.token().sign();
    }

    /** Signed by the attacker, naming a kid the issuer never published. */
    private String forgedWithUnknownKid(int i) {
        return attacker.token().kid("random-" + i).signWith(IssuerKit.RSA_KID).sign();
    }

    private Timed check(String token) {
        long start = System.nanoTime();
        Decision d = core.checker().check(token, null);
        return new Timed(d, System.nanoTime() - start);
    }

    private List<Timed> checkConcurrently(int count, IntFunction<String> token) throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tokens.add(token.apply(i));
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Timed>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String t : tokens) {
                futures.add(threads.submit(() -> {
                    go.await();
                    return check(t);
                }));
            }
            go.countDown();
            List<Timed> out = new ArrayList<>();
            for (Future<Timed> f : futures) {
                out.add(f.get());
            }
            return out;
        }
    }

    private static void assertNoWaitAbove(List<Timed> results, Duration bound) {
        long longest = results.stream().mapToLong(Timed::nanos).max().orElse(0);
        assertThat(Duration.ofNanos(longest)).as("longest wait").isLessThan(bound.plus(SLACK));
    }

    private static void assertAll(List<Timed> results, DenyReason reason) {
        assertThat(results).allSatisfy(r -> assertThat(r.reason()).isEqualTo(reason));
    }

    private static void assertAllAllowed(List<Timed> results) {
        assertThat(results).allSatisfy(r -> assertThat(r.decision()).isInstanceOf(Decision.Allow.class));
    }

    private double gauge(String name) {
        return core.registry().get(name).tag("issuer", "idp").gauge().value();
    }


    private List<String> loggedLines() {
        synchronized (keyLog) {
            return keyLog.stream().map(LogRecord::getMessage).toList();
        }
    }

    // --- down ---

    @Test
    void providerDownFromStartDeniesAsUnavailableWithinTheWaitBound() throws Exception {
        server.failWith(500, "{\"error\":\"down\"}");
        startCore();

        List<Timed> first = checkConcurrently(100, i -> i % 2 == 0 ? valid() : forged());
        assertAll(first, DenyReason.JWKS_UNAVAILABLE);
        assertNoWaitAbove(first, REQUEST_WAIT);
        // The initial fetch, and at most one unknown-kid refetch that the waiting requests share.
        assertThat(server.jwksFetches()).isBetween(1, 2);
        assertThat(core.ready()).isFalse();

        int before = server.jwksFetches();
        List<Timed> again = checkConcurrently(100, i -> valid());
        assertAll(again, DenyReason.JWKS_UNAVAILABLE);
        assertThat(server.jwksFetches()).as("no refetch within the unknown-kid interval").isEqualTo(before);

        server.recover();
        clock.advance(UNKNOWN_KID_INTERVAL);
        assertThat(check(valid()).allowed()).isTrue();
        assertThat(check(forged()).reason()).isEqualTo(DenyReason.SIGNATURE_INVALID);
        assertThat(server.jwksFetches()).isEqualTo(before + 1);
        assertThat(core.ready()).isTrue();
    }

    @Test
    void providerDownAfterAGoodFetchKeepsTheLastGoodKeysUntilMaxStaleness() throws Exception {
        startReady();
        server.failWith(503, "");

        List<Timed> during = checkConcurrently(100, i -> i % 2 == 0 ? valid() : forged());
        for (int i = 0; i < during.size(); i++) {
            if (i % 2 == 0) {
                assertThat(during.get(i).allowed()).isTrue();
            } else {
                assertThat(during.get(i).reason()).isEqualTo(DenyReason.SIGNATURE_INVALID);
            }
        }
        assertThat(server.jwksFetches()).as("known keys need no fetch").isEqualTo(1);

        // An unknown kid forces one refetch, which fails: the keys stay.
        assertThat(check(forgedWithUnknownKid(1)).reason()).isEqualTo(DenyReason.KEY_NOT_FOUND);
        assertThat(server.jwksFetches()).isEqualTo(2);
        assertThat(gauge("tokencheck.jwks.consecutive.failures")).isEqualTo(1);
        double lastSuccess = gauge("tokencheck.jwks.last.success.timestamp.seconds");

        clock.advance(TTL.plus(MAX_STALENESS).minusMinutes(1));
        assertThat(core.ready()).isTrue();
        assertThat(check(valid()).allowed()).isTrue();
        assertThat(gauge("tokencheck.jwks.staleness.seconds")).isEqualTo(MAX_STALENESS.minusMinutes(1).toSeconds());

        clock.advance(Duration.ofMinutes(2));
        assertThat(core.ready()).isFalse();
        List<Timed> past = checkConcurrently(50, i -> valid());
        assertAll(past, DenyReason.JWKS_UNAVAILABLE);
        assertNoWaitAbove(past, REQUEST_WAIT);
        assertThat(server.jwksFetches()).as("one shared refetch").isEqualTo(3);
        assertThat(gauge("tokencheck.jwks.consecutive.failures")).isEqualTo(2);
        assertThat(gauge("tokencheck.jwks.last.success.timestamp.seconds")).isEqualTo(lastSuccess);
    }

    // --- slow ---

    @Test
    void providerSlowerThanTheTimeoutNeverHoldsARequestLongerThanTheWaitBound() throws Exception {
        server.delay(READ_TIMEOUT.multipliedBy(2));
        startCore();

        List<Timed> results = checkConcurrently(100, i -> i % 2 == 0 ? valid() : forgedWithUnknownKid(i));

        assertAll(results, DenyReason.JWKS_UNAVAILABLE);
        assertNoWaitAbove(results, REQUEST_WAIT);
        await(() -> server.jwksFetches() >= 1);
        assertThat(server.jwksFetches()).as("every request joined the one fetch in flight").isEqualTo(1);
    }

    @Test
    void slowRefreshDoesNotDelayTokensWithKnownKeys() throws Exception {
        startReady();
        server.delay(READ_TIMEOUT.multipliedBy(2));

        // The unknown kid starts a slow refetch and waits for it at most request_wait.
        Timed probe = check(forgedWithUnknownKid(1));
        List<Timed> known = checkConcurrently(100, i -> valid());

        assertThat(probe.reason()).isEqualTo(DenyReason.KEY_NOT_FOUND);
        assertNoWaitAbove(List.of(probe), REQUEST_WAIT);
        assertAllAllowed(known);
        assertNoWaitAbove(known, Duration.ZERO);
        assertThat(server.jwksFetches()).isEqualTo(2);
    }

    // --- bad answers ---

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 404, 429, 301})
    void httpErrorsNeverReplaceGoodKeys(int status) {
        startReady();
        server.failWith(status, "{\"keys\":[]}");
        // Past the unknown-kid interval, so that the unknown kid below may refetch whatever start-up did.
        clock.advance(UNKNOWN_KID_INTERVAL);

        assertThat(check(forgedWithUnknownKid(1)).reason()).isEqualTo(DenyReason.KEY_NOT_FOUND);

        // The request gives up after request_wait; on a loaded machine the refetch may still be on its way.
        await(() -> server.jwksFetches() >= 2);
        assertThat(server.jwksFetches()).isEqualTo(2);
        assertThat(check(valid()).allowed()).isTrue();
        assertThat(check(forged()).reason()).isEqualTo(DenyReason.SIGNATURE_INVALID);
        assertThat(gauge("tokencheck.jwks.keys")).isEqualTo(kit.publicJwks().getKeys().size());
        assertThat(core.ready()).isTrue();
    }

    @Test
    void garbageBodiesNeverReplaceGoodKeys() {
        startReady();
        List<String> garbage = List.of("<html>maintenance</html>", "", "null", "[]", "{\"keys\":[]}", "{\"keys\":{}}",
                "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"x\",\"n\":\"!!\",\"e\":\"AQAB\"}]}",
                "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"x\",\"k\":\"c2VjcmV0\"}]}",
                kit.publicJwksJson().substring(0, kit.publicJwksJson().length() / 2), "\u0000\u0001\u0002");
        int expectedFetches = 1;
        for (String body : garbage) {
            server.publishJwks(body);
            clock.advance(UNKNOWN_KID_INTERVAL);

            assertThat(check(forgedWithUnknownKid(expectedFetches)).reason()).as(body).isEqualTo(DenyReason.KEY_NOT_FOUND);
            expectedFetches++;

            int fetches = expectedFetches;
            // Let this refetch finish (it may outlive the request's request_wait) before the next one is due.
            await(() -> server.jwksFetches() >= fetches);
            assertThat(server.jwksFetches()).isEqualTo(expectedFetches);
            assertThat(check(valid()).allowed()).as(body).isTrue();
            assertThat(check(forged()).allowed()).as(body).isFalse();
            assertThat(gauge("tokencheck.jwks.keys")).isEqualTo(kit.publicJwks().getKeys().size());
        }
        assertThat(gauge("tokencheck.jwks.consecutive.failures")).isEqualTo(garbage.size());
    }

    @Test
    void hugeBodyIsRefusedAndGoodKeysStay() {
        startReady();
        String jwks = kit.publicJwksJson();
        String padded = jwks.substring(0, jwks.length() - 1) + ",\"padding\":\"" + "x".repeat(4 * 1024 * 1024) + "\"}";
        server.publishJwks(padded);

        Timed probe = check(forgedWithUnknownKid(1));

        assertThat(probe.reason()).isEqualTo(DenyReason.KEY_NOT_FOUND);
        assertNoWaitAbove(List.of(probe), REQUEST_WAIT);
        assertThat(server.jwksFetches()).isEqualTo(2);
        assertThat(check(valid()).allowed()).isTrue();
        assertThat(gauge("tokencheck.jwks.consecutive.failures")).isEqualTo(1);
    }

    // --- rotation ---

    @Test
    void keysRotatedMidRunCauseNoWrongDecisionsAndRetiredKeysStopWorkingEvenWhenCached() throws Exception {
        startReady();
        String cachedOldToken = valid();
        assertThat(check(cachedOldToken).allowed()).isTrue();

        // The new key is published before it signs anything.
        kit.addRsa("rsa-2", JwsAlgorithm.RS256, 2048);
        server.publish(kit);
        List<Timed> mixed = checkConcurrently(200, i -> switch (i % 3) {
            case 0 -> valid();
            case 1 -> validWith("rsa-2");
            default -> forged();
        });
        for (int i = 0; i < mixed.size(); i++) {
            assertThat(mixed.get(i).allowed()).as("request " + i).isEqualTo(i % 3 != 2);
        }
        assertNoWaitAbove(mixed, REQUEST_WAIT);
        assertThat(server.jwksFetches()).as("one refetch for the new kid").isEqualTo(2);

        // The old key is retired; once a refresh sees that, even the cached token is denied.
        kit.unpublish(IssuerKit.RSA_KID);
        server.publish(kit);
        clock.advance(UNKNOWN_KID_INTERVAL);
        assertThat(check(forgedWithUnknownKid(9)).reason()).isEqualTo(DenyReason.KEY_NOT_FOUND);
        assertThat(server.jwksFetches()).isEqualTo(3);

        assertThat(check(cachedOldToken).reason()).isEqualTo(DenyReason.KEY_NOT_FOUND);
        assertThat(check(valid()).reason()).isEqualTo(DenyReason.KEY_NOT_FOUND);
        List<Timed> after = checkConcurrently(100, i -> validWith("rsa-2"));
        assertAllAllowed(after);
        assertThat(server.jwksFetches()).isEqualTo(3);
    }

    // --- flapping ---

    @Test
    void flappingProviderCausesNoWrongDecisionsOneFetchPerIntervalAndOneLogLinePerStateChange() throws Exception {
        startReady();
        keyLog.clear();
        int rounds = 8;
        for (int round = 0; round < rounds; round++) {
            if (round % 2 == 0) {
                server.failWith(500, "");
            } else {
                server.recover();
            }
            clock.advance(UNKNOWN_KID_INTERVAL);
            int r = round;
            List<Timed> results = checkConcurrently(30, i -> switch (i % 3) {
                case 0 -> valid();
                case 1 -> forged();
                default -> forgedWithUnknownKid(r * 100 + i);
            });
            for (int i = 0; i < results.size(); i++) {
                Timed t = results.get(i);
                assertThat(t.allowed()).as("round " + r + " request " + i).isEqualTo(i % 3 == 0);
            }
            assertNoWaitAbove(results, REQUEST_WAIT);
            assertThat(server.jwksFetches()).as("round " + r).isEqualTo(2 + round);
        }
        // Each failure and each recovery is one line, not one per request (8 changes, 240 requests).
        assertThat(loggedLines()).hasSize(rounds);
        assertThat(loggedLines()).filteredOn(m -> m.contains("refresh failed")).hasSize(rounds / 2);
        assertThat(loggedLines()).filteredOn(m -> m.contains("recovered")).hasSize(rounds / 2);
    }

    // --- flood ---

    @Test
    void floodOfUnknownKidsAtHighConcurrencyCostsOneFetch() throws Exception {
        startReady();
        server.delay(Duration.ofMillis(100));

        List<Timed> flood = checkConcurrently(800, this::forgedWithUnknownKid);

        assertAll(flood, DenyReason.KEY_NOT_FOUND);
        assertNoWaitAbove(flood, REQUEST_WAIT);
        assertThat(server.jwksFetches()).isEqualTo(2);

        List<Timed> second = checkConcurrently(400, i -> forgedWithUnknownKid(1000 + i));
        assertAll(second, DenyReason.KEY_NOT_FOUND);
        assertNoWaitAbove(second, Duration.ZERO);
        assertThat(server.jwksFetches()).as("no refetch within the interval").isEqualTo(2);
        assertThat(check(valid()).allowed()).isTrue();
        System.out.printf("flood: 1200 unknown-kid requests, %d JWKS fetches seen by the server (1 initial)%n",
                server.jwksFetches());
    }
}
