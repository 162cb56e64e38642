package io.tokencheck.keys;

import java.util.EnumSet;
import java.util.Set;

/** The JWS algorithms tokencheck accepts; "none" is deliberately absent. */
public enum JwsAlgorithm {
    RS256(Family.RSA, "SHA256withRSA", 32),
    RS384(Family.RSA, "SHA384withRSA", 48),
    RS512(Family.RSA, "SHA512withRSA", 64),
    PS256(Family.RSA_PSS, "RSASSA-PSS", 32),
    PS384(Family.RSA_PSS, "RSASSA-PSS", 48),
    PS512(Family.RSA_PSS, "RSASSA-PSS", 64),
    ES256(Family.EC, "SHA256withECDSAinP1363Format", 32),
    ES384(Family.EC, "SHA384withECDSAinP1363Format", 48),
    ES512(Family.EC, "SHA512withECDSAinP1363Format", 66),
    EdDSA(Family.OKP, "Ed25519", 32),
    HS256(Family.HMAC, "HmacSHA256", 32),
    HS384(Family.HMAC, "HmacSHA384", 48),
    HS512(Family.HMAC, "HmacSHA512", 64);

    /** Key families: which key type may serve which algorithm. */
    public enum Family { RSA, RSA_PSS, EC, OKP, HMAC }

    private final Family family;
    private final String jcaName;
    private final int size;

    JwsAlgorithm(Family family, String jcaName, int size) {
        this.family = family;
        this.jcaName = jcaName;
        this.size = size;
    }

    /** Key family this algorithm needs. */
    public Family family() {
        return family;
    }

    /** JCA algorithm name (Signature or Mac). */
    public String jcaName() {
        return jcaName;
    }

    /**
     * Hash output length in bytes for RSA/HMAC (also the minimum HMAC secret length, RFC 7518 3.2),
     * and the coordinate length for EC (so a JOSE ECDSA signature is exactly twice this).
     */
    public int size() {
        return size;
    }

    /** True for algorithms verified with a public key. */
    public boolean asymmetric() {
        return family != Family.HMAC;
    }

    /** The JOSE name exactly as written in the alg header (case-sensitive, RFC 7515 4.1.1), or null if not supported. */
    public static JwsAlgorithm fromJose(String name) {
        if (name == null) {
            return null;
        }
        return switch (name) {
            case "RS256" -> RS256;
            case "RS384" -> RS384;
            case "RS512" -> RS512;
            case "PS256" -> PS256;
            case "PS384" -> PS384;
            case "PS512" -> PS512;
            case "ES256" -> ES256;
            case "ES384" -> ES384;
            case "ES512" -> ES512;
            case "EdDSA" -> EdDSA;
            case "HS256" -> HS256;
            case "HS384" -> HS384;
            case "HS512" -> HS512;
            default -> null;
        };
    }

    /** All asymmetric algorithms: the default allow-list for issuers with published keys. */
    public static Set<JwsAlgorithm> asymmetricSet() {
        EnumSet<JwsAlgorithm> set = EnumSet.noneOf(JwsAlgorithm.class);
        for (JwsAlgorithm a : values()) {
            if (a.asymmetric()) {
                set.add(a);
            }
        }
        return set;
    }

    /** All HMAC algorithms. */
    public static Set<JwsAlgorithm> hmacSet() {
        return EnumSet.of(HS256, HS384, HS512);
    }
}
