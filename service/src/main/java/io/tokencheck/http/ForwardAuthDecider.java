package io.tokencheck.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.http.ServerRequestHeaders;
import io.tokencheck.decision.Decision;
import io.tokencheck.decision.TokenChecker;
import io.tokencheck.extract.BearerExtractor;
import io.tokencheck.extract.BearerToken;
import io.tokencheck.policy.RouteSelection;
import io.tokencheck.reason.DenyReason;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Extract, then decide, for the forward-auth endpoints (/check, the Envoy ext_authz prefix): takes the bearer token
 * from the Authorization headers and checks it under a policy, either named or selected by the route table.
 */
final class ForwardAuthDecider {
    private static final Logger LOG = Logger.getLogger(ForwardAuthDecider.class.getName());
    /** Never a policy name (names are non-empty): a deny before any policy was chosen counts as policy="unknown". */
    private static final String NO_POLICY = "";

    private final TokenChecker checker;
    private final BearerExtractor extractor = new BearerExtractor();

    /** Decides with this checker. */
    ForwardAuthDecider(TokenChecker checker) {
        this.checker = checker;
    }

    /** The decision under the policy a route selected; no route or a refused request is a deny before the token is read. */
    Decision byRoute(RouteSelection selection, ServerRequest req) {
        return switch (selection) {
            case RouteSelection.Matched m -> byPolicy(req, m.policy());
            case RouteSelection.Unmatched u -> checker.denyWithoutToken(NO_POLICY, DenyReason.POLICY_NOT_FOUND);
            case RouteSelection.Refused r -> {
                if (LOG.isLoggable(Level.FINE)) {
                    LOG.fine("forwarded request refused: " + r.why());
                }
                yield checker.denyWithoutToken(NO_POLICY, DenyReason.REQUEST_INVALID);
            }
        };
    }

    /** The decision for the request's bearer token under this policy (null: the default policy). */
    Decision byPolicy(ServerRequest req, String policy) {
        List<String> auth = req.headers().all(HeaderNames.AUTHORIZATION, List::of);
        // RFC 6750: one method per request; a query token next to the header one is refused, not ignored.
        List<String> queryTokens = req.query().all("access_token", List::of);
        return switch (extractor.extract(auth, queryTokens)) {
            case BearerToken.Found f -> checker.check(f.token(), policy);
            case BearerToken.Missing m -> checker.denyWithoutToken(policy, DenyReason.TOKEN_MISSING);
            case BearerToken.Invalid i -> checker.denyWithoutToken(policy, DenyReason.REQUEST_INVALID);
        };
    }
}
