package io.tokencheck.http;

import com.google.rpc.Code;
import com.google.rpc.Status;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.service.auth.v3.AttributeContext;
import io.envoyproxy.envoy.service.auth.v3.AuthorizationGrpc;
import io.envoyproxy.envoy.service.auth.v3.CheckRequest;
import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import io.envoyproxy.envoy.service.auth.v3.DeniedHttpResponse;
import io.envoyproxy.envoy.service.auth.v3.OkHttpResponse;
import io.envoyproxy.envoy.type.v3.HttpStatus;
import io.grpc.stub.StreamObserver;
import io.tokencheck.config.JwksSettings;
import io.tokencheck.decision.Decision;
import io.tokencheck.decision.TokenChecker;
import io.tokencheck.policy.RouteTable;
import io.tokencheck.reason.DenyReason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Envoy ext_authz in gRPC mode: {@code envoy.service.auth.v3.Authorization/Check}, on its own listener. The token
 * comes from the original request's Authorization header ({@code attributes.request.http.headers}, or
 * {@code header_map} with {@code encode_raw_headers}), the policy from its method, host and path as in the HTTP mode
 * (one {@link ForwardAuthDecider}, one {@link ForwardAuthResponse}, so the two modes answer alike). Allow:
 * status OK with the identity headers set on the upstream request (overwriting client-sent ones) and every other
 * identity header name removed. Deny: UNAUTHENTICATED (401), PERMISSION_DENIED (403) or UNAVAILABLE
 * (jwks_unavailable) with a {@link DeniedHttpResponse} carrying the HTTP mode's status and headers. Every answer is
 * a CheckResponse, never an RPC error, which Envoy with {@code failure_mode_allow} would let through.
 */
public final class EnvoyAuthorizationGrpcService extends AuthorizationGrpc.AuthorizationImplBase {
    /** How this endpoint is named in logs. */
    private static final String ENDPOINT = "ext_authz gRPC";
    private static final Logger LOG = Logger.getLogger(EnvoyAuthorizationGrpcService.class.getName());

    private final RouteTable routes;
    private final ForwardAuthDecider decider;
    private final ForwardAuthResponse response;
    private final List<String> identityHeaders;
    private final CheckResponse internalError;

    /**
     * Serves decisions from this checker, choosing the policy by these routes unless they are empty.
     *
     * @param claimHeaders the configured claim_headers (their names, too, are removed from the upstream request when
     *                     an allow does not set them)
     */
    public EnvoyAuthorizationGrpcService(TokenChecker checker, JwksSettings jwks, RouteTable routes,
                                         Map<String, String> claimHeaders) {
        this.routes = routes;
        this.decider = new ForwardAuthDecider(checker);
        this.response = new ForwardAuthResponse(jwks);
        this.identityHeaders = ForwardAuthResponse.identityHeaderNames(claimHeaders).stream()
                .map(n -> n.toLowerCase(Locale.ROOT)).toList();
        this.internalError = toCheckResponse(new Decision.Deny(null, DenyReason.INTERNAL_ERROR, null, null));
    }

    @Override
    public void check(CheckRequest request, StreamObserver<CheckResponse> observer) {
        CheckResponse answer;
        try {
            Decision decision = ForwardAuthDecider.failClosed(ENDPOINT, () -> decide(request));
            answer = toCheckResponse(decision);
        } catch (RuntimeException e) {
            // Building the answer failed: still a deny, never an RPC error.
            LOG.log(Level.WARNING, "unexpected error in " + ENDPOINT + ": " + e.getClass().getName());
            answer = internalError;
        }
        observer.onNext(answer);
        observer.onCompleted();
    }

    private Decision decide(CheckRequest request) {
        AttributeContext.HttpRequest http = request.getAttributes().getRequest().getHttp();
        BearerCredentials credentials = BearerCredentials.forwarded(authorizationValues(http), http.getPath());
        return decider.byRouteOrDefault(routes,
                () -> routes.select(http.getMethod(), http.getHost(), http.getPath()), credentials);
    }

    /**
     * Every Authorization value the original request carried. Envoy lower-cases names and joins repeated headers
     * with commas (which {@link io.tokencheck.extract.BearerExtractor} refuses as it refuses two headers); with
     * {@code encode_raw_headers} they come one by one in header_map. Any spelling of the name counts, so that a
     * differently cased second key is two values, not one ignored.
     */
    private static List<String> authorizationValues(AttributeContext.HttpRequest http) {
        List<String> values = new ArrayList<>(1);
        for (Map.Entry<String, String> e : http.getHeadersMap().entrySet()) {
            if (e.getKey().equalsIgnoreCase("authorization")) {
                values.add(e.getValue());
            }
        }
        for (HeaderValue h : http.getHeaderMap().getHeadersList()) {
            if (h.getKey().equalsIgnoreCase("authorization")) {
                // raw_value holds the bytes as received: Latin-1 keeps each byte one char, so non-ASCII is refused later.
                values.add(h.getRawValue().isEmpty() ? h.getValue() : h.getRawValue().toString(StandardCharsets.ISO_8859_1));
            }
        }
        return values;
    }

    private CheckResponse toCheckResponse(Decision decision) {
        GatewayAnswer answer = response.answer(decision);
        if (decision instanceof Decision.Deny deny) {
            DeniedHttpResponse.Builder denied = DeniedHttpResponse.newBuilder()
                    .setStatus(HttpStatus.newBuilder().setCodeValue(answer.status()));
            for (GatewayAnswer.Header h : answer.answer()) {
                denied.addHeaders(overwrite(h));
            }
            Status status = Status.newBuilder().setCode(grpcCode(answer.status())).setMessage(deny.reason().code()).build();
            return CheckResponse.newBuilder().setStatus(status).setDeniedResponse(denied).build();
        }
        OkHttpResponse.Builder ok = OkHttpResponse.newBuilder();
        Set<String> set = new HashSet<>();
        for (GatewayAnswer.Header h : answer.upstream()) {
            ok.addHeaders(overwrite(h));
            set.add(h.name().toLowerCase(Locale.ROOT));
        }
        // A client-sent identity header that this allow does not set (a token without sub) must not reach the upstream.
        for (String name : identityHeaders) {
            if (!set.contains(name)) {
                ok.addHeadersToRemove(name);
            }
        }
        return CheckResponse.newBuilder().setStatus(Status.newBuilder().setCode(Code.OK_VALUE)).setOkResponse(ok).build();
    }

    /** 401 is an authentication failure, 403 an authorization one; anything else (the provider down) unavailable. */
    private static int grpcCode(int httpStatus) {
        return switch (httpStatus) {
            case 401 -> Code.UNAUTHENTICATED_VALUE;
            case 403 -> Code.PERMISSION_DENIED_VALUE;
            default -> Code.UNAVAILABLE_VALUE;
        };
    }

    /** A header that replaces any of the same name (Envoy's default for ext_authz when append is unset, made explicit). */
    private static HeaderValueOption overwrite(GatewayAnswer.Header h) {
        return HeaderValueOption.newBuilder()
                .setHeader(HeaderValue.newBuilder().setKey(h.name()).setValue(h.value()))
                .setAppendAction(HeaderValueOption.HeaderAppendAction.OVERWRITE_IF_EXISTS_OR_ADD)
                .build();
    }
}
