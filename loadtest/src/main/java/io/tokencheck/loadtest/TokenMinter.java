package io.tokencheck.loadtest;

import io.tokencheck.issuerkit.IssuerKit;
import io.tokencheck.issuerkit.TokenBuilder;
import io.tokencheck.keys.JwsAlgorithm;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/** Mints the workload's tokens of each kind with the shared issuer kit. */
public final class TokenMinter {
    /** The kid of unknown_kid tokens: in no published JWKS. */
    static final String UNKNOWN_KID = "loadtest-unknown-kid";

    private final IssuerKit kit;
    private final JwsAlgorithm alg;
    private final Duration validity;

    /** Mints with this kit, algorithm (asymmetric) and validity of the valid tokens. */
    public TokenMinter(IssuerKit kit, JwsAlgorithm alg, Duration validity) {
        if (alg.family() == JwsAlgorithm.Family.HMAC) {
            throw new IllegalArgumentException("the load-test issuer publishes no HMAC secret; use an asymmetric algorithm");
        }
        this.kit = kit;
        this.alg = alg;
        this.validity = validity;
    }

    /** One fresh token of this kind (every call gives a different token: a new jti). */
    public String mint(TokenKind kind) {
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
        };
    }

    /** count fresh tokens of this kind, minted on all cores (signing is the slow part of preparing a run). */
    public List<String> mint(TokenKind kind, int count) {
        return IntStream.range(0, count).parallel().mapToObj(i -> mint(kind)).toList();
    }

    private TokenBuilder valid() {
        return kit.token().alg(alg).audience(LoadtestConfig.AUDIENCE).scope(LoadtestConfig.SCOPE + " profile")
                .claim("sub", "loadtest-user").expiresIn(validity);
    }
}
