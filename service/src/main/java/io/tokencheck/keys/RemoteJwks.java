package io.tokencheck.keys;

import java.net.URI;
import java.text.ParseException;
import java.time.Clock;

/** Fetches a JWKS over HTTP and converts it: the part that JWKS-URI and discovery sources share. */
final class RemoteJwks {
    private final DocumentFetcher fetcher;
    private final JwkConverter converter;
    private final Freshness freshness;
    private final Clock clock;

    RemoteJwks(DocumentFetcher fetcher, JwkConverter converter, Freshness freshness, Clock clock) {
        this.fetcher = fetcher;
        this.converter = converter;
        this.freshness = freshness;
        this.clock = clock;
    }

    FetchOutcome fetch(URI uri) {
        DocumentFetcher.Document doc;
        try {
            doc = fetcher.get(uri);
        } catch (KeyFetchException e) {
            return new FetchOutcome.Failed(e.getMessage());
        }
        ConvertedKeys converted;
        try {
            converted = converter.convert(doc.body());
        } catch (ParseException | RuntimeException e) {
            return new FetchOutcome.Failed("response from " + uri + " is not a JWKS");
        }
        if (converted.keys().isEmpty()) {
            // Never let an empty or all-unusable set replace good keys.
            return new FetchOutcome.Failed("JWKS from " + uri + " has no usable keys ("
                    + converted.skipped().size() + " skipped)");
        }
        return new FetchOutcome.Fetched(converted.keys(), freshness.of(doc.headers(), clock.instant()));
    }
}
