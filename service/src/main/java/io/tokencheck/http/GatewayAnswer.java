package io.tokencheck.http;

import java.util.List;

/**
 * A forward-auth decision as a gateway receives it, independent of the wire: the HTTP status, the identity headers
 * for the upstream (allow only) and the headers of the answer itself (the challenge on a deny, Cache-Control).
 * The body is always empty. The HTTP endpoints send all headers; the ext_authz gRPC mode puts the upstream ones in
 * {@code OkHttpResponse} and the answer's in {@code DeniedHttpResponse}.
 *
 * @param status   200 on allow; 401, 403, or jwks.unavailable_status on deny
 * @param upstream identity headers for the upstream, in order; empty on deny
 * @param answer   headers of the answer to the gateway (for the client on a deny), in order
 */
record GatewayAnswer(int status, List<Header> upstream, List<Header> answer) {

    GatewayAnswer {
        upstream = List.copyOf(upstream);
        answer = List.copyOf(answer);
    }

    /** One response header. */
    record Header(String name, String value) {
    }
}
