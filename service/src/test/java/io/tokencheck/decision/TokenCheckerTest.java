package io.tokencheck.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokencheck.config.IssuerSettings;
import io.tokencheck.config.KeySourceSettings;
import io.tokencheck.config.LimitSettings;
import io.tokencheck.config.PolicySettings;
import io.tokencheck.config.ServerSettings;
import io.tokencheck.config.TokencheckConfig;
import io.tokencheck.issuerkit.IssuerKit;
import io.tokencheck.keys.HmacSecretConverter;
import io.tokencheck.keys.JwkConverter;
import io.tokencheck.keys.JwsAlgorithm;
import io.tokencheck.keys.KeyResolver;
import io.tokencheck.keys.KeySet;
import io.tokencheck.reason.DenyReason;
import io.tokencheck.testing.TestSettings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The decision core without HTTP: algorithm families, key selection, issuer trust, and failing closed. */
class TokenCheckerTest {
    private static final long NOW = 1_767_225_600L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    private static final IssuerKit KIT = IssuerKit.generate("https://issuer.example.test", CLOCK);
    private static final IssuerKit OTHER = IssuerKit.generate("https://other.example.test", CLOCK);

    private static KeySet published(IssuerKit kit) throws Exception {
        return new JwkConverter("t", Set.of()).convert(kit.publicJwksJson()).keys();
    }

    private static KeySet withSecret(KeySet asym, IssuerKit kit) {
        List<io.tokencheck.keys.VerificationKey> all = new ArrayList<>(asym.keys());
        all.addAll(HmacSecretConverter.convert("t", List.of(new KeySourceSettings.HmacSecret(IssuerKit.HMAC_KID, kit.hmacSecret())),
                JwsAlgorithm.hmacSet(), s -> { }).keys().keys());
        return KeySet.of(all);
    }

    /** A checker trusting KIT (every algorithm, keys from its JWKS plus its HMAC secret) and OTHER (asymmetric only). */
    private static TokenChecker checker(Set<JwsAlgorithm> kitAlgs, KeyResolver kitKeys) throws Exception {
        IssuerSettings main = TestSettings.withAlgorithms(TestSettings.issuer(KIT.issuer(), "api://default"), kitAlgs);
        IssuerSettings other = TestSettings.issuer(OTHER.issuer(), "api://default");
        KeySet otherKeys = published(OTHER);
        TokencheckConfig config = new TokencheckConfig(new ServerSettings("127.0.0.1", 0), new LimitSettings(8192, 65536), null,
                List.of(main, other),
                Map.of("default", TestSettings.policy("default"),
                        "main-only", new PolicySettings("main-only", List.of(main.name()), List.of(), List.of(), List.of(), Map.of())),
                "default", Map.of());
        return TokenChecker.fromConfig(config, i -> i == main ? kitKeys : KeyResolver.of(otherKeys), CLOCK, null);
    }

    private static TokenChecker checker() throws Exception {
        Set<JwsAlgorithm> all = Set.of(JwsAlgorithm.values());
        return checker(all, KeyResolver.of(withSecret(published(KIT), KIT)));
    }

    private static DenyReason reason(Decision d) {
        return d instanceof Decision.Deny deny ? deny.reason() : null;
    }

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void validTokenOfEveryAlgorithmIsAllowed(JwsAlgorithm alg) throws Exception {
        Decision d = checker().check(KIT.token().alg(alg).sign(), null);
        assertThat(d).isInstanceOf(Decision.Allow.class);
        Identity id = ((Decision.Allow) d).identity();
        assertThat(id.subject()).isEqualTo("user-1001");
        assertThat(id.issuer()).isEqualTo(KIT.issuer());
        assertThat(id.scopes()).containsExactly("read");
    }

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void tokenSignedByAnotherKeyOfTheSameKidIsSignatureInvalid(JwsAlgorithm alg) throws Exception {
        // Same header (kid, alg) and claims as a valid token, but signed by another issuer kit's key.
        String forged = OTHER.token().alg(alg).claim("iss", KIT.issuer()).sign();
        assertThat(reason(checker().check(forged, null))).isEqualTo(DenyReason.SIGNATURE_INVALID);
    }

    @Test
    void algNoneInAnySpellingIsAlgNotAllowed() throws Exception {
        for (String none : new String[] {"none", "None", "NONE", "nOnE"}) {
            String t = KIT.token().header("alg", none).sign();
            String unsigned = t.substring(0, t.lastIndexOf('.') + 1);
            assertThat(reason(checker().check(unsigned, null))).as(none).isEqualTo(DenyReason.ALG_NOT_ALLOWED);
            assertThat(reason(checker().check(t, null))).as(none + " with signature").isEqualTo(DenyReason.ALG_NOT_ALLOWED);
        }
    }

    @Test
    void algorithmOutsideTheIssuersAllowListIsAlgNotAllowed() throws Exception {
        TokenChecker esOnly = checker(Set.of(JwsAlgorithm.ES256), KeyResolver.of(published(KIT)));
        assertThat(esOnly.check(KIT.token().alg(JwsAlgorithm.ES256).sign(), null)).isInstanceOf(Decision.Allow.class);
        assertThat(reason(esOnly.check(KIT.token().alg(JwsAlgorithm.RS256).sign(), null))).isEqualTo(DenyReason.ALG_NOT_ALLOWED);
    }

    @Test
    void hs256KeyedWithTheRsaPublicKeyIsNeverAccepted() throws Exception {
        // Algorithm confusion (CVE-2015-9235 and kin): the issuer's public key used as an HMAC secret.
        byte[] pem = ("-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder().encodeToString(
                KIT.signingKey(IssuerKit.RSA_KID).publicKey().getEncoded()) + "\n-----END PUBLIC KEY-----\n")
                .getBytes(StandardCharsets.US_ASCII);
        String token = hmacToken(pem, IssuerKit.RSA_KID);
        assertThat(checker().check(token, null)).isInstanceOf(Decision.Deny.class);
        TokenChecker asymmetricOnly = checker(JwsAlgorithm.asymmetricSet(), KeyResolver.of(published(KIT)));
        assertThat(reason(asymmetricOnly.check(token, null))).isEqualTo(DenyReason.ALG_NOT_ALLOWED);
    }

    @Test
    void rs256TokenNamingTheEcKeyIsKeyNotFound() throws Exception {
        String token = KIT.token().alg(JwsAlgorithm.RS256).kid(IssuerKit.EC256_KID).signWith(IssuerKit.RSA_KID).sign();
        assertThat(reason(checker().check(token, null))).isEqualTo(DenyReason.KEY_NOT_FOUND);
    }

    @Test
    void unknownKidIsKeyNotFound() throws Exception {
        String token = KIT.token().kid("../../etc/passwd").signWith(IssuerKit.RSA_KID).sign();
        assertThat(reason(checker().check(token, null))).isEqualTo(DenyReason.KEY_NOT_FOUND);
    }

    @Test
    void kidOfAnotherIssuersKeyIsNotUsedForThisIssuer() throws Exception {
        IssuerKit third = IssuerKit.generate("https://issuer.example.test", CLOCK);
        third.addRsa("other-only", JwsAlgorithm.RS256, 2048);
        String token = third.token().kid("other-only").sign();
        assertThat(reason(checker().check(token, null))).isEqualTo(DenyReason.KEY_NOT_FOUND);
    }

    @Test
    void tokenWithoutKidIsAcceptedOnlyWithASingleCandidateKey() throws Exception {
        // EdDSA: the kit has exactly one Ed25519 key.
        String edNoKid = KIT.token().alg(JwsAlgorithm.EdDSA).header("kid", null).signWith(IssuerKit.ED_KID).sign();
        assertThat(checker().check(edNoKid, null)).isInstanceOf(Decision.Allow.class);
        // Two RS256-capable keys: which to try would be the attacker's choice, so none is tried.
        IssuerKit two = IssuerKit.generate(KIT.issuer(), CLOCK);
        two.addRsa("rsa-2", JwsAlgorithm.RS256, 2048);
        String rsNoKid = two.token().header("kid", null).signWith(IssuerKit.RSA_KID).sign();
        TokenChecker c = checker(Set.of(JwsAlgorithm.values()), KeyResolver.of(published(two)));
        assertThat(reason(c.check(rsNoKid, null))).isEqualTo(DenyReason.KEY_NOT_FOUND);
    }

    @Test
    void untrustedOrMissingIssuerIsIssuerNotTrusted() throws Exception {
        assertThat(reason(checker().check(KIT.token().claim("iss", "https://evil.example").sign(), null)))
                .isEqualTo(DenyReason.ISSUER_NOT_TRUSTED);
        assertThat(reason(checker().check(KIT.token().claim("iss", null).sign(), null))).isEqualTo(DenyReason.ISSUER_NOT_TRUSTED);
    }

    @Test
    void policyRestrictedToOneIssuerDeniesTheOther() throws Exception {
        TokenChecker c = checker();
        assertThat(c.check(KIT.token().sign(), "main-only")).isInstanceOf(Decision.Allow.class);
        assertThat(c.check(OTHER.token().sign(), null)).isInstanceOf(Decision.Allow.class);
        assertThat(reason(c.check(OTHER.token().sign(), "main-only"))).isEqualTo(DenyReason.ISSUER_NOT_TRUSTED);
    }

    @Test
    void unavailableKeysAreJwksUnavailable() throws Exception {
        TokenChecker c = checker(Set.of(JwsAlgorithm.values()), (kid, alg) -> new io.tokencheck.keys.KeyLookup.Unavailable());
        assertThat(reason(c.check(KIT.token().sign(), null))).isEqualTo(DenyReason.JWKS_UNAVAILABLE);
    }

    @Test
    void unexpectedErrorIsADenyNotAnException() throws Exception {
        TokenChecker c = checker(Set.of(JwsAlgorithm.values()), (kid, alg) -> {
            throw new IllegalStateException("boom");
        });
        Decision d = c.check(KIT.token().sign(), null);
        assertThat(reason(d)).isEqualTo(DenyReason.INTERNAL_ERROR);
        assertThat(((Decision.Deny) d).fingerprint().value()).hasSize(16);
    }

    @Test
    void nullTokenIsTokenMissingNotAnException() throws Exception {
        assertThat(reason(checker().check(null, null))).isEqualTo(DenyReason.TOKEN_MISSING);
    }

    @Test
    void expiryIsJudgedAtTheGivenTime() throws Exception {
        String token = KIT.token().sign(); // exp = NOW + 300
        assertThat(checker().check(token, null, NOW + 359)).isInstanceOf(Decision.Allow.class);
        assertThat(reason(checker().check(token, null, NOW + 360))).isEqualTo(DenyReason.TOKEN_EXPIRED);
    }

    private static String hmacToken(byte[] secret, String kid) throws Exception {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString(("{\"alg\":\"HS256\",\"kid\":\"" + kid + "\"}").getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"iss\":\"" + KIT.issuer() + "\",\"aud\":\"api://default\",\"exp\":" + (NOW + 300)
                + ",\"sub\":\"x\"}").getBytes(StandardCharsets.UTF_8));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
        String input = header + "." + payload;
        return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }
}
