package io.tokencheck.config;

import io.tokencheck.keys.PlainHttp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Loads and validates tokencheck's YAML configuration, with {@code TOKENCHECK_<PATH>} environment overrides for
 * scalar options. Every problem is a {@link ConfigException} with a one-line message. Reference: README.md,
 * section Configuration.
 */
public final class ConfigLoader {

    private static final List<String> TOP_KEYS = List.of("server", "limits", "jwks", "issuers", "policies",
            "default_policy", "claim_headers", "token_cache", "routes", "introspection");
    private static final List<String> SERVER_KEYS = List.of("host", "port", "grpc_port");
    private static final List<String> TOKEN_CACHE_KEYS = List.of("max_bytes");
    private static final List<String> LIMIT_KEYS = List.of("max_token_bytes", "max_request_bytes");
    private static final List<String> JWKS_KEYS = List.of("default_ttl", "min_ttl", "max_ttl", "max_staleness",
            "unknown_kid_min_interval", "connect_timeout", "read_timeout", "max_response_bytes", "request_wait",
            "retry_interval", "max_retry_interval", "unavailable_status", "unavailable_retry_after",
            "allow_plain_http", "ca_file");

    private ConfigLoader() {
    }

    /** Loads {@code file} with overrides from the process environment. */
    public static TokencheckConfig load(Path file) throws ConfigException {
        return load(file, System.getenv());
    }

    /**
     * Loads {@code file}; {@code env} supplies the {@code TOKENCHECK_*} overrides and the variables that
     * {@code secret_env} names.
     */
    public static TokencheckConfig load(Path file, Map<String, String> env) throws ConfigException {
        String label = file.toString();
        Path dir = file.toAbsolutePath().getParent();
        LoadContext ctx = new LoadContext(label, dir == null ? Path.of("") : dir, Map.copyOf(env));
        MappingReader root = new MappingReader(ctx, "", YamlFileReader.read(file, label), TOP_KEYS);
        ServerSettings server = server(new MappingReader(ctx, "server", root.node("server"), SERVER_KEYS));
        LimitSettings limits = limits(new MappingReader(ctx, "limits", root.node("limits"), LIMIT_KEYS));
        JwksSettings jwks = jwks(new MappingReader(ctx, "jwks", root.node("jwks"), JWKS_KEYS));
        List<IssuerSettings> issuers = IssuerReader.read(root);
        checkTransport(ctx, jwks, issuers);
        PolicyReader.Policies policies = PolicyReader.read(root, issuers);
        Map<String, String> claimHeaders = ClaimHeaderReader.read(root);
        MappingReader cache = new MappingReader(ctx, "token_cache", root.node("token_cache"), TOKEN_CACHE_KEYS);
        TokenCacheSettings tokenCache = new TokenCacheSettings(
                cache.integer("max_bytes", (int) TokenCacheSettings.DEFAULT.maxBytes(), 0, Integer.MAX_VALUE));
        List<RouteSettings> routes = RouteReader.read(root, policies.policies().keySet());
        IntrospectionSettings introspection = IntrospectionReader.read(root);
        return new TokencheckConfig(server, limits, jwks, issuers, policies.policies(), policies.defaultPolicy(),
                claimHeaders, tokenCache, routes, introspection);
    }

    private static ServerSettings server(MappingReader in) throws ConfigException {
        String host = in.string("host", "0.0.0.0");
        int port = in.integer("port", 8080, 0, 65535);
        Optional<ScalarValue> grpc = in.scalar("grpc_port");
        if (grpc.isEmpty()) {
            return new ServerSettings(host, port);
        }
        int grpcPort = MappingReader.integer(grpc.get(), 0, 65535);
        if (grpcPort != 0 && grpcPort == port) {
            // Two listeners cannot share a port; 0 picks a free one for each.
            throw grpc.get().problem("must differ from server.port (" + port + ")");
        }
        return new ServerSettings(host, port, OptionalInt.of(grpcPort));
    }

    private static LimitSettings limits(MappingReader in) throws ConfigException {
        return new LimitSettings(
                in.integer("max_token_bytes", 8192, 1, Integer.MAX_VALUE),
                in.integer("max_request_bytes", 65536, 1, Integer.MAX_VALUE));
    }

    private static JwksSettings jwks(MappingReader in) throws ConfigException {
        Duration minTtl = in.duration("min_ttl", Duration.ofMinutes(1));
        Duration maxTtl = in.duration("max_ttl", Duration.ofHours(24));
        if (minTtl.compareTo(maxTtl) > 0) {
            Optional<ScalarValue> min = in.scalar("min_ttl");
            String relation = " (min_ttl " + DurationSyntax.format(minTtl) + ", max_ttl " + DurationSyntax.format(maxTtl) + ")";
            throw min.isPresent()
                    ? min.get().problem("must not be greater than jwks.max_ttl" + relation)
                    : in.scalar("max_ttl").orElseThrow().problem("must not be less than jwks.min_ttl" + relation);
        }
        Duration retry = in.duration("retry_interval", Duration.ofSeconds(10));
        Duration maxRetry = in.duration("max_retry_interval", retry.compareTo(JwksSettings.DEFAULT_MAX_RETRY_INTERVAL) > 0
                ? retry : JwksSettings.DEFAULT_MAX_RETRY_INTERVAL);
        if (maxRetry.compareTo(retry) < 0) {
            throw in.scalar("max_retry_interval").orElseThrow().problem("must not be less than jwks.retry_interval ("
                    + DurationSyntax.format(retry) + ")");
        }
        Optional<ScalarValue> caFile = in.scalar("ca_file");
        return new JwksSettings(
                in.duration("default_ttl", Duration.ofMinutes(5)),
                minTtl,
                maxTtl,
                in.duration("max_staleness", Duration.ofHours(6)),
                in.duration("unknown_kid_min_interval", Duration.ofSeconds(30)),
                in.duration("connect_timeout", Duration.ofSeconds(2)),
                in.duration("read_timeout", Duration.ofSeconds(5)),
                in.integer("max_response_bytes", 1024 * 1024, 1, Integer.MAX_VALUE),
                in.duration("request_wait", Duration.ofSeconds(1)),
                retry,
                maxRetry,
                in.integer("unavailable_status", JwksSettings.DEFAULT_UNAVAILABLE_STATUS, 400, 599),
                in.duration("unavailable_retry_after", JwksSettings.DEFAULT_UNAVAILABLE_RETRY_AFTER),
                in.bool("allow_plain_http", false),
                caFile.isPresent() ? CaBundleFile.require(in.context(), caFile.get()) : null);
    }

    /** Plain http to a host that is not loopback needs jwks.allow_plain_http: keys could be swapped in transit. */
    private static void checkTransport(LoadContext ctx, JwksSettings jwks, List<IssuerSettings> issuers)
            throws ConfigException {
        if (jwks.allowPlainHttp()) {
            return;
        }
        for (int i = 0; i < issuers.size(); i++) {
            IssuerSettings issuer = issuers.get(i);
            String key = switch (issuer.keys()) {
                case KeySourceSettings.JwksUri u -> PlainHttp.toRemoteHost(u.uri()) ? "jwks_uri" : null;
                case KeySourceSettings.Discovery d -> PlainHttp.toRemoteHost(d.discoveryUri()) ? "issuer" : null;
                default -> null;
            };
            if (key != null) {
                throw ctx.problem("issuers[" + i + "]." + key, "plain http to a host that is not loopback; use https"
                        + " (or set jwks.allow_plain_http: true to accept keys that can be tampered with in transit)");
            }
        }
    }
}
