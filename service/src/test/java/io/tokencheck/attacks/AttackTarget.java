package io.tokencheck.attacks;

import io.tokencheck.config.IssuerSettings;
import io.tokencheck.config.KeySourceSettings;
import io.tokencheck.config.LimitSettings;
import io.tokencheck.config.ServerSettings;
import io.tokencheck.config.TokenCacheSettings;
import io.tokencheck.config.TokencheckConfig;
import io.tokencheck.decision.Decision;
import io.tokencheck.decision.TokenChecker;
import io.tokencheck.issuerkit.IssuerKit;
import io.tokencheck.keys.HmacSecretConverter;
import io.tokencheck.keys.JwkConverter;
import io.tokencheck.keys.JwsAlgorithm;
import io.tokencheck.keys.KeyResolver;
import io.tokencheck.keys.KeySet;
import io.tokencheck.keys.VerificationKey;
import io.tokencheck.reason.DenyReason;
import io.tokencheck.testing.TestSettings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checker every attack case runs against: it trusts {@link #KIT} (every algorithm, its published JWKS plus its
 * HMAC secret) and {@link #OTHER} (asymmetric keys only), at a fixed clock, without the verified-token cache.
 */
final class AttackTarget {
    static final long NOW = 1_767_225_600L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    static final String AUD = "api://default";
    /** The trusted issuer; its keys sign the genuine tokens. */
    static final IssuerKit KIT = IssuerKit.generate("https://issuer.example.test", CLOCK);
    /** A second trusted issuer, for cross-issuer key confusion. */
    static final IssuerKit OTHER = IssuerKit.generate("https://other.example.test", CLOCK);
    /** The attacker: same issuer string as KIT, keys nobody trusts. */
    static final IssuerKit ATTACKER = IssuerKit.generate(KIT.issuer(), CLOCK);
    static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private static final TokenChecker DEFAULT = build(Set.of(JwsAlgorithm.values()), keysOf(KIT, true), 8192);

    private AttackTarget() {
    }

    /** The checker described above. */
    static TokenChecker checker() {
        return DEFAULT;
    }

    /** A checker whose first issuer (KIT's iss) allows these algorithms and has exactly these keys. */
    static TokenChecker checker(Set<JwsAlgorithm> algs, KeySet keys) {
        return build(algs, keys, 8192);
    }

    /** The default issuers with another token size limit. */
    static TokenChecker checkerWithLimit(int maxTokenBytes) {
        return build(Set.of(JwsAlgorithm.values()), keysOf(KIT, true), maxTokenBytes);
    }

    /** The deny reason the default checker gives, or null when it allows. */
    static DenyReason reason(String token) {
        return reason(DEFAULT.check(token, null));
    }

    /** The deny reason, or null for an allow. */
    static DenyReason reason(Decision d) {
        return d instanceof Decision.Deny deny ? deny.reason() : null;
    }

    /** A kit's published JWKS as tokencheck converts it, plus its HMAC secret when asked. */
    static KeySet keysOf(IssuerKit kit, boolean withSecret) {
        return keysFromJwks(kit.publicJwksJson(), withSecret ? kit.hmacSecret() : null);
    }

    /** Converts JWKS text as the JWKS source does (bad keys skipped), plus an HMAC secret under kid hs-1 (null: none). */
    static KeySet keysFromJwks(String jwksJson, byte[] hmacSecret) {
        try {
            List<VerificationKey> all = new ArrayList<>(new JwkConverter("t", Set.of()).convert(jwksJson).keys().keys());
            if (hmacSecret != null) {
                all.addAll(HmacSecretConverter.convert("t", List.of(new KeySourceSettings.HmacSecret(IssuerKit.HMAC_KID, hmacSecret)),
                        JwsAlgorithm.hmacSet(), s -> { }).keys().keys());
            }
            return KeySet.of(all);
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static TokenChecker build(Set<JwsAlgorithm> algs, KeySet mainKeys, int maxTokenBytes) {
        IssuerSettings main = TestSettings.withAlgorithms(TestSettings.issuer(KIT.issuer(), AUD), algs);
        IssuerSettings other = TestSettings.issuer(OTHER.issuer(), AUD);
        KeySet otherKeys = keysOf(OTHER, false);
        TokencheckConfig config = new TokencheckConfig(new ServerSettings("127.0.0.1", 0), new LimitSettings(maxTokenBytes, 65536),
                null, List.of(main, other), Map.of("default", TestSettings.policy("default")), "default", Map.of(),
                new TokenCacheSettings(0));
        return TokenChecker.fromConfig(config, i -> i == main ? KeyResolver.of(mainKeys) : KeyResolver.of(otherKeys), CLOCK, null);
    }

    /** base64url (no padding) of UTF-8 text. */
    static String b64(String text) {
        return B64.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** base64url (no padding) of bytes. */
    static String b64(byte[] bytes) {
        return B64.encodeToString(bytes);
    }

    /** The three segments of a compact JWS. */
    static String[] parts(String token) {
        return token.split("\\.", -1);
    }

    /** The decoded signature of a token. */
    static byte[] signature(String token) {
        return Base64.getUrlDecoder().decode(parts(token)[2]);
    }

    /** The token with its signature replaced. */
    static String withSignature(String token, byte[] sig) {
        return token.substring(0, token.lastIndexOf('.') + 1) + b64(sig);
    }

    /** Default claims (valid for {@link #KIT} at {@link #NOW}) as JSON text, with extra members appended. */
    static String claims(String extra) {
        return "{\"iss\":\"" + KIT.issuer() + "\",\"sub\":\"user-1001\",\"aud\":\"" + AUD + "\",\"exp\":" + (NOW + 300)
                + ",\"scope\":\"read\"" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    /** An HS256 token signed with the kit's real secret (kid hs-1) over exactly this header and payload text. */
    static String hs256(String headerJson, String payloadJson) {
        return KIT.token().alg(JwsAlgorithm.HS256).rawHeader(headerJson).rawPayload(payloadJson).sign();
    }

    /** An HS256 token signed with the kit's real secret over exactly these header and payload bytes (any bytes). */
    static String hs256Bytes(byte[] headerJson, byte[] payloadJson) {
        try {
            String input = b64(headerJson) + "." + b64(payloadJson);
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(KIT.hmacSecret(), "HmacSHA256"));
            return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The HS256 header naming the kit's secret. */
    static final String HS_HEADER = "{\"alg\":\"HS256\",\"kid\":\"hs-1\"}";

    /** An HS256 token over this header and payload, keyed with an arbitrary secret (for algorithm confusion). */
    static String hmacWithSecret(String alg, byte[] secret, String headerJson, String payloadJson) {
        try {
            String jca = "Hmac" + "SHA" + alg.substring(2);
            String input = b64(headerJson) + "." + b64(payloadJson);
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance(jca);
            mac.init(new javax.crypto.spec.SecretKeySpec(secret, jca));
            return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
