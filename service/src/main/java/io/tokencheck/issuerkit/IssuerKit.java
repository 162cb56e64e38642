package io.tokencheck.issuerkit;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import io.tokencheck.keys.JwsAlgorithm;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;

/**
 * A self-contained token issuer: generated keys of every family, their public JWKS, and token minting.
 * Used by the demo command, the tests, the benchmarks and the load tests.
 */
public final class IssuerKit {
    /** The kid of each generated key. */
    public static final String RSA_KID = "rsa-1";
    public static final String RSA_PSS_KID = "rsa-ps-1";
    public static final String EC256_KID = "ec-1";
    public static final String EC384_KID = "ec384-1";
    public static final String EC521_KID = "ec521-1";
    public static final String ED_KID = "ed-1";
    public static final String HMAC_KID = "hs-1";

    private final String issuer;
    private final Clock clock;
    private final Map<String, SigningKey> signingKeys = new LinkedHashMap<>();
    private final byte[] hmacSecret;

    /** A key that can sign, with its public key and JWK (both null for HMAC; the JWK null once unpublished). */
    public record SigningKey(String kid, PrivateKey privateKey, PublicKey publicKey, SecretKeySpec secret, JWK publicJwk) {
    }

    private IssuerKit(String issuer, Clock clock, byte[] hmacSecret) {
        this.issuer = issuer;
        this.clock = clock;
        this.hmacSecret = hmacSecret;
    }

    /** Generates a fresh key of every family for this issuer string. */
    public static IssuerKit generate(String issuer) {
        return generate(issuer, Clock.systemUTC());
    }

    /** Generates a fresh key of every family; minted tokens take their times from this clock. */
    public static IssuerKit generate(String issuer, Clock clock) {
        byte[] secret = new byte[64];
        new SecureRandom().nextBytes(secret);
        IssuerKit kit = new IssuerKit(issuer, clock, secret);
        // The RSA keys carry no JWK alg, so that one key serves RS256/384/512 (and PS* for the second one).
        kit.addRsa(RSA_KID, null, 2048);
        kit.addRsa(RSA_PSS_KID, null, 2048);
        kit.addEc(EC256_KID, Curve.P_256, JwsAlgorithm.ES256);
        kit.addEc(EC384_KID, Curve.P_384, JwsAlgorithm.ES384);
        kit.addEc(EC521_KID, Curve.P_521, JwsAlgorithm.ES512);
        kit.addEd25519(ED_KID);
        kit.signingKeys.put(HMAC_KID, new SigningKey(HMAC_KID, null, null, new SecretKeySpec(secret, "HmacSHA256"), null));
        return kit;
    }

    /** Adds (or replaces) an RSA key; the JWK carries alg only when alg is non-null. Returns its public JWK. */
    public JWK addRsa(String kid, JwsAlgorithm alg, int bits) {
        KeyPair kp = generate("RSA", bits);
        RSAKey.Builder jwk = new RSAKey.Builder((RSAPublicKey) kp.getPublic()).keyID(kid).keyUse(KeyUse.SIGNATURE);
        if (alg != null) {
            jwk.algorithm(com.nimbusds.jose.JWSAlgorithm.parse(alg.name()));
        }
        return put(new SigningKey(kid, kp.getPrivate(), kp.getPublic(), null, jwk.build()));
    }

    /** Adds (or replaces) an EC key on the curve. Returns its public JWK. */
    public JWK addEc(String kid, Curve curve, JwsAlgorithm alg) {
        KeyPair kp;
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec(curve.getStdName()));
            kp = gen.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        ECKey.Builder jwk = new ECKey.Builder(curve, (ECPublicKey) kp.getPublic()).keyID(kid).keyUse(KeyUse.SIGNATURE);
        if (alg != null) {
            jwk.algorithm(com.nimbusds.jose.JWSAlgorithm.parse(alg.name()));
        }
        return put(new SigningKey(kid, kp.getPrivate(), kp.getPublic(), null, jwk.build()));
    }

    /** Adds (or replaces) an Ed25519 key. Returns its public JWK. */
    public JWK addEd25519(String kid) {
        KeyPair kp = generate("Ed25519", 0);
        byte[] spki = kp.getPublic().getEncoded();
        // The X.509 SubjectPublicKeyInfo of an Ed25519 key ends with the 32 raw public key bytes.
        byte[] x = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        OctetKeyPair jwk = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x))
                .keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(com.nimbusds.jose.JWSAlgorithm.EdDSA).build();
        return put(new SigningKey(kid, kp.getPrivate(), kp.getPublic(), null, jwk));
    }

    /** Removes a key from the published set (it can still sign, for rotation tests). */
    public void unpublish(String kid) {
        SigningKey k = signingKeys.get(kid);
        if (k != null && k.publicJwk() != null) {
            signingKeys.put(kid, new SigningKey(kid, k.privateKey(), k.publicKey(), k.secret(), null));
        }
    }

    private JWK put(SigningKey key) {
        signingKeys.put(key.kid(), key);
        return key.publicJwk();
    }

    private static KeyPair generate(String type, int bits) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance(type);
            if (bits > 0) {
                gen.initialize(bits);
            }
            return gen.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The issuer string (the iss of minted tokens). */
    public String issuer() {
        return issuer;
    }

    /** The clock minted tokens use. */
    public Clock clock() {
        return clock;
    }

    /** The HMAC shared secret (for configuring tokencheck's hmac_secrets). */
    public byte[] hmacSecret() {
        return hmacSecret.clone();
    }

    /** The signing key with this kid, or null. */
    public SigningKey signingKey(String kid) {
        return signingKeys.get(kid);
    }

    /** The published public keys (HMAC secrets are never published). */
    public JWKSet publicJwks() {
        List<JWK> keys = new ArrayList<>();
        for (SigningKey k : signingKeys.values()) {
            if (k.publicJwk() != null) {
                keys.add(k.publicJwk());
            }
        }
        return new JWKSet(keys);
    }

    /** The published public JWKS as JSON text. */
    public String publicJwksJson() {
        return publicJwks().toString(true);
    }

    /** A token builder with realistic defaults: RS256, this issuer, audience api://default, 5 minutes validity. */
    public TokenBuilder token() {
        return new TokenBuilder(this);
    }
}
