package io.tokencheck.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.tokencheck.config.JwksSettings;
import io.tokencheck.decision.Decision;
import io.tokencheck.decision.TokenChecker;
import io.tokencheck.policy.RouteSelection;
import io.tokencheck.policy.RouteTable;

/**
 * Envoy ext_authz in HTTP mode, with {@code http_service.path_prefix: /envoy}: Envoy sends the original request's
 * method, {@code /envoy} + its path, and its headers (Host is the original {@code :authority}). With {@code routes}
 * configured the policy is the route of that method, host and path; otherwise the default policy. The answer is the
 * one /check gives: 200 with identity headers (Envoy adds the {@code allowed_upstream_headers} upstream), or the
 * status and headers Envoy sends the client. Envoy treats a 5xx (jwks_unavailable) as an authorization error:
 * {@code status_on_error}, 403 by default, unless {@code failure_mode_allow}. The gRPC mode
 * ({@link EnvoyAuthorizationGrpcService}) decides the same way.
 */
public final class EnvoyExtAuthzService implements HttpService {
    /** The path prefix the example envoy.yaml configures; everything after it is the original path. */
    public static final String PREFIX = "/envoy";

    private final RouteTable routes;
    private final ForwardAuthDecider decider;
    private final ForwardAuthResponse response;

    /** Serves decisions from this checker, choosing the policy by these routes unless they are empty. */
    public EnvoyExtAuthzService(TokenChecker checker, JwksSettings jwks, RouteTable routes) {
        this.routes = routes;
        this.decider = new ForwardAuthDecider(checker);
        this.response = new ForwardAuthResponse(jwks);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.any(PREFIX, this::handle).any(PREFIX + "/*", this::handle);
    }

    private void handle(ServerRequest req, ServerResponse res) {
        Decision decision = ForwardAuthDecider.failClosed(PREFIX,
                () -> decider.byRouteOrDefault(routes, () -> select(req), BearerCredentials.of(req)));
        response.send(res, decision);
    }

    /** The route of the original request: the raw path after the prefix (normalised by the route table), method, host. */
    private RouteSelection select(ServerRequest req) {
        String raw = req.prologue().uriPath().rawPath();
        if (!raw.startsWith(PREFIX)) {
            return new RouteSelection.Refused("path does not start with " + PREFIX);
        }
        String path = raw.substring(PREFIX.length());
        if (path.isEmpty()) {
            path = "/";
        } else if (path.charAt(0) != '/') {
            return new RouteSelection.Refused("path does not continue with / after " + PREFIX);
        }
        return routes.select(req.prologue().method().text(), req.authority(), path);
    }
}
