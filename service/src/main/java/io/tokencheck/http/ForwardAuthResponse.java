package io.tokencheck.http;

import io.helidon.webserver.http.ServerResponse;
import io.tokencheck.config.JwksSettings;
import io.tokencheck.decision.Decision;
import io.tokencheck.decision.Identity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a decision into the answer forward-auth gateways read (shared by /check and both Envoy ext_authz modes):
 * 200 with identity headers, or 401/403 with an RFC 6750 challenge and X-Auth-Deny-Reason; jwks_unavailable gets
 * jwks.unavailable_status with Retry-After. Empty body either way.
 */
final class ForwardAuthResponse {
    /** The identity headers every allow may carry (claim_headers add more). */
    static final List<String> IDENTITY_HEADERS = List.of("X-Auth-Subject", "X-Auth-Issuer", "X-Auth-Scopes", "X-Auth-Client-Id");

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

    /** Every header name an allow can set: the fixed identity headers and the configured claim_headers. */
    static Set<String> identityHeaderNames(Map<String, String> claimHeaders) {
        Set<String> names = new LinkedHashSet<>(IDENTITY_HEADERS);
        names.addAll(claimHeaders.keySet());
        return names;
    }

    /** The answer for a decision. */
    GatewayAnswer answer(Decision decision) {
        List<GatewayAnswer.Header> answer = new ArrayList<>(4);
        answer.add(new GatewayAnswer.Header("Cache-Control", "no-store"));
        if (decision instanceof Decision.Allow allow) {
            return new GatewayAnswer(200, identityHeaders(allow.identity()), answer);
        }
        Decision.Deny deny = (Decision.Deny) decision;
        answer.add(new GatewayAnswer.Header("WWW-Authenticate", BearerChallenge.of(deny)));
        answer.add(new GatewayAnswer.Header("X-Auth-Deny-Reason", deny.reason().code()));
        if (deny.reason().providerDown()) {
            answer.add(new GatewayAnswer.Header("Retry-After", retryAfterSeconds));
            return new GatewayAnswer(unavailableStatus, List.of(), answer);
        }
        return new GatewayAnswer(deny.reason().error().status(), List.of(), answer);
    }

    /** Sends the decision with an empty body. */
    void send(ServerResponse res, Decision decision) {
        GatewayAnswer a = answer(decision);
        for (GatewayAnswer.Header h : a.answer()) {
            res.header(h.name(), h.value());
        }
        for (GatewayAnswer.Header h : a.upstream()) {
            res.header(h.name(), h.value());
        }
        res.status(a.status()).send();
    }

    private static List<GatewayAnswer.Header> identityHeaders(Identity id) {
        List<GatewayAnswer.Header> out = new ArrayList<>(4 + id.extraHeaders().size());
        add(out, "X-Auth-Subject", id.subject());
        add(out, "X-Auth-Issuer", id.issuer());
        if (!id.scopes().isEmpty()) {
            add(out, "X-Auth-Scopes", String.join(" ", id.scopes()));
        }
        add(out, "X-Auth-Client-Id", id.clientId());
        for (Map.Entry<String, String> e : id.extraHeaders().entrySet()) {
            add(out, e.getKey(), e.getValue());
        }
        return out;
    }

    /** Adds a header only when the value is safe to put on the wire (visible ASCII and spaces; no CR/LF injection). */
    private static void add(List<GatewayAnswer.Header> out, String name, String value) {
        if (value != null && HeaderValue.isSafe(value)) {
            out.add(new GatewayAnswer.Header(name, value));
        }
    }
}
