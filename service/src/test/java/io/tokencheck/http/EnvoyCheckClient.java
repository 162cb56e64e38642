package io.tokencheck.http;

import com.google.protobuf.Timestamp;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.service.auth.v3.AttributeContext;
import io.envoyproxy.envoy.service.auth.v3.AuthorizationGrpc;
import io.envoyproxy.envoy.service.auth.v3.CheckRequest;
import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.tokencheck.TokencheckServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real grpc-java client (Netty transport, plaintext HTTP/2 over loopback) for tokencheck's ext_authz gRPC listener,
 * sending CheckRequests shaped like Envoy's: the original request's pseudo-headers and headers lower-cased in
 * {@code attributes.request.http.headers} (repeated headers joined with ","), method, path with query, host, scheme,
 * protocol, a request id, and the peer addresses.
 */
public final class EnvoyCheckClient implements AutoCloseable {
    private final ManagedChannel channel;
    private final AuthorizationGrpc.AuthorizationBlockingStub stub;

    private EnvoyCheckClient(ManagedChannel channel) {
        this.channel = channel;
        this.stub = AuthorizationGrpc.newBlockingStub(channel);
    }

    /** Connects to the server's gRPC listener on 127.0.0.1. */
    public static EnvoyCheckClient connect(TokencheckServer server) {
        int port = server.grpcPort().orElseThrow(() -> new IllegalStateException("server.grpc_port is not configured"));
        return new EnvoyCheckClient(ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build());
    }

    /** One Check call (10 s deadline). */
    public CheckResponse check(CheckRequest request) {
        return stub.withDeadlineAfter(10, TimeUnit.SECONDS).check(request);
    }

    /** Checks an original request to api.example.com; headers are name/value pairs (a repeated name is joined with ","). */
    public CheckResponse check(String method, String path, String... headers) {
        return check(request(method, "api.example.com", path, headers));
    }

    /** The CheckRequest Envoy sends for this original request. */
    public static CheckRequest request(String method, String host, String path, String... headers) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(":authority", host);
        map.put(":method", method);
        map.put(":path", path);
        map.put(":scheme", "https");
        map.put("x-forwarded-proto", "https");
        map.put("x-request-id", "4f1c2b9e-7d3a-4a5b-9c1d-2e3f4a5b6c7d");
        map.put("user-agent", "curl/8.5.0");
        for (int i = 0; i < headers.length; i += 2) {
            // Envoy lower-cases names and merges repeated headers as HTTP allows (RFC 9110 5.3).
            map.merge(headers[i].toLowerCase(Locale.ROOT), headers[i + 1], (a, b) -> a + "," + b);
        }
        AttributeContext.HttpRequest http = AttributeContext.HttpRequest.newBuilder()
                .setId("10472927409324234512")
                .setMethod(method)
                .putAllHeaders(map)
                .setPath(path)
                .setHost(host)
                .setScheme("https")
                .setProtocol("HTTP/1.1")
                .setSize(0)
                .build();
        return request(http);
    }

    /** A CheckRequest around this HTTP request, with Envoy's source, destination and time. */
    public static CheckRequest request(AttributeContext.HttpRequest http) {
        return CheckRequest.newBuilder().setAttributes(AttributeContext.newBuilder()
                .setSource(peer("10.0.0.7", 53120))
                .setDestination(peer("10.0.0.2", 10000))
                .setRequest(AttributeContext.Request.newBuilder()
                        .setTime(Timestamp.newBuilder().setSeconds(1767225600))
                        .setHttp(http))
                .putContextExtensions("virtual_host", "api"))
                .build();
    }

    private static AttributeContext.Peer peer(String ip, int port) {
        return AttributeContext.Peer.newBuilder().setAddress(Address.newBuilder()
                .setSocketAddress(SocketAddress.newBuilder().setAddress(ip).setPortValue(port))).build();
    }

    /** Header name (lower case) to value, from a list of header options. */
    public static Map<String, String> headers(List<HeaderValueOption> options) {
        Map<String, String> out = new LinkedHashMap<>();
        for (HeaderValueOption o : options) {
            out.put(o.getHeader().getKey().toLowerCase(Locale.ROOT), o.getHeader().getValue());
        }
        return out;
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
