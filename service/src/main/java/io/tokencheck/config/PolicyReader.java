package io.tokencheck.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads and validates {@code policies} and {@code default_policy}, adding the implicit default policy. */
final class PolicyReader {

    static final String DEFAULT = "default";
    private static final List<String> KEYS = List.of("issuers", "audiences", "scopes", "any_scopes", "claims");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    /**
     * @param policies      by name, sorted
     * @param defaultPolicy the name /check without a name uses
     */
    record Policies(Map<String, PolicySettings> policies, String defaultPolicy) {
    }

    private PolicyReader() {
    }

    static Policies read(MappingReader root, List<IssuerSettings> issuers) throws ConfigException {
        LoadContext ctx = root.context();
        Set<String> issuerNames = issuers.stream().map(IssuerSettings::name).collect(Collectors.toCollection(LinkedHashSet::new));
        Map<String, PolicySettings> policies = new LinkedHashMap<>();
        YamlNode node = root.node("policies");
        if (node != null) {
            if (!(node instanceof YamlNode.Mapping mapping)) {
                throw ctx.problem("policies", "expected a mapping of policy name to policy, found " + YamlNode.describe(node));
            }
            for (Map.Entry<String, YamlNode> entry : mapping.entries().entrySet()) {
                String name = entry.getKey();
                String path = "policies." + name;
                if (!NAME.matcher(name).matches()) {
                    throw ctx.problem(path, "invalid policy name " + Quoted.of(name) + " (use letters, digits, '.', '_' and '-')");
                }
                policies.put(name, readOne(new MappingReader(ctx, path, entry.getValue(), KEYS), name, issuerNames));
            }
        }
        String defaultPolicy;
        Optional<ScalarValue> chosen = root.scalar("default_policy");
        if (chosen.isPresent()) {
            defaultPolicy = chosen.get().text();
            if (!policies.containsKey(defaultPolicy)) {
                throw chosen.get().problem("unknown policy " + Quoted.of(defaultPolicy) + (policies.isEmpty()
                        ? " (no policies are configured; remove default_policy to use the implicit default policy)"
                        : " (configured: " + String.join(", ", policies.keySet()) + ")"));
            }
        } else {
            defaultPolicy = DEFAULT;
            // Without any policy, /check still needs one: trust every issuer with no extra requirements.
            policies.putIfAbsent(DEFAULT, new PolicySettings(DEFAULT, List.of(), List.of(), List.of(), List.of(), Map.of()));
        }
        return new Policies(Collections.unmodifiableMap(policies), defaultPolicy);
    }


    private static PolicySettings readOne(MappingReader in, String name, Set<String> issuerNames) throws ConfigException {
        List<String> issuers = new ArrayList<>();
        for (ScalarValue issuer : in.scalarList("issuers").orElse(List.of())) {
            if (!issuerNames.contains(issuer.text())) {
                throw issuer.problem("unknown issuer " + Quoted.of(issuer.text())
                        + " (configured issuer names: " + String.join(", ", issuerNames) + ")");
            }
            issuers.add(issuer.text());
        }
        return new PolicySettings(name, List.copyOf(issuers),
                in.strings("audiences", List.of()),
                in.strings("scopes", List.of()),
                in.strings("any_scopes", List.of()),
                claims(in));
    }

    private static Map<String, List<String>> claims(MappingReader in) throws ConfigException {
        LoadContext ctx = in.context();
        YamlNode node = in.node("claims");
        if (node == null) {
            return Map.of();
        }
        if (!(node instanceof YamlNode.Mapping mapping)) {
            throw ctx.problem(in.child("claims"), "expected a mapping of claim name to accepted values, found "
                    + YamlNode.describe(node));
        }
        Map<String, List<String>> claims = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> entry : mapping.entries().entrySet()) {
            String path = in.child("claims") + "." + entry.getKey();
            List<ScalarValue> values = MappingReader.scalarList(ctx, path, entry.getValue()).orElse(List.of());
            if (values.isEmpty()) {
                throw ctx.problem(path, "must list at least one accepted value");
            }
            claims.put(entry.getKey(), values.stream().map(ScalarValue::text).toList());
        }
        return Collections.unmodifiableMap(claims);
    }
}
