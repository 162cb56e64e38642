package io.tokencheck.config;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads an issuer's {@code hmac_secrets}: kids and base64url secrets, inline or from an environment variable. */
final class HmacSecretReader {

    private static final List<String> KEYS = List.of("kid", "secret", "secret_env");
    private static final int MIN_SECRET_BYTES = 32;

    private HmacSecretReader() {
    }

    /** The secrets of the issuer read by {@code in}; {@code node} is its hmac_secrets value. */
    static List<KeySourceSettings.HmacSecret> read(MappingReader in, YamlNode node) throws ConfigException {
        LoadContext ctx = in.context();
        String path = in.child("hmac_secrets");
        if (!(node instanceof YamlNode.Sequence sequence)) {
            throw ctx.problem(path, "expected a list of secrets (each one starting with '- '), found " + YamlNode.describe(node));
        }
        if (sequence.items().isEmpty()) {
            throw ctx.problem(path, "must list at least one secret");
        }
        List<KeySourceSettings.HmacSecret> secrets = new ArrayList<>();
        Map<String, String> pathByKid = new LinkedHashMap<>();
        for (int i = 0; i < sequence.items().size(); i++) {
            String itemPath = path + "[" + i + "]";
            YamlNode item = sequence.items().get(i);
            if (!(item instanceof YamlNode.Mapping)) {
                throw ctx.problem(itemPath, "expected a mapping with kid and secret or secret_env, found " + YamlNode.describe(item));
            }
            MappingReader entry = new MappingReader(ctx, itemPath, item, KEYS);
            String kid = entry.string("kid", null);
            if (kid == null && sequence.items().size() > 1) {
                throw ctx.problem(entry.child("kid"), "missing (required when there is more than one secret)");
            }
            if (kid != null) {
                String seen = pathByKid.putIfAbsent(kid, itemPath);
                if (seen != null) {
                    throw ctx.problem(entry.child("kid"), "duplicate kid " + Quoted.of(kid) + " (also used by " + seen + ")");
                }
            }
            secrets.add(new KeySourceSettings.HmacSecret(kid, secretBytes(entry)));
        }
        return Collections.unmodifiableList(secrets);
    }

    /** The decoded secret; messages never contain the secret's text. */
    private static byte[] secretBytes(MappingReader entry) throws ConfigException {
        LoadContext ctx = entry.context();
        Optional<ScalarValue> inline = entry.scalar("secret");
        Optional<ScalarValue> envName = entry.scalar("secret_env");
        if (inline.isPresent() == envName.isPresent()) {
            throw ctx.problem(entry.path(), inline.isPresent()
                    ? "both secret and secret_env are set; set exactly one"
                    : "no secret (set exactly one of secret or secret_env)");
        }
        ScalarValue secret;
        if (inline.isPresent()) {
            secret = inline.get();
        } else {
            String variable = envName.get().text();
            String value = ctx.env().get(variable);
            if (value == null || value.isEmpty()) {
                throw envName.get().problem("environment variable " + variable + " is not set");
            }
            secret = new ScalarValue(entry.child("secret"), value, "environment variable " + variable);
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(secret.text());
        } catch (IllegalArgumentException e) {
            throw secret.problem("not valid base64url (use A-Z a-z 0-9 - _, padding optional)");
        }
        if (bytes.length < MIN_SECRET_BYTES) {
            throw secret.problem("secret is " + bytes.length + " bytes; at least " + MIN_SECRET_BYTES + " are required");
        }
        return bytes;
    }
}
