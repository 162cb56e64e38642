package io.tokencheck.http;

import io.tokencheck.decision.Decision;
import io.tokencheck.decision.TokenChecker;
import io.tokencheck.extract.BearerExtractor;
import io.tokencheck.extract.BearerToken;
import io.tokencheck.policy.RouteSelection;
import io.tokencheck.policy.RouteTable;
import io.tokencheck.reason.DenyReason;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Extract, then decide, for the forward-auth endpoints (/check, Envoy ext_authz in HTTP and gRPC mode): takes the
 * bearer token from the request's credentials and checks it under a policy, either named or selected by the route
 * table. The one place both Envoy modes decide, so that their answers agree.
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

    /**
     * The decision for an original request: under the policy its route selects, or the default policy when no
     * routes are configured (the selection is then never computed).
     */
    Decision byRouteOrDefault(RouteTable routes, Supplier<RouteSelection> selection, BearerCredentials credentials) {
        return routes.isEmpty() ? byPolicy(credentials, null) : byRoute(selection.get(), credentials);
    }

    /** The decision under the policy a route selected; no route or a refused request is a deny before the token is read. */
    Decision byRoute(RouteSelection selection, BearerCredentials credentials) {
        return switch (selection) {
            case RouteSelection.Matched m -> byPolicy(credentials, m.policy());
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
    Decision byPolicy(BearerCredentials credentials, String policy) {
        return switch (extractor.extract(credentials.authorization(), credentials.queryTokens())) {
            case BearerToken.Found f -> checker.check(f.token(), policy);
            case BearerToken.Missing m -> checker.denyWithoutToken(policy, DenyReason.TOKEN_MISSING);
            case BearerToken.Invalid i -> checker.denyWithoutToken(policy, DenyReason.REQUEST_INVALID);
        };
    }

    /**
     * The decision, or an internal_error deny when deciding failed unexpectedly: fail closed, since a gateway may
     * treat a 5xx or a failed RPC as an allow (Envoy with failure_mode_allow).
     */
    static Decision failClosed(String endpoint, Supplier<Decision> decide) {
        try {
            return decide.get();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "unexpected error in " + endpoint + ": " + e.getClass().getName());
            return new Decision.Deny(null, DenyReason.INTERNAL_ERROR, null, null);
        }
    }
}
