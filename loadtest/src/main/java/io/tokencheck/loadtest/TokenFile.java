package io.tokencheck.loadtest;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The token file written by {@code mint} and read by {@code run --tokens} and the k6 scripts: the request sequence
 * (token, kind, expected status), the paths, the public JWKS and a tokencheck configuration that trusts it.
 */
public record TokenFile(String issuer, String checkPath, String baselinePath, long expiresAt, List<Entry> tokens,
                        String jwksJson, String config) {
    /** The value of the "format" field. */
    public static final String FORMAT = "tokencheck-loadtest-tokens/1";

    /** One request of the sequence. */
    public record Entry(TokenKind kind, int expectedStatus, String token) {
    }

    /** The three files mint writes: the token file, the JWKS and the config (whose jwks_file names the JWKS). */
    public record Written(Path tokens, Path jwks, Path config) {
    }

    /** Writes the token file at out, with NAME.jwks.json and NAME.tokencheck.yaml beside it (NAME: out without .json). */
    public static Written write(Path out, String issuer, String alg, Mix mix, long createdAt, long expiresAt,
                                List<Entry> entries, String jwksJson, int port) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        String base = out.getFileName().toString().replaceFirst("\\.json$", "");
        Path jwks = dir.resolve(base + ".jwks.json");
        Path config = dir.resolve(base + ".tokencheck.yaml");
        String configText = LoadtestConfig.fileConfig(issuer, jwks.getFileName().toString(), port);
        Map<String, Object> expected = new LinkedHashMap<>();
        for (TokenKind k : TokenKind.values()) {
            expected.put(k.id(), k.expectedStatus());
        }
        List<Object> list = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", e.kind().id());
            m.put("expected_status", e.expectedStatus());
            m.put("token", e.token());
            list.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("issuer", issuer);
        root.put("audience", LoadtestConfig.AUDIENCE);
        root.put("policy", LoadtestConfig.POLICY);
        root.put("check_path", LoadtestConfig.CHECK_PATH);
        root.put("baseline_path", LoadtestConfig.BASELINE_PATH);
        root.put("alg", alg);
        root.put("mix", mix.toString());
        root.put("created_at", createdAt);
        root.put("expires_at", expiresAt);
        root.put("expected_status", expected);
        root.put("config_file", config.getFileName().toString());
        root.put("jwks_file", jwks.getFileName().toString());
        root.put("tokens", list);
        try {
            root.put("jwks", JSONObjectUtils.parse(jwksJson));
        } catch (ParseException e) {
            throw new IllegalStateException("the kit's JWKS is not JSON", e);
        }
        root.put("config", configText);
        Files.writeString(jwks, jwksJson);
        Files.writeString(config, configText);
        Files.writeString(out, JsonText.write(root));
        return new Written(out, jwks, config);
    }

    /** Reads a token file. */
    public static TokenFile read(Path file) throws IOException {
        Map<String, Object> root;
        try {
            root = JSONObjectUtils.parse(Files.readString(file));
        } catch (ParseException e) {
            throw new IOException(file + ": not JSON: " + e.getMessage());
        }
        if (!FORMAT.equals(root.get("format"))) {
            throw new IOException(file + ": not a token file of format " + FORMAT);
        }
        List<Entry> entries = new ArrayList<>();
        Object tokens = root.get("tokens");
        if (!(tokens instanceof List<?> list) || list.isEmpty()) {
            throw new IOException(file + ": no tokens");
        }
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m) || !(m.get("token") instanceof String t) || !(m.get("kind") instanceof String k)
                    || !(m.get("expected_status") instanceof Number s)) {
                throw new IOException(file + ": a tokens entry lacks token, kind or expected_status");
            }
            entries.add(new Entry(TokenKind.fromId(k), s.intValue(), t));
        }
        Object jwks = root.get("jwks");
        return new TokenFile(String.valueOf(root.get("issuer")), String.valueOf(root.get("check_path")),
                String.valueOf(root.get("baseline_path")), ((Number) root.getOrDefault("expires_at", 0L)).longValue(),
                List.copyOf(entries), jwks instanceof Map<?, ?> j ? JSONObjectUtils.toJSONString(castMap(j)) : null,
                (String) root.get("config"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> castMap(Map<?, ?> m) {
        return (Map<String, ?>) m;
    }
}
