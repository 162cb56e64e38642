package io.tokencheck.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.tokencheck.config.IssuerSettings;
import io.tokencheck.config.KeySourceSettings;
import io.tokencheck.config.LimitSettings;
import io.tokencheck.config.ServerSettings;
import io.tokencheck.config.TokenCacheSettings;
import io.tokencheck.config.TokencheckConfig;
import io.tokencheck.decision.Decision;
import io.tokencheck.decision.TokenChecker;
import io.tokencheck.keys.HmacSecretConverter;
import io.tokencheck.keys.JwkConverter;
import io.tokencheck.keys.JwsAlgorithm;
import io.tokencheck.keys.KeyResolver;
import io.tokencheck.keys.KeySet;
import io.tokencheck.keys.VerificationKey;
import io.tokencheck.parse.JwsParser;
import io.tokencheck.parse.ParseFailure;
import io.tokencheck.parse.ParseOptions;
import io.tokencheck.parse.ParseResult;
import io.tokencheck.parse.ParsedToken;
import io.tokencheck.reason.DenyReason;
import io.tokencheck.testing.TestSettings;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Coverage-guided fuzzing (Jazzer) of the parser and of the whole decision. Under Surefire the seed corpus in
 * {@code TokenFuzzTestInputs/} runs as a regression test; {@code JAZZER_FUZZ=1} fuzzes for real. Properties: nothing
 * throws, no internal_error (an exception that the fail-closed net caught), the parser's catch-all is never reached,
 * and nothing is allowed unless an independent JDK check finds its signature made by a trusted key. Keys are fixed
 * (the keys of the real-world cases, and a constant HMAC secret) so that seeds stay valid tokens across runs.
 */
class TokenFuzzTest {
    /** The cases' clock: their valid tokens are valid now. */
    static final long NOW = 1_767_225_600L;
    static final String ISSUER = "https://issuer.example.test";
    /** The fixed HMAC secret the HS* seeds are signed with (64 bytes: serves HS256 to HS512). */
    static final byte[] SECRET = sha512("tokencheck fuzz secret");
    private static final Set<DenyReason> PARSE_REASONS = EnumSet.of(DenyReason.TOKEN_TOO_LARGE, DenyReason.TOKEN_MALFORMED,
            DenyReason.HEADER_UNSUPPORTED, DenyReason.CLAIM_INVALID);

    private static final JWKSet JWKS = loadCaseJwks();
    private static final JwsParser PARSER = new JwsParser(new ParseOptions(8192, Set.of("scope", "scp", "tenant")));
    private static final TokenChecker CHECKER = checker();

    @FuzzTest(maxDuration = "90s")
    void parserNeverThrowsAndNeverHitsItsCatchAll(byte[] input) {
        ParseResult r = PARSER.parse(new String(input, StandardCharsets.UTF_8));
        assertThat(r).isNotNull();
        if (r instanceof ParseFailure f) {
            assertThat(f.reason()).isIn(PARSE_REASONS);
            assertThat(f.detail()).as("the parser's catch-all for unexpected exceptions").isNotEqualTo("unparseable token");
        } else {
            assertThat(((ParsedToken) r).header().alg()).isNotNull();
        }
    }

    @FuzzTest(maxDuration = "90s")
    void checkerNeverThrowsAndAllowsOnlyGenuinelySignedTokens(byte[] input) {
        String token = new String(input, StandardCharsets.UTF_8);
        Decision d = CHECKER.check(token, null, NOW);
        assertThat(d).isNotNull();
        if (d instanceof Decision.Deny deny) {
            assertThat(deny.reason()).as("an exception caught by the fail-closed net").isNotEqualTo(DenyReason.INTERNAL_ERROR);
        } else {
            assertThat(signedByATrustedKey(token)).as("allowed token must be signed by a trusted key: %s", token).isTrue();
        }
    }

    private static TokenChecker checker() {
        IssuerSettings issuer = TestSettings.withAlgorithms(TestSettings.issuer(ISSUER, "api://orders", "api://default"),
                Set.of(JwsAlgorithm.values()));
        List<VerificationKey> keys = new ArrayList<>(new JwkConverter("fuzz", Set.of()).convert(JWKS).keys().keys());
        keys.addAll(HmacSecretConverter.convert("fuzz", List.of(new KeySourceSettings.HmacSecret("hs-1", SECRET)),
                JwsAlgorithm.hmacSet(), s -> { }).keys().keys());
        KeySet set = KeySet.of(keys);
        TokencheckConfig config = new TokencheckConfig(new ServerSettings("127.0.0.1", 0), new LimitSettings(8192, 65536), null,
                List.of(issuer), Map.of("default", TestSettings.policy("default")), "default", Map.of(), new TokenCacheSettings(1 << 16));
        return TokenChecker.fromConfig(config, i -> KeyResolver.of(set),
                Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC), null);
    }

    /** The oracle: JDK base64 and JDK crypto, independent of tokencheck's parser and verifier. */
    static boolean signedByATrustedKey(String token) {
        try {
            int dot = token.lastIndexOf('.');
            String[] parts = token.split("\\.", -1);
            Map<String, Object> header = JSONObjectUtils.parse(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
            String alg = (String) header.get("alg");
            byte[] input = token.substring(0, dot).getBytes(StandardCharsets.US_ASCII);
            byte[] sig = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            if (alg.startsWith("HS")) {
                Mac mac = Mac.getInstance("HmacSHA" + alg.substring(2));
                mac.init(new SecretKeySpec(SECRET, mac.getAlgorithm()));
                return MessageDigest.isEqual(mac.doFinal(input), sig);
            }
            for (JWK k : JWKS.getKeys()) {
                PublicKey pk = k instanceof RSAKey r ? r.toRSAPublicKey() : k instanceof ECKey e ? e.toECPublicKey()
                        : k instanceof OctetKeyPair o ? ed25519(o) : null;
                if (pk != null && jdkVerifies(alg, pk, input, sig)) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean jdkVerifies(String alg, PublicKey key, byte[] input, byte[] sig) {
        try {
            Signature s;
            switch (alg.substring(0, 2)) {
                case "RS" -> s = Signature.getInstance("SHA" + alg.substring(2) + "withRSA");
                case "PS" -> {
                    s = Signature.getInstance("RSASSA-PSS");
                    String hash = "SHA-" + alg.substring(2);
                    s.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), Integer.parseInt(alg.substring(2)) / 8, 1));
                }
                case "ES" -> s = Signature.getInstance("SHA" + (alg.equals("ES512") ? "512" : alg.substring(2)) + "withECDSAinP1363Format");
                case "Ed" -> s = Signature.getInstance("Ed25519");
                default -> {
                    return false;
                }
            }
            s.initVerify(key);
            s.update(input);
            return s.verify(sig);
        } catch (Exception e) {
            return false;
        }
    }

    private static PublicKey ed25519(OctetKeyPair o) throws Exception {
        byte[] prefix = java.util.HexFormat.of().parseHex("302a300506032b6570032100");
        byte[] x = o.getDecodedX();
        byte[] spki = java.util.Arrays.copyOf(prefix, prefix.length + x.length);
        System.arraycopy(x, 0, spki, prefix.length, x.length);
        return java.security.KeyFactory.getInstance("Ed25519").generatePublic(new java.security.spec.X509EncodedKeySpec(spki));
    }

    private static JWKSet loadCaseJwks() {
        try (InputStream in = TokenFuzzTest.class.getResourceAsStream("/cases/valid-ps256.json")) {
            Map<String, Object> c = JSONObjectUtils.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return JWKSet.parse(JSONObjectUtils.getJSONObject(c, "jwks"));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the cases' JWKS", e);
        }
    }

    private static byte[] sha512(String s) {
        try {
            return MessageDigest.getInstance("SHA-512").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
