package io.tokencheck.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.tokencheck.config.JwksSettings;
import io.tokencheck.decision.Decision;
import io.tokencheck.decision.Identity;
import io.tokencheck.decision.TokenChecker;
import io.tokencheck.extract.BearerExtractor;
import io.tokencheck.extract.BearerToken;
import io.tokencheck.policy.RouteSelection;
import io.tokencheck.policy.RouteTable;
import io.tokencheck.reason.DenyReason;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The forward-auth endpoint for gateways (nginx auth_request, Traefik forwardAuth, Envoy ext_authz HTTP):
 * any method on /check or /check/{policy}. 200 with identity headers, or 401/403 with an RFC 6750 challenge.
 * The one exception is jwks_unavailable (the provider is down, the token may be fine): it gets the configured
 * jwks.unavailable_status (default 503) with Retry-After. A bad token never gets a 5xx.
 * With {@code routes} configured, /check picks the policy from the forwarded method, host and path
 * ({@link ForwardedRequest}); /check/{policy} always uses the named policy.
 */
public final class CheckService implements HttpService {
    private static final Logger LOG = Logger.getLogger(CheckService.class.getName());
    /** Never a policy name (names are non-empty): a deny before any policy was chosen counts as policy="unknown". */
    private static final String NO_POLICY = "";

    private final TokenChecker checker;
    private final RouteTable routes;
    private final BearerExtractor extractor = new BearerExtractor();
    private final int unavailableStatus;
    private final String retryAfterSeconds;

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
        this.checker = checker;
        this.routes = routes;
        this.unavailableStatus = unavailableStatus;
        // Retry-After counts whole seconds (RFC 9110 10.2.3); round up so that it is never 0.
        this.retryAfterSeconds = Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000));
    }

    @Override
    public void routing(HttpRules rules) {
        rules.any("/check", (req, res) -> handle(req, res, null))
                .any("/check/{policy}", (req, res) -> handle(req, res, req.path().pathParameters().get("policy")));
    }

    private void handle(ServerRequest req, ServerResponse res, String named) {
        Decision decision;
        try {
            decision = named == null && !routes.isEmpty() ? decideByRoute(req) : decide(req, named);
        } catch (RuntimeException e) {
            // Fail closed: a gateway may treat a 5xx from the auth service as an allow.
            LOG.log(Level.WARNING, "unexpected error in /check: " + e.getClass().getName());
            decision = new Decision.Deny(null, DenyReason.INTERNAL_ERROR, null, null);
        }
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        if (decision instanceof Decision.Allow allow) {
            identityHeaders(res, allow.identity());
            res.status(200).send();
            return;
        }
        Decision.Deny deny = (Decision.Deny) decision;
        res.header(HeaderNames.WWW_AUTHENTICATE, BearerChallenge.of(deny));
        res.header("X-Auth-Deny-Reason", deny.reason().code());
        if (deny.reason().providerDown()) {
            res.header(HeaderNames.RETRY_AFTER, retryAfterSeconds);
            res.status(unavailableStatus).send();
            return;
        }
        res.status(deny.reason().error().status()).send();
    }

    private Decision decideByRoute(ServerRequest req) {
        return switch (ForwardedRequest.select(req.headers(), routes)) {
            case RouteSelection.Matched m -> decide(req, m.policy());
            case RouteSelection.Unmatched u -> checker.denyWithoutToken(NO_POLICY, DenyReason.POLICY_NOT_FOUND);
            case RouteSelection.Refused r -> {
                if (LOG.isLoggable(Level.FINE)) {
                    LOG.fine("forwarded request refused: " + r.why());
                }
                yield checker.denyWithoutToken(NO_POLICY, DenyReason.REQUEST_INVALID);
            }
        };
    }

    private Decision decide(ServerRequest req, String policy) {
        List<String> auth = req.headers().all(HeaderNames.AUTHORIZATION, List::of);
        return switch (extractor.extract(auth)) {
            case BearerToken.Found f -> checker.check(f.token(), policy);
            case BearerToken.Missing m -> checker.denyWithoutToken(policy, DenyReason.TOKEN_MISSING);
            case BearerToken.Invalid i -> checker.denyWithoutToken(policy, DenyReason.REQUEST_INVALID);
        };
    }

    private static void identityHeaders(ServerResponse res, Identity id) {
        header(res, "X-Auth-Subject", id.subject());
        header(res, "X-Auth-Issuer", id.issuer());
        if (!id.scopes().isEmpty()) {
            header(res, "X-Auth-Scopes", String.join(" ", id.scopes()));
        }
        header(res, "X-Auth-Client-Id", id.clientId());
        for (Map.Entry<String, String> e : id.extraHeaders().entrySet()) {
            header(res, e.getKey(), e.getValue());
        }
    }

    /** Sets a header only when the value is safe to put on the wire (visible ASCII and spaces; no CR/LF injection). */
    private static void header(ServerResponse res, String name, String value) {
        if (value != null && HeaderValue.isSafe(value)) {
            res.header(name, value);
        }
    }
}
