package io.tokencheck.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.tokencheck.config.JwksSettings;
import io.tokencheck.decision.Decision;
import io.tokencheck.decision.TokenChecker;
import io.tokencheck.policy.RouteTable;
import java.time.Duration;

/**
 * The forward-auth endpoint for gateways (nginx auth_request, Traefik forwardAuth, Envoy ext_authz HTTP):
 * any method on /check or /check/{policy}. 200 with identity headers, or 401/403 with an RFC 6750 challenge.
 * The one exception is jwks_unavailable (the provider is down, the token may be fine): it gets the configured
 * jwks.unavailable_status (default 503) with Retry-After. A bad token never gets a 5xx.
 * With {@code routes} configured, /check picks the policy from the forwarded method, host and path
 * ({@link ForwardedRequest}); /check/{policy} always uses the named policy.
 */
public final class CheckService implements HttpService {
    private final RouteTable routes;
    private final ForwardAuthDecider decider;
    private final ForwardAuthResponse response;

    /** Serves decisions from this checker; jwks_unavailable is answered 503 with Retry-After: 30. */
    public CheckService(TokenChecker checker) {
        this(checker, JwksSettings.DEFAULT_UNAVAILABLE_STATUS, JwksSettings.DEFAULT_UNAVAILABLE_RETRY_AFTER, RouteTable.empty());
    }

    /** Serves decisions from this checker; /check selects the policy by these routes unless they are empty. */
    public CheckService(TokenChecker checker, RouteTable routes) {
        this(checker, JwksSettings.DEFAULT_UNAVAILABLE_STATUS, JwksSettings.DEFAULT_UNAVAILABLE_RETRY_AFTER, routes);
    }

    /** Serves decisions from this checker, answering jwks_unavailable as jwks.unavailable_status and _retry_after say. */
    public CheckService(TokenChecker checker, JwksSettings jwks) {
        this(checker, jwks, RouteTable.empty());
    }

    /** As {@link #CheckService(TokenChecker, JwksSettings)}; /check picks the policy by these routes unless they are empty. */
    public CheckService(TokenChecker checker, JwksSettings jwks, RouteTable routes) {
        this(checker, jwks.unavailableStatus(), jwks.unavailableRetryAfter(), routes);
    }

    private CheckService(TokenChecker checker, int unavailableStatus, Duration retryAfter, RouteTable routes) {
        this.routes = routes;
        this.decider = new ForwardAuthDecider(checker);
        this.response = new ForwardAuthResponse(unavailableStatus, retryAfter);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.any("/check", (req, res) -> handle(req, res, null))
                .any("/check/{policy}", (req, res) -> handle(req, res, req.path().pathParameters().get("policy")));
    }

    private void handle(ServerRequest req, ServerResponse res, String named) {
        Decision decision = ForwardAuthDecider.failClosed("/check", () -> {
            BearerCredentials credentials = BearerCredentials.of(req);
            return named == null && !routes.isEmpty()
                    ? decider.byRoute(ForwardedRequest.select(req.headers(), routes), credentials)
                    : decider.byPolicy(credentials, named);
        });
        response.send(res, decision);
    }
}
