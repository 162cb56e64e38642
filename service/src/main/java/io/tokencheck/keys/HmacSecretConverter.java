package io.tokencheck.keys;

import io.tokencheck.config.KeySourceSettings.HmacSecret;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns configured HMAC shared secrets into verification keys. A secret serves only the HS* algorithms whose hash
 * is no longer than the secret (RFC 7518 3.2), so a 32-byte secret allows HS256 but not HS512.
 */
public final class HmacSecretConverter {
    private static final Logger LOG = Logger.getLogger(HmacSecretConverter.class.getName());
    private static final int MIN_SECRET_BYTES = 32;

    private HmacSecretConverter() {
    }

    /**
     * Converts the secrets of one issuer.
     *
     * @param issuerName the issuer's name, for logs
     * @param secrets    the configured secrets
     * @param allowed    the issuer's allowed algorithms; empty means all HMAC ones
     * @param onSkip     told about every skipped secret
     */
    public static ConvertedKeys convert(String issuerName, List<HmacSecret> secrets, Set<JwsAlgorithm> allowed,
                                        Consumer<SkippedKey> onSkip) {
        Set<JwsAlgorithm> hmacAllowed = allowed == null || allowed.isEmpty()
                ? JwsAlgorithm.hmacSet() : EnumSet.copyOf(allowed);
        hmacAllowed.retainAll(JwsAlgorithm.hmacSet());
        List<VerificationKey> keys = new ArrayList<>();
        List<SkippedKey> skipped = new ArrayList<>();
        for (HmacSecret s : secrets) {
            SkippedKey skip = null;
            byte[] secret = s.secret();
            if (secret == null || secret.length < MIN_SECRET_BYTES) {
                skip = new SkippedKey(s.kid(), SkipReason.HMAC_SECRET_TOO_SHORT,
                        (secret == null ? 0 : secret.length) + " bytes");
            } else {
                Set<JwsAlgorithm> algorithms = EnumSet.noneOf(JwsAlgorithm.class);
                for (JwsAlgorithm a : hmacAllowed) {
                    if (a.size() <= secret.length) {
                        algorithms.add(a);
                    }
                }
                if (algorithms.isEmpty()) {
                    skip = new SkippedKey(s.kid(), SkipReason.NO_ALLOWED_ALG, secret.length + "-byte secret");
                } else {
                    JwsAlgorithm strongest = Collections.max(algorithms);
                    keys.add(new VerificationKey(s.kid(), Collections.unmodifiableSet(algorithms),
                            new SecretKeySpec(secret, strongest.jcaName()), thumbprint(secret)));
                }
            }
            if (skip != null) {
                skipped.add(skip);
                onSkip.accept(skip);
                LOG.warning("issuer " + issuerName + ": skipped HMAC secret " + skip.describe());
            }
        }
        return new ConvertedKeys(KeySet.of(keys), skipped);
    }

    /** Hex of the first 8 bytes of SHA-256 of the secret: tells secrets apart without revealing them. */
    public static String thumbprint(byte[] secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret);
            return HexFormat.of().formatHex(Arrays.copyOf(digest, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
