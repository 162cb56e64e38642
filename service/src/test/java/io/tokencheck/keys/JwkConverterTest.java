package io.tokencheck.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import io.tokencheck.issuerkit.IssuerKit;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class JwkConverterTest {
    private static IssuerKit kit;
    private static KeyPair rsa2048;

    @BeforeAll
    static void keys() throws Exception {
        kit = IssuerKit.generate("https://idp.example");
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        rsa2048 = gen.generateKeyPair();
    }

    private static JwkConverter converter() {
        return new JwkConverter("test", Set.of());
    }

    private static JWK published(String kid) {
        return kit.signingKey(kid).publicJwk();
    }

    private static RSAKey.Builder rsa(String kid) {
        return new RSAKey.Builder((RSAPublicKey) rsa2048.getPublic()).keyID(kid);
    }

    private static ConvertedKeys convert(JWK... jwks) {
        return converter().convert(new JWKSet(List.of(jwks)));
    }

    private static ConvertedKeys convertJson(String json) throws ParseException {
        return converter().convert(json);
    }

    private static SkipReason onlySkip(ConvertedKeys c) {
        assertThat(c.keys().isEmpty()).isTrue();
        assertThat(c.skipped()).hasSize(1);
        return c.skipped().get(0).reason();
    }

    @Test
    void everyFamilyOfThePublishedKitIsUsableForItsOwnAlgorithm() throws ParseException {
        ConvertedKeys c = converter().convert(kit.publicJwksJson());

        assertThat(c.skipped()).isEmpty();
        assertThat(c.keys().candidates(IssuerKit.RSA_KID, JwsAlgorithm.RS256)).hasSize(1);
        assertThat(c.keys().candidates(IssuerKit.RSA_PSS_KID, JwsAlgorithm.PS256)).hasSize(1);
        assertThat(c.keys().candidates(IssuerKit.EC256_KID, JwsAlgorithm.ES256)).hasSize(1);
        assertThat(c.keys().candidates(IssuerKit.EC384_KID, JwsAlgorithm.ES384)).hasSize(1);
        assertThat(c.keys().candidates(IssuerKit.EC521_KID, JwsAlgorithm.ES512)).hasSize(1);
        assertThat(c.keys().candidates(IssuerKit.ED_KID, JwsAlgorithm.EdDSA)).hasSize(1);
        VerificationKey ed = c.keys().candidates(IssuerKit.ED_KID, JwsAlgorithm.EdDSA).get(0);
        assertThat(ed.key().getAlgorithm()).isIn("Ed25519", "EdDSA");
    }

    @Test
    void rsaKeyWithoutAlgAllowsEveryRsaAlgorithm() {
        ConvertedKeys c = convert(rsa("r").build());

        assertThat(c.keys().keys().get(0).algorithms()).containsExactlyInAnyOrder(
                JwsAlgorithm.RS256, JwsAlgorithm.RS384, JwsAlgorithm.RS512,
                JwsAlgorithm.PS256, JwsAlgorithm.PS384, JwsAlgorithm.PS512);
    }

    @Test
    void ecKeyAllowsOnlyTheAlgorithmOfItsCurve() throws Exception {
        ECKey p256 = (ECKey) published(IssuerKit.EC256_KID);
        ECKey withoutAlg = new ECKey.Builder(p256).algorithm(null).build();

        assertThat(convert(withoutAlg).keys().keys().get(0).algorithms()).containsExactly(JwsAlgorithm.ES256);
    }

    @Test
    void encryptionKeyIsSkipped() {
        // What Keycloak publishes next to its signing key.
        RSAKey enc = rsa("enc-1").keyUse(KeyUse.ENCRYPTION).algorithm(JWEAlgorithm.RSA_OAEP).build();

        ConvertedKeys c = convert(enc, published(IssuerKit.RSA_KID));

        assertThat(c.keys().size()).isEqualTo(1);
        assertThat(c.keys().hasKid("enc-1")).isFalse();
        assertThat(c.skipped()).containsExactly(new SkippedKey("enc-1", SkipReason.NOT_FOR_SIGNING, "use=enc"));
    }

    @Test
    void keyOpsWithoutVerifyIsSkippedAndWithVerifyIsKept() {
        RSAKey encryptOnly = rsa("a").keyOperations(Set.of(KeyOperation.ENCRYPT)).build();
        RSAKey verify = rsa("b").keyOperations(Set.of(KeyOperation.VERIFY)).build();

        ConvertedKeys c = convert(encryptOnly, verify);

        assertThat(c.keys().hasKid("a")).isFalse();
        assertThat(c.keys().hasKid("b")).isTrue();
        assertThat(c.skipped()).extracting(SkippedKey::reason).containsExactly(SkipReason.NO_VERIFY_OPERATION);
    }

    @Test
    void algThatDoesNotFitTheKeyTypeIsSkipped() {
        assertThat(onlySkip(convert(rsa("r").algorithm(JWSAlgorithm.ES256).build()))).isEqualTo(SkipReason.ALG_MISMATCH);
    }

    @Test
    void unsupportedAlgIsSkipped() {
        assertThat(onlySkip(convert(rsa("r").algorithm(new JWSAlgorithm("none")).build())))
                .isEqualTo(SkipReason.UNSUPPORTED_ALG);
        assertThat(onlySkip(convert(rsa("r").algorithm(new JWSAlgorithm("rs256")).build())))
                .isEqualTo(SkipReason.UNSUPPORTED_ALG);
    }

    @Test
    void ecKeyWithTheAlgorithmOfAnotherCurveIsSkipped() {
        ECKey p256 = (ECKey) published(IssuerKit.EC256_KID);
        ECKey claimsEs384 = new ECKey.Builder(p256).algorithm(JWSAlgorithm.ES384).build();

        assertThat(onlySkip(convert(claimsEs384))).isEqualTo(SkipReason.ALG_MISMATCH);
    }

    @Test
    void rsaKeyUnder2048BitsIsSkipped() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(1024);
        RSAKey small = new RSAKey.Builder((RSAPublicKey) gen.generateKeyPair().getPublic()).keyID("small").build();

        assertThat(convert(small).skipped()).containsExactly(new SkippedKey("small", SkipReason.RSA_TOO_SMALL, "1024 bits"));
    }

    @Test
    void ecPointNotOnTheCurveIsSkippedAndTheOtherKeysAreKept() throws ParseException {
        String zero = Base64URL.encode(new byte[32]).toString();
        String json = "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"bad\",\"x\":\"" + zero + "\",\"y\":\"" + zero
                + "\"}," + published(IssuerKit.EC256_KID).toJSONString() + "]}";

        ConvertedKeys c = convertJson(json);

        assertThat(c.keys().hasKid("bad")).isFalse();
        assertThat(c.keys().hasKid(IssuerKit.EC256_KID)).isTrue();
        assertThat(c.skipped()).extracting(SkippedKey::kid, SkippedKey::reason)
                .containsExactly(Tuple.tuple("bad", SkipReason.EC_POINT_NOT_ON_CURVE));
    }

    @Test
    void privateKeyMaterialIsStrippedAndOnlyThePublicPartIsUsed() {
        RSAKey withPrivate = rsa("leaked").privateKey((RSAPrivateKey) rsa2048.getPrivate()).build();

        ConvertedKeys c = convert(withPrivate);

        assertThat(c.skipped()).isEmpty();
        VerificationKey k = c.keys().keys().get(0);
        assertThat(k.key()).isInstanceOf(RSAPublicKey.class).isNotInstanceOf(PrivateKey.class);
        assertThat(k.thumbprint()).isEqualTo(thumbprint(rsa("leaked").build()));
    }

    @Test
    void symmetricKeyInJwksIsSkipped() {
        OctetSequenceKey oct = new OctetSequenceKey.Builder(new byte[32]).keyID("hs").algorithm(JWSAlgorithm.HS256).build();

        assertThat(onlySkip(convert(oct))).isEqualTo(SkipReason.SYMMETRIC_IN_JWKS);
    }

    @Test
    void unsupportedCurvesAndKeyTypesAreSkipped() throws ParseException {
        String x25519 = "{\"kty\":\"OKP\",\"crv\":\"X25519\",\"kid\":\"x\",\"x\":\""
                + Base64URL.encode(new byte[32]) + "\"}";
        // The secp256k1 generator point: a valid point on a curve we do not support.
        HexFormat hex = HexFormat.of();
        String k1 = "{\"kty\":\"EC\",\"crv\":\"secp256k1\",\"kid\":\"k1\",\"x\":\""
                + Base64URL.encode(hex.parseHex("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"))
                + "\",\"y\":\""
                + Base64URL.encode(hex.parseHex("483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8"))
                + "\"}";
        String unknownKty = "{\"kty\":\"FOO\",\"kid\":\"foo\"}";

        ConvertedKeys c = convertJson("{\"keys\":[" + x25519 + "," + k1 + "," + unknownKty + "]}");

        assertThat(c.keys().isEmpty()).isTrue();
        assertThat(c.skipped()).extracting(SkippedKey::kid, SkippedKey::reason).containsExactly(
                Tuple.tuple("x", SkipReason.UNSUPPORTED_CURVE),
                Tuple.tuple("k1", SkipReason.UNSUPPORTED_CURVE),
                Tuple.tuple("foo", SkipReason.UNSUPPORTED_KEY_TYPE));
    }

    @Test
    void issuerAllowListNarrowsEveryKey() throws ParseException {
        JwkConverter onlyPsAndEs = new JwkConverter("test", EnumSet.of(JwsAlgorithm.PS256, JwsAlgorithm.ES256));

        ConvertedKeys c = onlyPsAndEs.convert(new JWKSet(List.of(rsa("no-alg").build(),
                rsa("rs256").algorithm(JWSAlgorithm.RS256).build(),
                published(IssuerKit.EC256_KID), published(IssuerKit.ED_KID))));

        assertThat(c.keys().candidates("no-alg", JwsAlgorithm.PS256)).hasSize(1);
        assertThat(c.keys().keys().get(0).algorithms()).containsExactly(JwsAlgorithm.PS256);
        assertThat(c.keys().candidates(IssuerKit.EC256_KID, JwsAlgorithm.ES256)).hasSize(1);
        assertThat(c.skipped()).extracting(SkippedKey::kid, SkippedKey::reason).containsExactly(
                Tuple.tuple("rs256", SkipReason.NO_ALLOWED_ALG),
                Tuple.tuple(IssuerKit.ED_KID, SkipReason.NO_ALLOWED_ALG));
    }

    @Test
    void thumbprintIsTheRfc7638Thumbprint() {
        JWK ec = published(IssuerKit.EC256_KID);

        assertThat(convert(ec).keys().keys().get(0).thumbprint()).isEqualTo(thumbprint(ec));
    }

    @Test
    void everySkippedKeyIsReportedToTheListenerOnce() throws ParseException {
        List<SkippedKey> seen = new ArrayList<>();
        JwkConverter counting = new JwkConverter("test", Set.of(), seen::add);
        String json = new JWKSet(List.of(rsa("enc").keyUse(KeyUse.ENCRYPTION).build(), published(IssuerKit.RSA_KID)))
                .toString(true);

        counting.convert(json);
        counting.convert(json);

        assertThat(seen).extracting(SkippedKey::kid).containsExactly("enc", "enc");
    }

    @Test
    void textThatIsNotAJwksIsRejectedAsAWhole() {
        assertThatThrownBy(() -> convertJson("not json")).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> convertJson("{\"nokeys\":[]}")).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> convertJson("{\"keys\":[1]}")).isInstanceOf(ParseException.class);
    }

    @Test
    void malformedKeyIsSkippedNotFatal() throws ParseException {
        String json = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"broken\",\"e\":\"AQAB\"},"
                + published(IssuerKit.RSA_KID).toJSONString() + "]}";

        ConvertedKeys c = convertJson(json);

        assertThat(c.keys().size()).isEqualTo(1);
        assertThat(c.skipped()).extracting(SkippedKey::reason).containsExactly(SkipReason.INVALID_JWK);
    }

    private static String thumbprint(JWK jwk) {
        try {
            return jwk.computeThumbprint().toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
