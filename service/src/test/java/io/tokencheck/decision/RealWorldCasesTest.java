package io.tokencheck.decision;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.tokencheck.config.IssuerSettings;
import io.tokencheck.config.KeySourceSettings;
import io.tokencheck.config.LimitSettings;
import io.tokencheck.config.PolicySettings;
import io.tokencheck.config.ServerSettings;
import io.tokencheck.config.TokencheckConfig;
import io.tokencheck.keys.HmacSecretConverter;
import io.tokencheck.keys.JwkConverter;
import io.tokencheck.keys.JwsAlgorithm;
import io.tokencheck.keys.KeyResolver;
import io.tokencheck.keys.KeySet;
import io.tokencheck.keys.VerificationKey;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Verification cases from real-world bug reports (src/test/resources/cases, format in FORMAT.md there):
 * each case's keys, token, policy and clock, and the decision a correct verifier reaches.
 */
class RealWorldCasesTest {

    /** One case file. */
    record Case(String id, String summary, Map<String, Object> json) {
        @Override
        public String toString() {
            return id;
        }
    }

    static Stream<Case> cases() throws IOException, URISyntaxException {
        Path dir = Path.of(RealWorldCasesTest.class.getResource("/cases").toURI());
        List<Case> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                try {
                    Map<String, Object> json = JSONObjectUtils.parse(Files.readString(f));
                    out.add(new Case((String) json.get("id"), (String) json.get("summary"), json));
                } catch (java.text.ParseException e) {
                    throw new IOException("bad case file " + f, e);
                }
            }
        }
        assertThat(out).as("case files").isNotEmpty();
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decisionMatchesTheExpectedOne(Case c) throws Exception {
        Map<String, Object> json = c.json();
        @SuppressWarnings("unchecked")
        Map<String, Object> policy = (Map<String, Object>) json.get("policy");
        String iss = (String) policy.get("issuer");
        Set<JwsAlgorithm> algs = EnumSet.noneOf(JwsAlgorithm.class);
        for (String a : strings(policy, "algorithms")) {
            JwsAlgorithm alg = JwsAlgorithm.fromJose(a);
            if (alg != null) {
                algs.add(alg);
            }
        }
        IssuerSettings issuer = new IssuerSettings("case", iss, new KeySourceSettings.JwksUri(URI.create("https://keys.invalid/")),
                strings(policy, "audiences"), algs,
                Duration.ofSeconds(((Number) policy.getOrDefault("leeway_seconds", 60)).longValue()),
                policy.containsKey("scope_claims") ? strings(policy, "scope_claims") : List.of("scope", "scp"),
                strings(policy, "required_claims"), true, (String) policy.get("token_type"));
        PolicySettings route = new PolicySettings("case", List.of(), List.of(), strings(policy, "required_scopes"),
                List.of(), Map.of());
        TokencheckConfig config = new TokencheckConfig(new ServerSettings("127.0.0.1", 0), new LimitSettings(8192, 65536),
                null, List.of(issuer), Map.of("case", route), "case", Map.of());
        KeySet keys = keys(json, algs);
        TokenChecker checker = TokenChecker.fromConfig(config, i -> KeyResolver.of(keys), Clock.systemUTC(), null);

        Decision d = checker.check((String) json.get("token"), null, ((Number) json.get("now")).longValue());

        String expect = (String) json.get("expect");
        assertThat(d instanceof Decision.Allow ? "allow" : "deny").as(c.summary() + " -> " + d).isEqualTo(expect);
        if (json.get("expect_error") != null) {
            assertThat(((Decision.Deny) d).reason().error().code()).as(d.toString()).isEqualTo(json.get("expect_error"));
        }
    }

    /** Published keys through the JWKS converter; oct keys become configured shared secrets, as FORMAT.md says. */
    @SuppressWarnings("unchecked")
    private static KeySet keys(Map<String, Object> json, Set<JwsAlgorithm> algs) throws Exception {
        Map<String, Object> jwks = (Map<String, Object>) json.get("jwks");
        List<Object> published = new ArrayList<>();
        List<KeySourceSettings.HmacSecret> secrets = new ArrayList<>();
        for (Object k : (List<Object>) jwks.get("keys")) {
            Map<String, Object> key = (Map<String, Object>) k;
            if ("oct".equals(key.get("kty"))) {
                secrets.add(new KeySourceSettings.HmacSecret((String) key.get("kid"), new Base64URL((String) key.get("k")).decode()));
            } else {
                published.add(key);
            }
        }
        Set<JwsAlgorithm> asym = EnumSet.copyOf(algs.isEmpty() ? JwsAlgorithm.asymmetricSet() : algs);
        asym.retainAll(JwsAlgorithm.asymmetricSet());
        List<VerificationKey> all = new ArrayList<>();
        if (!asym.isEmpty()) {
            all.addAll(new JwkConverter("case", asym).convert(JSONObjectUtils.toJSONString(Map.of("keys", published))).keys().keys());
        }
        Set<JwsAlgorithm> hmac = EnumSet.copyOf(algs.isEmpty() ? JwsAlgorithm.hmacSet() : algs);
        hmac.retainAll(JwsAlgorithm.hmacSet());
        if (!hmac.isEmpty() && !secrets.isEmpty()) {
            all.addAll(HmacSecretConverter.convert("case", secrets, hmac, s -> { }).keys().keys());
        }
        return KeySet.of(all);
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? List.of() : (List<String>) (List<?>) v;
    }
}
