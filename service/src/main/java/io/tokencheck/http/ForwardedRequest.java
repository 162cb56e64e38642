package io.tokencheck.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerRequestHeaders;
import io.tokencheck.policy.RouteSelection;
import io.tokencheck.policy.RouteTable;
import java.util.List;

/**
 * Reads the gateway's original request from the headers of a /check call and selects its route: Traefik
 * forwardAuth sends {@code X-Forwarded-Method}, {@code X-Forwarded-Uri} and {@code X-Forwarded-Host}; for nginx
 * auth_request the example sets {@code X-Original-Method} and {@code X-Original-URI}. Either spelling works; a
 * header sent twice, or both spellings with different values, is refused (a client may have injected one).
 */
final class ForwardedRequest {
    static final HeaderName FORWARDED_METHOD = HeaderNames.create("X-Forwarded-Method");
    static final HeaderName FORWARDED_URI = HeaderNames.create("X-Forwarded-Uri");
    static final HeaderName FORWARDED_HOST = HeaderNames.create("X-Forwarded-Host");
    static final HeaderName ORIGINAL_METHOD = HeaderNames.create("X-Original-Method");
    static final HeaderName ORIGINAL_URI = HeaderNames.create("X-Original-URI");

    private ForwardedRequest() {
    }

    /** The route of the forwarded request; {@link RouteSelection.Refused} when the headers are missing or ambiguous. */
    static RouteSelection select(ServerRequestHeaders headers, RouteTable routes) {
        String method;
        String uri;
        String host;
        try {
            method = oneOf(headers, FORWARDED_METHOD, ORIGINAL_METHOD);
            uri = oneOf(headers, FORWARDED_URI, ORIGINAL_URI);
            host = single(headers, FORWARDED_HOST);
        } catch (AmbiguousHeader e) {
            return new RouteSelection.Refused(e.getMessage());
        }
        if (method == null || uri == null) {
            return new RouteSelection.Refused("the original method and URI are not forwarded");
        }
        if (host != null && host.indexOf(',') >= 0) {
            return new RouteSelection.Refused("several hosts in X-Forwarded-Host");
        }
        return routes.select(method, host, uri);
    }

    /** The value of whichever spelling is present; both present must agree. */
    private static String oneOf(ServerRequestHeaders headers, HeaderName first, HeaderName second) throws AmbiguousHeader {
        String a = single(headers, first);
        String b = single(headers, second);
        if (a != null && b != null && !a.equals(b)) {
            throw new AmbiguousHeader(first.defaultCase() + " and " + second.defaultCase() + " disagree");
        }
        return a != null ? a : b;
    }

    /** The header's only value, null when absent or empty. */
    private static String single(ServerRequestHeaders headers, HeaderName name) throws AmbiguousHeader {
        List<String> values = headers.all(name, List::of);
        if (values.size() > 1) {
            throw new AmbiguousHeader(name.defaultCase() + " sent more than once");
        }
        return values.isEmpty() || values.getFirst().isEmpty() ? null : values.getFirst();
    }

    /** A forwarded header that cannot be trusted to mean one thing. */
    private static final class AmbiguousHeader extends Exception {
        AmbiguousHeader(String why) {
            super(why, null, false, false);
        }
    }
}
