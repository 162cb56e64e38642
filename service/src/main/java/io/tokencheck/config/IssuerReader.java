package io.tokencheck.config;

import io.tokencheck.keys.JwsAlgorithm;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads and validates the {@code issuers} list. */
final class IssuerReader {

    static final List<String> KEYS = List.of("name", "issuer", "discovery", "jwks_uri", "jwks_file", "hmac_secrets",
            "audiences", "algorithms", "leeway_seconds", "scope_claims", "required_claims", "require_exp", "token_type");
    private static final int MAX_LEEWAY_SECONDS = 600;
    private static final String DISCOVERY_SUFFIX = "/.well-known/openid-configuration";

    private IssuerReader() {
    }

    /** All issuers, in file order. */
    static List<IssuerSettings> read(MappingReader root) throws ConfigException {
        LoadContext ctx = root.context();
        YamlNode node = root.node("issuers");
        if (node == null) {
            throw ctx.problem("issuers", "missing (at least one issuer is required)");
        }
        if (!(node instanceof YamlNode.Sequence sequence)) {
            throw ctx.problem("issuers", "expected a list of issuers (each one starting with '- '), found "
                    + YamlNode.describe(node));
        }
        if (sequence.items().isEmpty()) {
            throw ctx.problem("issuers", "must list at least one issuer");
        }
        List<IssuerSettings> issuers = new ArrayList<>();
        Map<String, String> pathByIssuer = new HashMap<>();
        Map<String, String> pathByName = new HashMap<>();
        for (int i = 0; i < sequence.items().size(); i++) {
            String path = "issuers[" + i + "]";
            YamlNode item = sequence.items().get(i);
            if (!(item instanceof YamlNode.Mapping)) {
                throw ctx.problem(path, "expected a mapping of issuer options, found " + YamlNode.describe(item));
            }
            IssuerSettings issuer = readOne(new MappingReader(ctx, path, item, KEYS));
            String seenIssuer = pathByIssuer.putIfAbsent(issuer.issuer(), path);
            if (seenIssuer != null) {
                throw ctx.problem(path + ".issuer", "duplicate issuer " + Quoted.of(issuer.issuer())
                        + " (also configured in " + seenIssuer + ")");
            }
            String seenName = pathByName.putIfAbsent(issuer.name(), path);
            if (seenName != null) {
                throw ctx.problem(path + ".name", "duplicate issuer name " + Quoted.of(issuer.name())
                        + " (also used by " + seenName + ")");
            }
            issuers.add(issuer);
        }
        return List.copyOf(issuers);
    }

    private static IssuerSettings readOne(MappingReader in) throws ConfigException {
        ScalarValue issuer = in.required("issuer", "the exact iss value of this issuer's tokens");
        String name = in.string("name", issuer.text());
        KeySourceSettings keys = keySource(in, issuer);
        List<String> audiences = audiences(in);
        Set<JwsAlgorithm> algorithms = algorithms(in, keys);
        int leeway = in.integer("leeway_seconds", 60, 0, MAX_LEEWAY_SECONDS);
        List<String> scopeClaims = in.strings("scope_claims", List.of("scope", "scp"));
        List<String> requiredClaims = in.strings("required_claims", List.of());
        boolean requireExp = in.bool("require_exp", true);
        String tokenType = in.string("token_type", null);
        return new IssuerSettings(name, issuer.text(), keys, audiences, algorithms, Duration.ofSeconds(leeway),
                scopeClaims, requiredClaims, requireExp, tokenType);
    }

    private static List<String> audiences(MappingReader in) throws ConfigException {
        Optional<List<ScalarValue>> audiences = in.scalarList("audiences");
        if (audiences.isEmpty()) {
            throw in.context().problem(in.child("audiences"), "missing (required: the audiences this issuer's tokens must be for)");
        }
        if (audiences.get().isEmpty()) {
            throw in.context().problem(in.child("audiences"), "must list at least one audience");
        }
        return audiences.get().stream().map(ScalarValue::text).toList();
    }

    private static KeySourceSettings keySource(MappingReader in, ScalarValue issuer) throws ConfigException {
        Optional<ScalarValue> discovery = in.scalar("discovery");
        boolean useDiscovery = discovery.isPresent() && MappingReader.bool(discovery.get());
        Optional<ScalarValue> jwksUri = in.scalar("jwks_uri");
        Optional<ScalarValue> jwksFile = in.scalar("jwks_file");
        YamlNode hmac = in.node("hmac_secrets");
        List<String> present = new ArrayList<>();
        if (useDiscovery) {
            present.add("discovery");
        }
        jwksUri.ifPresent(v -> present.add("jwks_uri"));
        jwksFile.ifPresent(v -> present.add("jwks_file"));
        if (hmac != null) {
            present.add("hmac_secrets");
        }
        if (present.isEmpty()) {
            throw in.context().problem(in.path(), "no key source (set exactly one of discovery, jwks_uri, jwks_file or hmac_secrets)");
        }
        if (present.size() > 1) {
            throw in.context().problem(in.path(), "more than one key source (" + String.join(" and ", present)
                    + "); set exactly one");
        }
        return switch (present.getFirst()) {
            case "discovery" -> new KeySourceSettings.Discovery(discoveryUri(issuer));
            case "jwks_uri" -> new KeySourceSettings.JwksUri(HttpUrl.require(jwksUri.get()));
            case "jwks_file" -> new KeySourceSettings.JwksFile(jwksFile(in.context(), jwksFile.get()));
            default -> new KeySourceSettings.HmacSecrets(HmacSecretReader.read(in, hmac));
        };
    }

    private static URI discoveryUri(ScalarValue issuer) throws ConfigException {
        URI uri = HttpUrl.parse(issuer.text());
        if (uri == null) {
            throw issuer.problem("discovery needs the issuer to be an http(s) URL, found " + Quoted.of(issuer.text()));
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw issuer.problem("discovery needs an issuer URL without query or fragment, found " + Quoted.of(issuer.text()));
        }
        String base = issuer.text();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + DISCOVERY_SUFFIX);
    }

    private static Path jwksFile(LoadContext ctx, ScalarValue value) throws ConfigException {
        Path path;
        try {
            path = ctx.configDir().resolve(value.text()).normalize();
        } catch (InvalidPathException e) {
            throw value.problem("not a valid file path: " + Quoted.of(value.text()));
        }
        if (!Files.exists(path)) {
            throw value.problem("file not found: " + path);
        }
        if (!Files.isRegularFile(path)) {
            throw value.problem("not a regular file: " + path);
        }
        if (!Files.isReadable(path)) {
            throw value.problem("file is not readable: " + path);
        }
        return path;
    }

    private static Set<JwsAlgorithm> algorithms(MappingReader in, KeySourceSettings keys) throws ConfigException {
        boolean hmac = keys instanceof KeySourceSettings.HmacSecrets;
        Optional<List<ScalarValue>> names = in.scalarList("algorithms");
        if (names.isEmpty()) {
            return Collections.unmodifiableSet(EnumSet.copyOf(hmac ? JwsAlgorithm.hmacSet() : JwsAlgorithm.asymmetricSet()));
        }
        if (names.get().isEmpty()) {
            throw in.context().problem(in.child("algorithms"), "must list at least one algorithm");
        }
        EnumSet<JwsAlgorithm> algorithms = EnumSet.noneOf(JwsAlgorithm.class);
        for (ScalarValue name : names.get()) {
            JwsAlgorithm alg = JwsAlgorithm.fromJose(name.text());
            if (alg == null) {
                throw name.problem(unknownAlgorithm(name.text()));
            }
            if (alg.asymmetric() && hmac) {
                throw name.problem(alg + " is asymmetric and needs published keys (discovery, jwks_uri or jwks_file),"
                        + " but this issuer uses hmac_secrets");
            }
            if (!alg.asymmetric() && !hmac) {
                throw name.problem(alg + " is an HMAC algorithm and needs hmac_secrets as the key source, but this issuer uses "
                        + keySourceKey(keys));
            }
            if (keys instanceof KeySourceSettings.HmacSecrets secrets) {
                // RFC 7518 3.2: the key must be at least as long as the hash output.
                for (KeySourceSettings.HmacSecret secret : secrets.secrets()) {
                    if (secret.secret().length < alg.size()) {
                        throw name.problem(alg + " needs secrets of at least " + alg.size() + " bytes, but secret "
                                + (secret.kid() == null ? "" : Quoted.of(secret.kid()) + " ") + "is " + secret.secret().length
                                + " bytes (RFC 7518 section 3.2)");
                    }
                }
            }
            algorithms.add(alg);
        }
        return Collections.unmodifiableSet(algorithms);
    }

    private static String unknownAlgorithm(String name) {
        if (name.equalsIgnoreCase("none")) {
            return "alg none is never accepted";
        }
        for (JwsAlgorithm alg : JwsAlgorithm.values()) {
            if (alg.name().equalsIgnoreCase(name)) {
                return "unknown algorithm " + Quoted.of(name) + " (did you mean " + alg + "? names are case-sensitive)";
            }
        }
        List<String> known = new ArrayList<>();
        for (JwsAlgorithm alg : JwsAlgorithm.values()) {
            known.add(alg.name());
        }
        return "unknown algorithm " + Quoted.of(name) + " (supported: " + String.join(", ", known) + ")";
    }

    private static String keySourceKey(KeySourceSettings keys) {
        return switch (keys) {
            case KeySourceSettings.Discovery d -> "discovery";
            case KeySourceSettings.JwksUri u -> "jwks_uri";
            case KeySourceSettings.JwksFile f -> "jwks_file";
            case KeySourceSettings.HmacSecrets h -> "hmac_secrets";
        };
    }
}
