package io.tokencheck.http;

import io.helidon.common.uri.UriQuery;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.List;

/**
 * Where an original request could carry a bearer token: every Authorization value it had, and every
 * {@code access_token} query parameter (refused next to a header, RFC 6750 section 2: one method per request).
 *
 * @param authorization the Authorization header values, in order
 * @param queryTokens   the access_token query parameter values
 */
record BearerCredentials(List<String> authorization, List<String> queryTokens) {
    private static final String QUERY_TOKEN = "access_token";

    BearerCredentials {
        authorization = List.copyOf(authorization);
        queryTokens = List.copyOf(queryTokens);
    }

    /** The credentials of a request tokencheck received itself (/check, the ext_authz HTTP prefix). */
    static BearerCredentials of(ServerRequest req) {
        return new BearerCredentials(req.headers().all(HeaderNames.AUTHORIZATION, List::of),
                req.query().all(QUERY_TOKEN, List::of));
    }

    /** The credentials of a forwarded request: its Authorization values and the query of its request target. */
    static BearerCredentials forwarded(List<String> authorization, String requestTarget) {
        int q = requestTarget == null ? -1 : requestTarget.indexOf('?');
        if (q < 0) {
            return new BearerCredentials(authorization, List.of());
        }
        int fragment = requestTarget.indexOf('#', q);
        String rawQuery = requestTarget.substring(q + 1, fragment < 0 ? requestTarget.length() : fragment);
        // Helidon's own query parser, so that the gRPC mode reads the query exactly as the HTTP mode does.
        return new BearerCredentials(authorization, UriQuery.create(rawQuery).all(QUERY_TOKEN, List::of));
    }
}
