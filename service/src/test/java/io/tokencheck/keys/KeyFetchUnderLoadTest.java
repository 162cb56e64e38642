package io.tokencheck.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokencheck.issuerkit.IssuerKit;
import io.tokencheck.testing.ServiceFixture;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sustained /check traffic against the real service while the JWKS server misbehaves: keys rotate, or the provider
 * goes down and comes back. Load is bounded (a few client threads, a fixed number of requests per phase). Asserts zero
 * wrongly allowed and zero wrongly denied tokens; prints the p99 before and during the event (not asserted: the
 * machine is shared).
 */
class KeyFetchUnderLoadTest {
    /** Keys are fresh for one second, so background refreshes keep running during the test. */
    private static final String YAML = """
            server: { host: 127.0.0.1, port: 0 }
            jwks: { default_ttl: 1s, min_ttl: 1s, max_ttl: 1s, unknown_kid_min_interval: 200ms, request_wait: 1s,
                    retry_interval: 100ms, max_retry_interval: 400ms }
            issuers:
              - name: test
                issuer: ${ISSUER}
                jwks_uri: ${JWKS_URI}
                audiences: [api://default]
            policies:
              default: {}
            """;
    private static final int CLIENTS = 4;
    private static final int REQUESTS_PER_PHASE = 400;

    private ServiceFixture service;
    private IssuerKit attacker;

    @BeforeEach
    void start() {
        service = ServiceFixture.start(YAML, true);
        attacker = IssuerKit.generate(service.kit().issuer());
    }

    @AfterEach
    void stop() {
        service.close();
    }

    /** One phase's tally: statuses by expectation, and latencies. */
    private record Phase(int wrongAllows, int wrongDenies, long[] nanos) {
        long p99() {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)];
        }
    }

    /** A token and whether it must be allowed. */
    private record Probe(String token, boolean valid) {
    }

    /** Sends REQUESTS_PER_PHASE checks from CLIENTS threads, each token chosen by the supplier, and tallies them. */
    private Phase run(Supplier<Probe> next) throws Exception {
        List<Future<Phase>> parts = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(CLIENTS)) {
            for (int c = 0; c < CLIENTS; c++) {
                parts.add(threads.submit(() -> {
                    int allows = 0;
                    int denies = 0;
                    long[] nanos = new long[REQUESTS_PER_PHASE / CLIENTS];
                    for (int i = 0; i < nanos.length; i++) {
                        Probe p = next.get();
                        long t0 = System.nanoTime();
                        HttpResponse<String> r = service.check("/check", p.token());
                        nanos[i] = System.nanoTime() - t0;
                        boolean allowed = r.statusCode() == 200;
                        if (allowed && !p.valid()) {
                            allows++;
                        } else if (!allowed && p.valid()) {
                            denies++;
                        }
                    }
                    return new Phase(allows, denies, nanos);
                }));
            }
            int allows = 0;
            int denies = 0;
            List<long[]> all = new ArrayList<>();
            for (Future<Phase> f : parts) {
                Phase p = f.get();
                allows += p.wrongAllows();
                denies += p.wrongDenies();
                all.add(p.nanos());
            }
            return new Phase(allows, denies, all.stream().flatMapToLong(Arrays::stream).toArray());
        }
    }

    private Probe mixed(int i, String validKid) {
        return switch (i % 4) {
            case 0, 1 -> new Probe(service.kit().token().kid(validKid).sign(), true);
            case 2 -> new Probe(attacker.token().sign(), false);
            default -> new Probe(service.kit().token().kid(validKid).audience("api://other").sign(), false);
        };
    }

    private static String ms(long nanos) {
        return String.format("%.1f ms", nanos / 1e6);
    }

    @Test
    void providerOutageUnderLoadDeniesNoValidTokenAndAllowsNoInvalidOne() throws Exception {
        AtomicInteger n = new AtomicInteger();
        Phase before = run(() -> mixed(n.getAndIncrement(), IssuerKit.RSA_KID));

        service.jwks().failWith(503, "");
        int fetchesAtOutage = service.jwks().jwksFetches();
        Phase during = run(() -> mixed(n.getAndIncrement(), IssuerKit.RSA_KID));
        int outageFetches = service.jwks().jwksFetches() - fetchesAtOutage;
        service.jwks().recover();
        Phase after = run(() -> mixed(n.getAndIncrement(), IssuerKit.RSA_KID));

        System.out.printf("outage under load: p99 before %s, during %s, after %s; %d JWKS fetches during the outage%n",
                ms(before.p99()), ms(during.p99()), ms(after.p99()), outageFetches);
        for (Phase p : List.of(before, during, after)) {
            assertThat(p.wrongAllows()).isZero();
            assertThat(p.wrongDenies()).isZero();
        }
        assertThat(service.server().ready()).isTrue();
    }

    @Test
    void rotationUnderLoadDeniesNoValidTokenAndRetiredKeysStopWorking() throws Exception {
        IssuerKit kit = service.kit();
        AtomicInteger n = new AtomicInteger();
        Phase before = run(() -> mixed(n.getAndIncrement(), IssuerKit.RSA_KID));

        // Publish the new key before anything is signed with it, then sign with both while the old one is published.
        kit.addRsa("rsa-2", JwsAlgorithm.RS256, 2048);
        service.jwks().publish(kit);
        Phase during = run(() -> {
            int i = n.getAndIncrement();
            return mixed(i, i % 8 < 4 ? IssuerKit.RSA_KID : "rsa-2");
        });

        // Retire the old key; once a fetch after that has happened, its tokens are denied.
        String oldToken = kit.token().sign();
        assertThat(service.check("/check", oldToken).statusCode()).isEqualTo(200);
        kit.unpublish(IssuerKit.RSA_KID);
        service.jwks().publish(kit);
        int fetchesAtRetire = service.jwks().jwksFetches();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        // The fetch that was perhaps already on the wire may have read the old set: wait for the one after it.
        while (service.jwks().jwksFetches() <= fetchesAtRetire + 1 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        boolean retiredSeen = service.jwks().jwksFetches() > fetchesAtRetire + 1;
        Phase after = run(() -> mixed(n.getAndIncrement(), "rsa-2"));

        System.out.printf("rotation under load: p99 before %s, during %s, after %s%n",
                ms(before.p99()), ms(during.p99()), ms(after.p99()));
        for (Phase p : List.of(before, during, after)) {
            assertThat(p.wrongAllows()).isZero();
            assertThat(p.wrongDenies()).isZero();
        }
        assertThat(retiredSeen).as("a refresh ran after the old key was retired").isTrue();
        assertThat(service.check("/check", oldToken).statusCode()).as("cached token of the retired key").isEqualTo(401);
    }
}
