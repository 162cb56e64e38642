package io.tokencheck.attacks;

import static io.tokencheck.attacks.AttackTarget.CLOCK;
import static io.tokencheck.attacks.AttackTarget.KIT;
import static io.tokencheck.attacks.AttackTarget.b64;
import static io.tokencheck.attacks.AttackTarget.claims;
import static io.tokencheck.attacks.AttackTarget.keysFromJwks;
import static io.tokencheck.attacks.AttackTarget.reason;
import static io.tokencheck.attacks.AttackTarget.signature;
import static io.tokencheck.attacks.AttackTarget.withSignature;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.Curve;
import io.tokencheck.config.KeySourceSettings;
import io.tokencheck.decision.TokenChecker;
import io.tokencheck.issuerkit.IssuerKit;
import io.tokencheck.keys.HmacSecretConverter;
import io.tokencheck.keys.JwkConverter;
import io.tokencheck.keys.JwsAlgorithm;
import io.tokencheck.keys.KeySet;
import io.tokencheck.keys.SkipReason;
import io.tokencheck.reason.DenyReason;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keys that must never verify anything (RFC 7518 3.3 and 3.2 minimum sizes, RFC 7517 use/alg, invalid-curve attacks
 * like CVE-2017-16007/CVE-2015-7940, Ed25519 malleability and small-order keys): such a key is skipped when the JWKS
 * is read, so a token naming it is key_not_found; a signature that only a lenient verifier accepts is signature_invalid.
 */
class WeakKeyTest {
    private static final Set<JwsAlgorithm> ALL = Set.of(JwsAlgorithm.values());

    /** One key's JWK JSON (as a map) from a kit, changed, as the only key of a JWKS. */
    private static String jwksWith(Map<String, Object> jwk) {
        return "{\"keys\":[" + com.nimbusds.jose.util.JSONObjectUtils.toJSONString(jwk) + "]}";
    }

    private static Map<String, Object> jwk(IssuerKit kit, String kid) {
        return new java.util.LinkedHashMap<>(kit.signingKey(kid).publicJwk().toJSONObject());
    }

    private static DenyReason under(String jwks, String token) {
        TokenChecker c = AttackTarget.checker(ALL, keysFromJwks(jwks, null));
        return reason(c.check(token, null));
    }

    @Test
    void rsaKeyShorterThan2048BitsIsSkippedSoItsTokensAreKeyNotFound() {
        IssuerKit weak = IssuerKit.generate(KIT.issuer(), CLOCK);
        weak.addRsa("rsa-1024", JwsAlgorithm.RS256, 1024);
        weak.addRsa("rsa-2040", null, 2040);
        String jwks = "{\"keys\":[" + weak.signingKey("rsa-1024").publicJwk().toJSONString() + ","
                + weak.signingKey("rsa-2040").publicJwk().toJSONString() + "]}";
        assertThat(under(jwks, weak.token().kid("rsa-1024").sign())).isEqualTo(DenyReason.KEY_NOT_FOUND);
        assertThat(under(jwks, weak.token().kid("rsa-2040").sign())).isEqualTo(DenyReason.KEY_NOT_FOUND);
        assertThat(under(jwks, weak.token().alg(JwsAlgorithm.PS256).kid("rsa-2040").sign())).isEqualTo(DenyReason.KEY_NOT_FOUND);
    }

    @ParameterizedTest
    @ValueSource(strings = {"enc", "Sig", "sig ", "encryption"})
    void keyWhoseUseIsNotSigIsKeyNotFound(String use) {
        Map<String, Object> j = jwk(KIT, IssuerKit.RSA_KID);
        j.put("use", use);
        assertThat(under(jwksWith(j), KIT.token().sign())).isEqualTo(DenyReason.KEY_NOT_FOUND);
    }

    @Test
    void keyWhoseKeyOpsLackVerifyIsKeyNotFound() {
        Map<String, Object> j = jwk(KIT, IssuerKit.RSA_KID);
        j.remove("use");
        j.put("key_ops", List.of("encrypt", "wrapKey"));
        assertThat(under(jwksWith(j), KIT.token().sign())).isEqualTo(DenyReason.KEY_NOT_FOUND);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS384", "PS256", "ES256", "HS256", "EdDSA", "none", "RSA-OAEP", "rs256"})
    void rsaKeyWhoseJwkAlgIsNotTheTokensAlgIsKeyNotFound(String jwkAlg) {
        Map<String, Object> j = jwk(KIT, IssuerKit.RSA_KID);
        j.put("alg", jwkAlg);
        assertThat(under(jwksWith(j), KIT.token().alg(JwsAlgorithm.RS256).sign())).isEqualTo(DenyReason.KEY_NOT_FOUND);
    }

    @Test
    void ecKeyWhoseJwkAlgNamesAnotherCurveIsKeyNotFound() {
        Map<String, Object> j = jwk(KIT, IssuerKit.EC256_KID);
        j.put("alg", "ES384");
        assertThat(under(jwksWith(j), KIT.token().alg(JwsAlgorithm.ES256).sign())).isEqualTo(DenyReason.KEY_NOT_FOUND);
    }

    @Test
    void p256KeyUnderAnEs384OrEs512TokenIsKeyNotFound() {
        // The key is published under the kid the ES384 token names, but it is a P-256 key: ES384 means P-384 only.
        Map<String, Object> j = jwk(KIT, IssuerKit.EC256_KID);
        j.remove("alg");
        j.put("kid", IssuerKit.EC384_KID);
        String es384 = KIT.token().alg(JwsAlgorithm.ES384).sign();
        assertThat(under(jwksWith(j), es384)).isEqualTo(DenyReason.KEY_NOT_FOUND);
        j.put("kid", IssuerKit.EC521_KID);
        assertThat(under(jwksWith(j), KIT.token().alg(JwsAlgorithm.ES512).sign())).isEqualTo(DenyReason.KEY_NOT_FOUND);
    }

    @Test
    void p256CoordinatesLabelledAsAnotherCurveAreKeyNotFound() {
        for (String crv : List.of("P-384", "P-521", "secp256k1", "P-256K", "X25519")) {
            Map<String, Object> j = jwk(KIT, IssuerKit.EC256_KID);
            j.remove("alg");
            j.put("crv", crv);
            String t = KIT.token().alg(JwsAlgorithm.ES256).sign();
            assertThat(under(jwksWith(j), t)).as(crv).isEqualTo(DenyReason.KEY_NOT_FOUND);
            String as384 = b64("{\"alg\":\"ES384\",\"kid\":\"ec-1\"}") + t.substring(t.indexOf('.'));
            assertThat(under(jwksWith(j), as384)).as(crv + " as ES384").isEqualTo(DenyReason.KEY_NOT_FOUND);
        }
    }

    @Test
    void ecPointNotOnTheCurveIsSkippedAsSuchAndItsTokensAreKeyNotFound() {
        Map<String, Object> j = jwk(KIT, IssuerKit.EC256_KID);
        byte[] y = java.util.Base64.getUrlDecoder().decode((String) j.get("y"));
        y[y.length - 1] ^= 0x01;
        j.put("y", b64(y));
        // Proves why: the converter names the point, not some generic failure.
        List<SkipReason> skipped = new java.util.ArrayList<>();
        try {
            new JwkConverter("t", Set.of(), s -> skipped.add(s.reason())).convert(jwksWith(j));
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
        assertThat(skipped).containsExactly(SkipReason.EC_POINT_NOT_ON_CURVE);
        assertThat(under(jwksWith(j), KIT.token().alg(JwsAlgorithm.ES256).sign())).isEqualTo(DenyReason.KEY_NOT_FOUND);
    }

    @Test
    void ed25519SignatureWithNonCanonicalSIsSignatureInvalid() {
        // S + L verifies under the group law for a lenient verifier (malleability, RFC 8032 5.1.7 requires S < L).
        BigInteger l = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
        String t = KIT.token().alg(JwsAlgorithm.EdDSA).sign();
        assertThat(reason(t)).isNull();
        byte[] sig = signature(t);
        for (BigInteger add : List.of(l, l.multiply(BigInteger.TWO), l.multiply(BigInteger.valueOf(15)))) {
            BigInteger s = littleEndian(sig, 32).add(add);
            if (s.bitLength() > 256) {
                continue;
            }
            byte[] bad = sig.clone();
            System.arraycopy(toLittleEndian(s, 32), 0, bad, 32, 32);
            assertThat(reason(withSignature(t, bad))).as("S + %s", add).isEqualTo(DenyReason.SIGNATURE_INVALID);
        }
        // S = L exactly (= 0 mod L) and all-ones.
        byte[] sL = sig.clone();
        System.arraycopy(toLittleEndian(l, 32), 0, sL, 32, 32);
        assertThat(reason(withSignature(t, sL))).isEqualTo(DenyReason.SIGNATURE_INVALID);
        byte[] ones = sig.clone();
        java.util.Arrays.fill(ones, 32, 64, (byte) 0xff);
        assertThat(reason(withSignature(t, ones))).isEqualTo(DenyReason.SIGNATURE_INVALID);
    }

    /** The encodings of the Ed25519 points of small order (libsodium's blacklist, incl. non-canonical ones). */
    static List<String> smallOrderEd25519() {
        return List.of("0100000000000000000000000000000000000000000000000000000000000000",
                "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
                "0000000000000000000000000000000000000000000000000000000000000000",
                "0000000000000000000000000000000000000000000000000000000000000080",
                "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
                "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
                "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
                "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
                "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("smallOrderEd25519")
    void smallOrderEd25519KeyIsSkippedSoNoUniversalForgeryVerifies(String xHex) {
        // With a small-order public key A, R = identity and S = 0 satisfy [S]B = R + [k]A for every message: anyone
        // could mint tokens for such a key (the JDK's Ed25519 accepts it). No private key exists for it: never use it.
        Map<String, Object> j = Map.of("kty", "OKP", "crv", "Ed25519", "kid", "ed-1", "use", "sig",
                "x", b64(HexFormat.of().parseHex(xHex)));
        String header = b64("{\"alg\":\"EdDSA\",\"kid\":\"ed-1\"}");
        String input = header + "." + b64(claims(""));
        for (String sig : List.of("01" + "00".repeat(63), xHex + "00".repeat(32), "00".repeat(64))) {
            String forged = input + "." + b64(HexFormat.of().parseHex(sig));
            assertThat(under(jwksWith(j), forged)).as("signature %s...", sig.substring(0, 8)).isEqualTo(DenyReason.KEY_NOT_FOUND);
        }
    }

    @Test
    void hmacSecretShorterThanTheHashServesNoLongerHash() {
        byte[] secret32 = new byte[32];
        new SecureRandom().nextBytes(secret32);
        KeySet keys = hmacKeys(secret32);
        TokenChecker c = AttackTarget.checker(ALL, keys);
        String header = "{\"alg\":\"%s\",\"kid\":\"hs-1\"}";
        assertThat(reason(c.check(AttackTarget.hmacWithSecret("HS256", secret32, header.formatted("HS256"), claims("")), null))).isNull();
        // RFC 7518 3.2: a key of the same size as the hash output or larger. 32 bytes is too short for HS384/HS512.
        assertThat(reason(c.check(AttackTarget.hmacWithSecret("HS384", secret32, header.formatted("HS384"), claims("")), null)))
                .isEqualTo(DenyReason.KEY_NOT_FOUND);
        assertThat(reason(c.check(AttackTarget.hmacWithSecret("HS512", secret32, header.formatted("HS512"), claims("")), null)))
                .isEqualTo(DenyReason.KEY_NOT_FOUND);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 8, 16, 31})
    void hmacSecretShorterThan32BytesIsSkippedEntirely(int length) {
        byte[] secret = new byte[length];
        new SecureRandom().nextBytes(secret);
        TokenChecker c = AttackTarget.checker(ALL, hmacKeys(secret));
        String t = AttackTarget.hmacWithSecret("HS256", secret.length == 0 ? new byte[1] : secret, "{\"alg\":\"HS256\",\"kid\":\"hs-1\"}", claims(""));
        assertThat(reason(c.check(t, null))).isEqualTo(DenyReason.KEY_NOT_FOUND);
    }

    @Test
    void symmetricKeyPublishedInTheJwksIsNeverUsed() {
        // A JWKS is public: an "oct" key in it is a secret everybody knows.
        byte[] secret = KIT.hmacSecret();
        String jwks = "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"hs-1\",\"k\":\"" + b64(secret) + "\"}]}";
        assertThat(under(jwks, KIT.token().alg(JwsAlgorithm.HS256).sign())).isEqualTo(DenyReason.KEY_NOT_FOUND);
    }

    @Test
    void ecKeyOfAnotherIssuerAddedUnderTheSameKidDoesNotWeakenTheRealOne() {
        IssuerKit attacker = IssuerKit.generate(KIT.issuer(), CLOCK);
        attacker.addEc("ec-1", Curve.P_256, JwsAlgorithm.ES256);
        assertThat(reason(attacker.token().alg(JwsAlgorithm.ES256).sign())).isEqualTo(DenyReason.SIGNATURE_INVALID);
    }

    private static KeySet hmacKeys(byte[] secret) {
        return KeySet.of(HmacSecretConverter.convert("t", List.of(new KeySourceSettings.HmacSecret("hs-1", secret)),
                JwsAlgorithm.hmacSet(), s -> { }).keys().keys());
    }

    private static BigInteger littleEndian(byte[] b, int offset) {
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) {
            be[i] = b[offset + 31 - i];
        }
        return new BigInteger(1, be);
    }

    private static byte[] toLittleEndian(BigInteger v, int len) {
        byte[] be = v.toByteArray();
        byte[] out = new byte[len];
        for (int i = 0; i < len && i < be.length; i++) {
            out[i] = be[be.length - 1 - i];
        }
        return out;
    }
}
