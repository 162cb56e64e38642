package io.tokencheck.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/** Where an issuer's keys come from: exactly one of these per issuer. */
public sealed interface KeySourceSettings {

    /** A JWKS URL fetched over HTTP(S). */
    record JwksUri(URI uri) implements KeySourceSettings {
    }

    /** OIDC discovery: the jwks_uri is read from {issuer}/.well-known/openid-configuration. */
    record Discovery(URI discoveryUri) implements KeySourceSettings {
    }

    /** A local JWKS file, read at start-up (offline use). */
    record JwksFile(Path path) implements KeySourceSettings {
    }

    /** HMAC shared secrets: the only way HS* tokens are ever accepted. */
    record HmacSecrets(List<HmacSecret> secrets) implements KeySourceSettings {
    }

    /**
     * One shared secret.
     *
     * @param kid    the kid tokens name it by (may be null when it is the only secret)
     * @param secret the raw secret bytes (never logged)
     */
    record HmacSecret(String kid, byte[] secret) {
    }
}
