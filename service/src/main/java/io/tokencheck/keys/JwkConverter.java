package io.tokencheck.keys;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.crypto.utils.ECChecks;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns one issuer's published JWKS into verification keys, once per fetch: each key gets exactly the algorithms
 * its type, its own alg/use/key_ops and the issuer's allow-list all permit, and anything doubtful is left out.
 */
public final class JwkConverter {
    private static final Logger LOG = Logger.getLogger(JwkConverter.class.getName());
    private static final int RSA_MIN_BITS = 2048;
    // Verification cost grows with the modulus; nobody publishes signing keys above this.
    private static final int RSA_MAX_BITS = 8192;
    private static final Set<JwsAlgorithm> RSA_ALGORITHMS = EnumSet.of(
            JwsAlgorithm.RS256, JwsAlgorithm.RS384, JwsAlgorithm.RS512,
            JwsAlgorithm.PS256, JwsAlgorithm.PS384, JwsAlgorithm.PS512);
    // X.509 SubjectPublicKeyInfo header of an Ed25519 key; the 32 raw public key bytes follow it.
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final String issuerName;
    private final Set<JwsAlgorithm> allowed;
    private final Consumer<SkippedKey> onSkip;
    // What the previous conversion logged, so an unchanged JWKS does not repeat the same warnings every refresh.
    private Set<String> loggedLastTime = Set.of();

    /**
     * A converter for one issuer.
     *
     * @param issuerName the issuer's name, for logs
     * @param allowed    the issuer's allowed algorithms; empty means all asymmetric ones
     * @param onSkip     told about every skipped key (e.g. to count it)
     */
    public JwkConverter(String issuerName, Set<JwsAlgorithm> allowed, Consumer<SkippedKey> onSkip) {
        this.issuerName = issuerName;
        this.allowed = allowed == null || allowed.isEmpty() ? JwsAlgorithm.asymmetricSet() : EnumSet.copyOf(allowed);
        this.onSkip = onSkip;
    }

    /** A converter that only logs what it skips. */
    public JwkConverter(String issuerName, Set<JwsAlgorithm> allowed) {
        this(issuerName, allowed, k -> { });
    }

    /**
     * Converts a JWKS document. Each key is parsed on its own (nimbus {@link JWK#parse(Map)}, as
     * {@link JWKSet#parse(String)} does), because JWKSet.parse rejects the whole set for one bad key and silently
     * drops keys of unknown type; here a bad key is skipped and reported, and the others are kept.
     *
     * @throws ParseException when the text is not a JSON object with a "keys" array of objects
     */
    public ConvertedKeys convert(String jwksJson) throws ParseException {
        Map<String, Object> json = JSONObjectUtils.parse(jwksJson);
        List<Object> array = JSONObjectUtils.getJSONArray(json, "keys");
        if (array == null) {
            throw new ParseException("no \"keys\" array", 0);
        }
        List<Outcome> outcomes = new ArrayList<>(array.size());
        for (Object element : array) {
            if (!(element instanceof Map<?, ?> map)) {
                throw new ParseException("the \"keys\" array holds a non-object", 0);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> jwkJson = (Map<String, Object>) map;
            JWK jwk;
            try {
                jwk = JWK.parse(jwkJson);
            } catch (ParseException | RuntimeException e) {
                String kid = jwkJson.get("kid") instanceof String k ? k : null;
                outcomes.add(skip(kid, reasonForParseFailure(e.getMessage()), safeDetail(e.getMessage())));
                continue;
            }
            outcomes.add(convertOne(jwk));
        }
        return finish(outcomes);
    }

    /** Converts an already parsed key set. */
    public ConvertedKeys convert(JWKSet set) {
        List<Outcome> outcomes = new ArrayList<>();
        for (JWK jwk : set.getKeys()) {
            outcomes.add(convertOne(jwk));
        }
        return finish(outcomes);
    }

    /** What became of one JWK: a key, or a skip; plus whether it carried private material. */
    private record Outcome(VerificationKey key, SkippedKey skipped, boolean hadPrivatePart) {
    }

    private static Outcome skip(String kid, SkipReason reason, String detail) {
        return new Outcome(null, new SkippedKey(safeDetail(kid), reason, detail), false);
    }

    private Outcome convertOne(JWK jwk) {
        String kid = jwk.getKeyID();
        try {
            KeyUse use = jwk.getKeyUse();
            if (use != null && !KeyUse.SIGNATURE.equals(use)) {
                return skip(kid, SkipReason.NOT_FOR_SIGNING, "use=" + use.identifier());
            }
            Set<KeyOperation> ops = jwk.getKeyOperations();
            if (ops != null && !ops.contains(KeyOperation.VERIFY)) {
                return skip(kid, SkipReason.NO_VERIFY_OPERATION, null);
            }
            if (jwk instanceof OctetSequenceKey) {
                // Checked first: a symmetric key counts as "private", and has no public part to strip to.
                return skip(kid, SkipReason.SYMMETRIC_IN_JWKS, null);
            }
            boolean hadPrivatePart = jwk.isPrivate();
            JWK pub = hadPrivatePart ? jwk.toPublicJWK() : jwk;

            Set<JwsAlgorithm> typeAlgorithms;
            PublicKey key;
            switch (pub) {
                case RSAKey rsa -> {
                    int bits = rsa.size();
                    if (bits < RSA_MIN_BITS) {
                        return skip(kid, SkipReason.RSA_TOO_SMALL, bits + " bits");
                    }
                    if (bits > RSA_MAX_BITS) {
                        return skip(kid, SkipReason.RSA_TOO_LARGE, bits + " bits");
                    }
                    typeAlgorithms = RSA_ALGORITHMS;
                    key = rsa.toRSAPublicKey();
                }
                case ECKey ec -> {
                    JwsAlgorithm only = ecAlgorithm(ec.getCurve());
                    if (only == null) {
                        return skip(kid, SkipReason.UNSUPPORTED_CURVE, "crv=" + ec.getCurve());
                    }
                    ECPublicKey ecKey = ec.toECPublicKey();
                    // nimbus already checks this when it builds the JWK; checked again because an invalid-curve
                    // point is a classic key-recovery attack and the check costs nothing here.
                    if (!ECChecks.isPointOnCurve(ecKey, ec.getCurve().toECParameterSpec())) {
                        return skip(kid, SkipReason.EC_POINT_NOT_ON_CURVE, "crv=" + ec.getCurve());
                    }
                    typeAlgorithms = EnumSet.of(only);
                    key = ecKey;
                }
                case OctetKeyPair okp -> {
                    if (!Curve.Ed25519.equals(okp.getCurve())) {
                        return skip(kid, SkipReason.UNSUPPORTED_CURVE, "crv=" + okp.getCurve());
                    }
                    byte[] x = okp.getDecodedX();
                    if (x.length != 32) {
                        return skip(kid, SkipReason.INVALID_JWK, "Ed25519 x is not 32 bytes");
                    }
                    // The JDK's Ed25519 verifies against such a key, and then R = identity, S = 0 (and kin) is a valid
                    // signature of every message: a universal forgery. No private key exists for these points.
                    if (Ed25519SmallOrder.is(x)) {
                        return skip(kid, SkipReason.ED25519_SMALL_ORDER, null);
                    }
                    typeAlgorithms = EnumSet.of(JwsAlgorithm.EdDSA);
                    key = ed25519(x);
                }
                default -> {
                    return skip(kid, SkipReason.UNSUPPORTED_KEY_TYPE, "kty=" + pub.getKeyType());
                }
            }

            Set<JwsAlgorithm> algorithms = EnumSet.copyOf(typeAlgorithms);
            Algorithm declared = pub.getAlgorithm();
            if (declared != null) {
                JwsAlgorithm alg = JwsAlgorithm.fromJose(declared.getName());
                if (alg == null) {
                    return skip(kid, SkipReason.UNSUPPORTED_ALG, "alg=" + safeDetail(declared.getName()));
                }
                if (!typeAlgorithms.contains(alg)) {
                    return skip(kid, SkipReason.ALG_MISMATCH, "alg=" + alg.name() + ", kty=" + pub.getKeyType());
                }
                algorithms = EnumSet.of(alg);
            }
            algorithms.retainAll(allowed);
            if (algorithms.isEmpty()) {
                return skip(kid, SkipReason.NO_ALLOWED_ALG, null);
            }
            String thumbprint = pub.computeThumbprint().toString();
            VerificationKey vk = new VerificationKey(kid, Collections.unmodifiableSet(algorithms), key, thumbprint);
            return new Outcome(vk, null, hadPrivatePart);
        } catch (Exception e) {
            return skip(kid, SkipReason.INVALID_JWK, safeDetail(e.getMessage()));
        }
    }

    private static JwsAlgorithm ecAlgorithm(Curve curve) {
        if (Curve.P_256.equals(curve)) {
            return JwsAlgorithm.ES256;
        }
        if (Curve.P_384.equals(curve)) {
            return JwsAlgorithm.ES384;
        }
        if (Curve.P_521.equals(curve)) {
            return JwsAlgorithm.ES512;
        }
        return null;
    }

    private static PublicKey ed25519(byte[] x) throws GeneralSecurityException {
        byte[] spki = new byte[ED25519_SPKI_PREFIX.length + x.length];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(x, 0, spki, ED25519_SPKI_PREFIX.length, x.length);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    }

    private synchronized ConvertedKeys finish(List<Outcome> outcomes) {
        List<VerificationKey> keys = new ArrayList<>();
        List<SkippedKey> skipped = new ArrayList<>();
        Set<String> logged = new HashSet<>();
        for (Outcome o : outcomes) {
            if (o.key() != null) {
                keys.add(o.key());
                if (o.hadPrivatePart()) {
                    log(logged, "private|" + o.key().thumbprint(), Level.WARNING, "issuer " + issuerName
                            + ": the JWKS publishes private key material for kid=" + safeDetail(o.key().kid())
                            + "; only its public part is used, and the key should be considered compromised");
                }
            } else {
                SkippedKey s = o.skipped();
                skipped.add(s);
                onSkip.accept(s);
                Level level = s.reason() == SkipReason.NOT_FOR_SIGNING || s.reason() == SkipReason.NO_VERIFY_OPERATION
                        ? Level.INFO : Level.WARNING;
                log(logged, "skip|" + s.kid() + "|" + s.reason() + "|" + s.detail(), level,
                        "issuer " + issuerName + ": skipped key " + s.describe());
            }
        }
        loggedLastTime = logged;
        return new ConvertedKeys(KeySet.of(keys), skipped);
    }

    private void log(Set<String> logged, String event, Level firstTime, String message) {
        logged.add(event);
        LOG.log(loggedLastTime.contains(event) ? Level.FINE : firstTime, message);
    }

    private static SkipReason reasonForParseFailure(String message) {
        if (message == null) {
            return SkipReason.INVALID_JWK;
        }
        if (message.contains("Unsupported key type")) {
            return SkipReason.UNSUPPORTED_KEY_TYPE;
        }
        if (message.contains("not on the")) {
            return SkipReason.EC_POINT_NOT_ON_CURVE;
        }
        if (message.contains("unsupported curve")) {
            return SkipReason.UNSUPPORTED_CURVE;
        }
        return SkipReason.INVALID_JWK;
    }

    // Details come from a remote document: keep them short and printable so a hostile JWKS cannot flood or forge logs.
    private static String safeDetail(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), 100));
        for (int i = 0; i < s.length() && b.length() < 100; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }
}
