package io.tokencheck.loadtest;

import io.tokencheck.issuerkit.IssuerKit;
import io.tokencheck.issuerkit.TokenBuilder;
import io.tokencheck.keys.JwsAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Mints the workload's tokens of each kind with the shared issuer kit. */
public final class TokenMinter {
    /** The kid of unknown_kid tokens: in no published JWKS. */
    static final String UNKNOWN_KID = "loadtest-unknown-kid";
    /** The kid of the key retired_key tokens are signed with outside the rotation scenario: held, never published. */
    static final String RETIRED_KID = "loadtest-retired";
    /** Padding that takes a token past the default limits.max_token_bytes (8192) once base64url-encoded. */
    private static final int OVERSIZE_PADDING = 6400;
    private static final String GARBAGE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_..";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final IssuerKit kit;
    private final JwsAlgorithm alg;
    private final Duration validity;
    private final String kid;
    private volatile String forgedPayload;

    /** Mints with this kit, algorithm (asymmetric) and validity of the valid tokens, signing with its default kid. */
    public TokenMinter(IssuerKit kit, JwsAlgorithm alg, Duration validity) {
        this(kit, alg, validity, TokenBuilder.defaultKid(alg));
    }

    private TokenMinter(IssuerKit kit, JwsAlgorithm alg, Duration validity, String kid) {
        if (alg.family() == JwsAlgorithm.Family.HMAC) {
            throw new IllegalArgumentException("the load-test issuer publishes no HMAC secret; use an asymmetric algorithm");
        }
        this.kit = kit;
        this.alg = alg;
        this.validity = validity;
        this.kid = kid;
    }

    /** The same minter signing with the kit's key of this kid (which must suit the algorithm): key rotation. */
    public TokenMinter withKid(String signingKid) {
        return new TokenMinter(kit, alg, validity, signingKid);
    }

    /** One fresh token of this kind (every call gives a different token: a new jti). */
    public String mint(TokenKind kind) {
        prepare(kind);
        return switch (kind) {
            case CACHED, UNIQUE -> valid().sign();
            case EXPIRED -> {
                long now = kit.clock().instant().getEpochSecond();
                yield valid().claim("iat", now - 1200).claim("nbf", now - 1200).claim("exp", now - 600).sign();
            }
            case BAD_SIGNATURE -> {
                // Another token's signature: well-formed for the algorithm, wrong for this signing input.
                String token = valid().sign();
                String other = valid().claim("sub", "someone-else").sign();
                yield token.substring(0, token.lastIndexOf('.')) + other.substring(other.lastIndexOf('.'));
            }
            case UNKNOWN_KID -> valid().header("kid", UNKNOWN_KID).sign();
            case WRONG_AUDIENCE -> valid().audience("api://not-" + LoadtestConfig.POLICY).sign();
            case MISSING_SCOPE -> valid().scope("profile").sign();
            // The kid is looked up before any signature is checked, so random bytes make it without a signing cost.
            case RANDOM_KID -> forged("{\"alg\":\"" + alg.name() + "\",\"typ\":\"JWT\",\"kid\":\"" + UUID.randomUUID() + "\"}",
                    randomBytes(256));
            case ALG_NONE -> forged("{\"alg\":\"none\",\"typ\":\"JWT\"}", new byte[0]);
            case ALG_CONFUSION -> algorithmConfusion();
            case OVERSIZED -> valid().claim("pad", "x".repeat(OVERSIZE_PADDING)).sign();
            case GARBAGE -> garbage();
            case RETIRED_KEY -> valid().kid(RETIRED_KID).sign();
        };
    }

    /** count fresh tokens of this kind, minted on all cores (signing is the slow part of preparing a run). */
    public List<String> mint(TokenKind kind, int count) {
        prepare(kind);
        return IntStream.range(0, count).parallel().mapToObj(i -> mint(kind)).toList();
    }

    /** Keys a kind needs are added to the kit here, before any parallel minting reads it. */
    private void prepare(TokenKind kind) {
        if (kind == TokenKind.RETIRED_KEY) {
            synchronized (kit) {
                if (kit.signingKey(RETIRED_KID) == null) {
                    kit.addRsa(RETIRED_KID, null, 2048);
                    kit.unpublish(RETIRED_KID);
                }
            }
        }
    }

    private TokenBuilder valid() {
        return kit.token().alg(alg).kid(kid).audience(LoadtestConfig.AUDIENCE).scope(LoadtestConfig.SCOPE + " profile")
                .claim("sub", "loadtest-user").expiresIn(validity);
    }

    /** A token with this header, the claims of a valid token and this signature. */
    private String forged(String headerJson, byte[] signature) {
        return B64.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8)) + "." + payload() + "."
                + B64.encodeToString(signature);
    }

    /** The payload segment of one valid token, shared by the forged tokens (signed once, not per token). */
    private String payload() {
        String p = forgedPayload;
        if (p == null) {
            String token = valid().sign();
            p = token.substring(token.indexOf('.') + 1, token.lastIndexOf('.'));
            forgedPayload = p;
        }
        return p;
    }

    /** HS256 with the public key of the kid as the secret: what a verifier trusting the header's alg would accept. */
    private String algorithmConfusion() {
        String header = B64.encodeToString(("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        String token = valid().sign();
        String input = header + "." + token.substring(token.indexOf('.') + 1, token.lastIndexOf('.'));
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(kit.signingKey(kid).publicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pem.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from the JDK", e);
        }
    }

    private static String garbage() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        char[] c = new char[16 + r.nextInt(400)];
        for (int i = 0; i < c.length; i++) {
            c[i] = GARBAGE_CHARS.charAt(r.nextInt(GARBAGE_CHARS.length()));
        }
        return new String(c);
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }
}
