package io.tokencheck.issuerkit;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.tokencheck.keys.JwsAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Builds and signs one compact JWS; header and claims can be bent freely to make hostile tokens. */
public final class TokenBuilder {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final IssuerKit kit;
    private final Map<String, Object> header = new LinkedHashMap<>();
    private final Map<String, Object> claims = new LinkedHashMap<>();
    private JwsAlgorithm alg = JwsAlgorithm.RS256;
    private String signingKid;
    private String rawHeader;
    private String rawPayload;

    TokenBuilder(IssuerKit kit) {
        this.kit = kit;
        long now = kit.clock().instant().getEpochSecond();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        kid(IssuerKit.RSA_KID);
        claims.put("iss", kit.issuer());
        claims.put("sub", "user-1001");
        claims.put("aud", "api://default");
        claims.put("iat", now);
        claims.put("nbf", now);
        claims.put("exp", now + 300);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("scope", "read");
        claims.put("client_id", "demo-client");
    }

    /** Signs with this algorithm, using the kit's default key for it (kid set accordingly). */
    public TokenBuilder alg(JwsAlgorithm alg) {
        this.alg = alg;
        header.put("alg", alg.name());
        return kid(defaultKid(alg));
    }

    /** The kid of the kit's key for this algorithm. */
    public static String defaultKid(JwsAlgorithm alg) {
        return switch (alg) {
            case RS256, RS384, RS512 -> IssuerKit.RSA_KID;
            case PS256, PS384, PS512 -> IssuerKit.RSA_PSS_KID;
            case ES256 -> IssuerKit.EC256_KID;
            case ES384 -> IssuerKit.EC384_KID;
            case ES512 -> IssuerKit.EC521_KID;
            case EdDSA -> IssuerKit.ED_KID;
            case HS256, HS384, HS512 -> IssuerKit.HMAC_KID;
        };
    }

    /** Sets the kid header and signs with the kit's key of that kid. */
    public TokenBuilder kid(String kid) {
        header.put("kid", kid);
        this.signingKid = kid;
        return this;
    }

    /** Signs with the key of this kid, whatever the kid header says. */
    public TokenBuilder signWith(String kid) {
        this.signingKid = kid;
        return this;
    }

    /** Sets a header member (null removes it). Does not change the signing algorithm. */
    public TokenBuilder header(String name, Object value) {
        if (value == null) {
            header.remove(name);
        } else {
            header.put(name, value);
        }
        return this;
    }

    /** Sets a claim (null removes it). */
    public TokenBuilder claim(String name, Object value) {
        if (value == null) {
            claims.remove(name);
        } else {
            claims.put(name, value);
        }
        return this;
    }

    /** Sets the aud claim to one or more audiences (one becomes a string, more an array). */
    public TokenBuilder audience(String... audiences) {
        return claim("aud", audiences.length == 1 ? audiences[0] : List.of(audiences));
    }

    /** Sets the scope claim (space-delimited). */
    public TokenBuilder scope(String scope) {
        return claim("scope", scope);
    }

    /** Sets exp relative to the kit's clock. */
    public TokenBuilder expiresIn(Duration d) {
        return claim("exp", kit.clock().instant().plus(d).getEpochSecond());
    }

    /** Uses this exact text as the header JSON instead of the header map. */
    public TokenBuilder rawHeader(String json) {
        this.rawHeader = json;
        return this;
    }

    /** Uses this exact text as the payload JSON instead of the claims map. */
    public TokenBuilder rawPayload(String json) {
        this.rawPayload = json;
        return this;
    }

    /** The signed compact JWS. */
    public String sign() {
        String h = rawHeader != null ? rawHeader : JSONObjectUtils.toJSONString(header);
        String p = rawPayload != null ? rawPayload : JSONObjectUtils.toJSONString(claims);
        String signingInput = B64.encodeToString(h.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(p.getBytes(StandardCharsets.UTF_8));
        byte[] sig = signature(alg, signingKid, signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + B64.encodeToString(sig);
    }

    private byte[] signature(JwsAlgorithm alg, String kid, byte[] input) {
        IssuerKit.SigningKey key = kit.signingKey(kid);
        if (key == null) {
            throw new IllegalArgumentException("the kit has no key " + kid);
        }
        try {
            if (alg.family() == JwsAlgorithm.Family.HMAC) {
                Mac mac = Mac.getInstance(alg.jcaName());
                mac.init(new SecretKeySpec(key.secret().getEncoded(), alg.jcaName()));
                return mac.doFinal(input);
            }
            Signature s = Signature.getInstance(alg.jcaName());
            if (alg.family() == JwsAlgorithm.Family.RSA_PSS) {
                String hash = "SHA-" + (alg.size() * 8);
                s.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), alg.size(), 1));
            }
            s.initSign(key.privateKey());
            s.update(input);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + alg + " and key " + kid + ": " + e.getMessage(), e);
        }
    }

}
