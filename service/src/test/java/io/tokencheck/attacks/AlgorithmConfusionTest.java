package io.tokencheck.attacks;

import static io.tokencheck.attacks.AttackTarget.KIT;
import static io.tokencheck.attacks.AttackTarget.claims;
import static io.tokencheck.attacks.AttackTarget.hmacWithSecret;
import static io.tokencheck.attacks.AttackTarget.keysOf;
import static io.tokencheck.attacks.AttackTarget.reason;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokencheck.decision.TokenChecker;
import io.tokencheck.issuerkit.IssuerKit;
import io.tokencheck.keys.JwsAlgorithm;
import io.tokencheck.reason.DenyReason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Algorithm confusion (CVE-2015-9235, CVE-2016-10555, CVE-2022-29217, CVE-2024-54150): a token claims another
 * algorithm than its key is for, most famously HS256 keyed with the issuer's public key.
 */
class AlgorithmConfusionTest {

    /** Every encoding of every public key of the kit that a confused verifier might use as an HMAC secret. */
    static List<Object[]> publicKeyAsSecret() {
        List<Object[]> out = new ArrayList<>();
        for (String kid : List.of(IssuerKit.RSA_KID, IssuerKit.EC256_KID, IssuerKit.ED_KID)) {
            IssuerKit.SigningKey k = KIT.signingKey(kid);
            byte[] der = k.publicKey().getEncoded();
            String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(der) + "\n-----END PUBLIC KEY-----\n";
            out.add(new Object[] {kid, "pem", pem.getBytes(StandardCharsets.US_ASCII)});
            out.add(new Object[] {kid, "pem-no-newline", pem.trim().getBytes(StandardCharsets.US_ASCII)});
            out.add(new Object[] {kid, "der", der});
            out.add(new Object[] {kid, "jwk", k.publicJwk().toJSONString().getBytes(StandardCharsets.UTF_8)});
        }
        return out;
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("publicKeyAsSecret")
    void cve_2015_9235_hs256KeyedWithThePublicKeyNamingTheAsymmetricKidIsKeyNotFound(String kid, String form, byte[] secret) {
        // The kid names an asymmetric key: no key of that kid serves HS256.
        String t = hmacWithSecret("HS256", secret, "{\"alg\":\"HS256\",\"kid\":\"" + kid + "\"}", claims(""));
        assertThat(reason(t)).isEqualTo(DenyReason.KEY_NOT_FOUND);
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("publicKeyAsSecret")
    void cve_2015_9235_hs256KeyedWithThePublicKeyNamingTheHmacKidIsSignatureInvalid(String kid, String form, byte[] secret) {
        String t = hmacWithSecret("HS256", secret, "{\"alg\":\"HS256\",\"kid\":\"hs-1\"}", claims(""));
        assertThat(reason(t)).isEqualTo(DenyReason.SIGNATURE_INVALID);
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("publicKeyAsSecret")
    void cve_2015_9235_hmacOnAnAsymmetricOnlyIssuerIsAlgNotAllowed(String kid, String form, byte[] secret) {
        TokenChecker asymmetricOnly = AttackTarget.checker(JwsAlgorithm.asymmetricSet(), keysOf(KIT, false));
        for (String alg : List.of("HS256", "HS384", "HS512")) {
            String t = hmacWithSecret(alg, secret, "{\"alg\":\"" + alg + "\",\"kid\":\"" + kid + "\"}", claims(""));
            assertThat(reason(asymmetricOnly.check(t, null))).as(alg).isEqualTo(DenyReason.ALG_NOT_ALLOWED);
            String noKid = hmacWithSecret(alg, secret, "{\"alg\":\"" + alg + "\"}", claims(""));
            assertThat(reason(asymmetricOnly.check(noKid, null))).as(alg + " without kid").isEqualTo(DenyReason.ALG_NOT_ALLOWED);
        }
    }

    @Test
    void hs256WithoutKidKeyedWithThePublicKeyIsSignatureInvalid() {
        // One HMAC secret: a kid-less HS256 token is tried against it, and only it.
        byte[] der = KIT.signingKey(IssuerKit.RSA_KID).publicKey().getEncoded();
        assertThat(reason(hmacWithSecret("HS256", der, "{\"alg\":\"HS256\"}", claims("")))).isEqualTo(DenyReason.SIGNATURE_INVALID);
    }

    @Test
    void rs256TokenNamingTheEcKeyIsKeyNotFound() {
        String t = KIT.token().alg(JwsAlgorithm.RS256).kid(IssuerKit.EC256_KID).signWith(IssuerKit.RSA_KID).sign();
        assertThat(reason(t)).isEqualTo(DenyReason.KEY_NOT_FOUND);
    }

    @Test
    void es256TokenNamingTheRsaKeyIsKeyNotFound() {
        String t = KIT.token().alg(JwsAlgorithm.ES256).kid(IssuerKit.RSA_KID).signWith(IssuerKit.EC256_KID).sign();
        assertThat(reason(t)).isEqualTo(DenyReason.KEY_NOT_FOUND);
    }

    @Test
    void eddsaTokenNamingTheEcKeyIsKeyNotFound() {
        String t = KIT.token().alg(JwsAlgorithm.EdDSA).kid(IssuerKit.EC256_KID).signWith(IssuerKit.ED_KID).sign();
        assertThat(reason(t)).isEqualTo(DenyReason.KEY_NOT_FOUND);
    }

    @Test
    void es256SignatureRelabelledEs384OrEs512IsKeyNotFound() {
        // The ES256 key is on P-256 and has alg ES256: it serves no other ECDSA algorithm.
        String t = KIT.token().alg(JwsAlgorithm.ES256).sign();
        for (String alg : List.of("ES384", "ES512")) {
            String relabelled = AttackTarget.b64("{\"alg\":\"" + alg + "\",\"kid\":\"ec-1\"}") + t.substring(t.indexOf('.'));
            assertThat(reason(relabelled)).as(alg).isEqualTo(DenyReason.KEY_NOT_FOUND);
        }
    }

    @Test
    void pssSignatureRelabelledPkcs1AndBackIsSignatureInvalid() {
        // The kit's RSA keys carry no JWK alg, so one key serves RS* and PS*: the padding must still match the header.
        String ps = KIT.token().alg(JwsAlgorithm.PS256).kid(IssuerKit.RSA_KID).sign();
        String rs = KIT.token().alg(JwsAlgorithm.RS256).sign();
        assertThat(reason(ps)).as("genuine PS256").isNull();
        assertThat(reason(relabel(ps, "RS256"))).isEqualTo(DenyReason.SIGNATURE_INVALID);
        assertThat(reason(relabel(rs, "PS256"))).isEqualTo(DenyReason.SIGNATURE_INVALID);
        // And the hash must match: RS256 relabelled RS384/RS512, PS256 relabelled PS512.
        assertThat(reason(relabel(rs, "RS384"))).isEqualTo(DenyReason.SIGNATURE_INVALID);
        assertThat(reason(relabel(rs, "RS512"))).isEqualTo(DenyReason.SIGNATURE_INVALID);
        assertThat(reason(relabel(ps, "PS512"))).isEqualTo(DenyReason.SIGNATURE_INVALID);
    }

    @Test
    void hs256MacRelabelledHs384OrHs512IsSignatureInvalid() {
        String t = KIT.token().alg(JwsAlgorithm.HS256).sign();
        assertThat(reason(relabel(t, "HS384"))).isEqualTo(DenyReason.SIGNATURE_INVALID);
        assertThat(reason(relabel(t, "HS512"))).isEqualTo(DenyReason.SIGNATURE_INVALID);
    }

    /** The header replaced by one naming this alg and the same kid; payload and signature as they were. */
    private static String relabel(String token, String alg) {
        String kid = alg.startsWith("HS") ? IssuerKit.HMAC_KID : IssuerKit.RSA_KID;
        return AttackTarget.b64("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}") + token.substring(token.indexOf('.'));
    }
}
