package io.tokencheck.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import io.tokencheck.config.JwksSettings;
import io.tokencheck.decision.Decision;
import io.tokencheck.decision.Identity;
import java.time.Duration;
import java.util.Map;

/**
 * Writes a decision the way forward-auth gateways read it (shared by /check and the Envoy ext_authz prefix): 200 with
 * identity headers, or 401/403 with an RFC 6750 challenge and X-Auth-Deny-Reason; jwks_unavailable gets
 * jwks.unavailable_status with Retry-After. Empty body either way.
 */
final class ForwardAuthResponse {
    private final int unavailableStatus;
    private final String retryAfterSeconds;

    /** Answers jwks_unavailable as jwks.unavailable_status and _retry_after say. */
    ForwardAuthResponse(JwksSettings jwks) {
        this(jwks.unavailableStatus(), jwks.unavailableRetryAfter());
    }

    /** Answers jwks_unavailable with this status and Retry-After. */
    ForwardAuthResponse(int unavailableStatus, Duration retryAfter) {
        this.unavailableStatus = unavailableStatus;
        // Retry-After counts whole seconds (RFC 9110 10.2.3); round up so that it is never 0.
        this.retryAfterSeconds = Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000));
    }

    /** Sends the decision with an empty body. */
    void send(ServerResponse res, Decision decision) {
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
