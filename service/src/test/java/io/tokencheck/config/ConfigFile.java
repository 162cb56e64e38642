package io.tokencheck.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/** A tokencheck.yaml in a test's temporary folder, loaded through {@link ConfigLoader}. */
final class ConfigFile {

    /** One issuer with the two required options and a JWKS URL: the smallest valid configuration. */
    static final String MINIMAL_ISSUERS = """
            issuers:
              - issuer: https://idp.example.com/realms/corp
                jwks_uri: https://idp.example.com/jwks
                audiences: api://orders
            """;

    final Path path;

    ConfigFile(Path dir) {
        this.path = dir.resolve("tokencheck.yaml");
    }

    ConfigFile write(String yaml) {
        try {
            Files.writeString(path, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    TokencheckConfig load(String yaml) throws ConfigException {
        return load(yaml, Map.of());
    }

    TokencheckConfig load(String yaml, Map<String, String> env) throws ConfigException {
        write(yaml);
        return ConfigLoader.load(path, env);
    }

    /** The message of the ConfigException that loading this YAML must fail with. */
    String error(String yaml) {
        return error(yaml, Map.of());
    }

    String error(String yaml, Map<String, String> env) {
        write(yaml);
        return failure(env);
    }

    /** The message of the ConfigException that loading the file as it is must fail with. */
    String failure(Map<String, String> env) {
        String[] message = new String[1];
        assertThatThrownBy(() -> ConfigLoader.load(path, env))
                .isInstanceOfSatisfying(ConfigException.class, e -> message[0] = e.getMessage());
        return message[0];
    }

    /** The message prefix naming this file. */
    String at(String rest) {
        return path + ": " + rest;
    }

    /** A base64url secret of {@code length} bytes, without padding. */
    static String secret(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 7 + 1);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
