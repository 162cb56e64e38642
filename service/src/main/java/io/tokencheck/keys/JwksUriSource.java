package io.tokencheck.keys;

import java.net.URI;

/** Keys from a configured JWKS URL. */
final class JwksUriSource implements KeySource {
    private final URI uri;
    private final RemoteJwks jwks;

    JwksUriSource(URI uri, RemoteJwks jwks) {
        this.uri = uri;
        this.jwks = jwks;
    }

    URI uri() {
        return uri;
    }

    @Override
    public FetchOutcome fetch() {
        return jwks.fetch(uri);
    }

    @Override
    public boolean refreshes() {
        return true;
    }

    @Override
    public String description() {
        return "jwks_uri " + uri;
    }
}
