package io.tokencheck.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tokencheck.config.IssuerSettings;
import io.tokencheck.config.LimitSettings;
import io.tokencheck.config.ServerSettings;
import io.tokencheck.config.TokenCacheSettings;
import io.tokencheck.config.TokencheckConfig;
import io.tokencheck.issuerkit.IssuerKit;
import io.tokencheck.keys.JwkConverter;
import io.tokencheck.keys.KeyResolver;
import io.tokencheck.keys.KeySet;
import io.tokencheck.reason.DenyReason;
import io.tokencheck.testing.MutableClock;
import io.tokencheck.testing.TestSettings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The verified-token cache: hits skip crypto but never skip time checks, policies or key removal. */
class VerifiedTokenCacheTest {
    private static final long NOW = 1_767_225_600L;

    private final MutableClock clock = MutableClock.at(Instant.ofEpochSecond(NOW));
    private final IssuerKit kit = IssuerKit.generate("https://issuer.example.test", clock);
    private final AtomicReference<KeySet> published = new AtomicReference<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TokenChecker checker;

    @BeforeEach
    void setUp() throws Exception {
        publish();
        checker = checker(TokenCacheSettings.DEFAULT, registry);
    }

    private void publish() throws Exception {
        published.set(new JwkConverter("t", Set.of()).convert(kit.publicJwksJson()).keys());
    }

    private TokenChecker checker(TokenCacheSettings cache, SimpleMeterRegistry metrics) {
        IssuerSettings issuer = TestSettings.issuer(kit.issuer(), "api://default");
        TokencheckConfig config = new TokencheckConfig(new ServerSettings("127.0.0.1", 0), new LimitSettings(8192, 65536),
                null, List.of(issuer), Map.of("default", TestSettings.policy("default"),
                "admin", TestSettings.scopes("admin", "admin")), "default", Map.of(), cache);
        KeyResolver live = (kid, alg) -> KeyResolver.of(published.get()).lookup(kid, alg);
        return TokenChecker.fromConfig(config, i -> live, clock, new DecisionMetrics(metrics));
    }

    private double gets(String result) {
        var counter = registry.find("cache.gets").tag("cache", "tokencheck.token.cache").tag("result", result).functionCounter();
        return counter == null ? -1 : counter.count();
    }

    private static DenyReason reason(Decision d) {
        return d instanceof Decision.Deny deny ? deny.reason() : null;
    }

    @Test
    void repeatedTokenIsACacheHit() {
        String token = kit.token().sign();
        assertThat(checker.check(token, null)).isInstanceOf(Decision.Allow.class);
        assertThat(checker.check(token, null)).isInstanceOf(Decision.Allow.class);
        assertThat(checker.check(token, null)).isInstanceOf(Decision.Allow.class);
        assertThat(gets("miss")).isEqualTo(1.0);
        assertThat(gets("hit")).isEqualTo(2.0);
    }

    @Test
    void cachedTokenIsStillDeniedOnceExpired() {
        String token = kit.token().sign(); // exp = NOW + 300, leeway 60
        assertThat(checker.check(token, null)).isInstanceOf(Decision.Allow.class);
        assertThat(reason(checker.check(token, null, NOW + 360))).isEqualTo(DenyReason.TOKEN_EXPIRED);
        clock.set(Instant.ofEpochSecond(NOW + 299));
        assertThat(checker.check(token, null)).isInstanceOf(Decision.Allow.class);
        clock.set(Instant.ofEpochSecond(NOW + 400));
        assertThat(reason(checker.check(token, null))).isEqualTo(DenyReason.TOKEN_EXPIRED);
    }

    @Test
    void cachedTokenStillGoesThroughEachPolicy() {
        String token = kit.token().scope("read").sign();
        assertThat(checker.check(token, "default")).isInstanceOf(Decision.Allow.class);
        assertThat(reason(checker.check(token, "admin"))).isEqualTo(DenyReason.SCOPE_INSUFFICIENT);
        assertThat(gets("hit")).isEqualTo(1.0);
    }

    @Test
    void tokenIsDeniedAtOnceWhenItsKeyLeavesTheJwks() throws Exception {
        String token = kit.token().sign();
        assertThat(checker.check(token, null)).isInstanceOf(Decision.Allow.class);
        kit.unpublish(IssuerKit.RSA_KID);
        publish();
        assertThat(reason(checker.check(token, null))).isEqualTo(DenyReason.KEY_NOT_FOUND);
    }

    @Test
    void tokenIsDeniedWhenItsKidNowNamesAnotherKey() throws Exception {
        String token = kit.token().sign();
        assertThat(checker.check(token, null)).isInstanceOf(Decision.Allow.class);
        kit.addRsa(IssuerKit.RSA_KID, null, 2048); // same kid, new key material
        publish();
        assertThat(reason(checker.check(token, null))).isEqualTo(DenyReason.SIGNATURE_INVALID);
    }

    @Test
    void badSignaturesAreNeverCached() {
        String forged = IssuerKit.generate(kit.issuer(), clock).token().sign();
        for (int i = 0; i < 3; i++) {
            assertThat(reason(checker.check(forged, null))).isEqualTo(DenyReason.SIGNATURE_INVALID);
        }
        assertThat(gets("hit")).isEqualTo(0.0);
    }

    @Test
    void cacheCanBeTurnedOff() {
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        TokenChecker uncached = checker(new TokenCacheSettings(0), own);
        String token = kit.token().sign();
        assertThat(uncached.check(token, null)).isInstanceOf(Decision.Allow.class);
        assertThat(uncached.check(token, null)).isInstanceOf(Decision.Allow.class);
        assertThat(own.find("cache.gets").functionCounter()).isNull();
        assertThat(own.find("tokencheck.decisions").tag("outcome", "allow").counter().count()).isEqualTo(2.0);
    }
}
