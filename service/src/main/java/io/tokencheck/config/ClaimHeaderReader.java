package io.tokencheck.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads {@code claim_headers}: response header name to the claim copied into it on allow. */
final class ClaimHeaderReader {

    // RFC 9110 5.6.2 token characters.
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");
    /** Headers the service sets itself. */
    private static final Set<String> BUILT_IN = Set.of("x-auth-subject", "x-auth-issuer", "x-auth-scopes", "x-auth-client-id");
    // Copying a claim into one of these would let a token's content change how the response is framed or authenticated.
    private static final Set<String> PROTECTED = Set.of("authorization", "connection", "content-length", "content-type",
            "cookie", "host", "proxy-authenticate", "proxy-authorization", "set-cookie", "te", "trailer",
            "transfer-encoding", "upgrade", "www-authenticate");

    private ClaimHeaderReader() {
    }

    static Map<String, String> read(MappingReader root) throws ConfigException {
        LoadContext ctx = root.context();
        YamlNode node = root.node("claim_headers");
        if (node == null) {
            return Map.of();
        }
        if (!(node instanceof YamlNode.Mapping mapping)) {
            throw ctx.problem("claim_headers", "expected a mapping of header name to claim name, found " + YamlNode.describe(node));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, String> seen = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> entry : mapping.entries().entrySet()) {
            String header = entry.getKey();
            String path = "claim_headers." + header;
            String lower = header.toLowerCase(Locale.ROOT);
            if (!TOKEN.matcher(header).matches()) {
                throw ctx.problem(path, "not a valid HTTP header name: " + Quoted.of(header));
            }
            if (BUILT_IN.contains(lower)) {
                throw ctx.problem(path, "collides with a header tokencheck always sets"
                        + " (X-Auth-Subject, X-Auth-Issuer, X-Auth-Scopes, X-Auth-Client-Id)");
            }
            if (PROTECTED.contains(lower)) {
                throw ctx.problem(path, "a claim must not be copied into the " + header + " header");
            }
            String other = seen.putIfAbsent(lower, header);
            if (other != null) {
                throw ctx.problem(path, "same header as claim_headers." + other + " (header names are case-insensitive)");
            }
            YamlNode value = entry.getValue();
            if (YamlNode.isEmptyScalar(value)) {
                throw ctx.problem(path, "missing claim name");
            }
            if (!(value instanceof YamlNode.Scalar claim)) {
                throw ctx.problem(path, "expected a claim name, found " + YamlNode.describe(value));
            }
            headers.put(header, claim.text());
        }
        return Collections.unmodifiableMap(headers);
    }
}
