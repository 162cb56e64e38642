package io.tokencheck.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokencheck.config.ConfigException;
import io.tokencheck.config.ConfigLoader;
import io.tokencheck.config.ServerSettings;
import io.tokencheck.config.TokencheckConfig;
import io.tokencheck.testing.ServiceFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** server.grpc_port: off unless set, settable from the environment, never the HTTP port. */
class GrpcPortSettingTest {
    @TempDir
    Path dir;

    /** Loads a minimal config (one issuer, a default policy) with this server: section, as written to DIR/tokencheck.yaml. */
    static TokencheckConfig minimalConfig(Path dir, String server, Map<String, String> env) throws Exception {
        Path file = dir.resolve("tokencheck.yaml");
        Files.writeString(file, server + """
                issuers:
                  - issuer: https://idp.example.com
                    jwks_uri: https://idp.example.com/jwks.json
                    audiences: [api://default]
                policies:
                  default: {}
                """);
        return ConfigLoader.load(file, env);
    }

    private ServerSettings load(String server, Map<String, String> env) throws Exception {
        return minimalConfig(dir, server, env).server();
    }

    @Test
    void withoutGrpcPortThereIsNoGrpcListener() throws Exception {
        assertThat(load("server: { port: 8080 }\n", Map.of()).grpcPort()).isEmpty();
        try (ServiceFixture plain = ServiceFixture.start()) {
            assertThat(plain.server().grpcPort()).isEmpty();
        }
    }

    @Test
    void grpcPortComesFromTheFileOrTheEnvironment() throws Exception {
        assertThat(load("server: { port: 8080, grpc_port: 9090 }\n", Map.of()).grpcPort()).isEqualTo(OptionalInt.of(9090));
        assertThat(load("server: { port: 8080 }\n", Map.of("TOKENCHECK_SERVER_GRPC_PORT", "9191")).grpcPort())
                .isEqualTo(OptionalInt.of(9191));
    }

    @Test
    void aGrpcPortEqualToTheHttpPortOrNotAPortIsRefusedInOneLine() {
        assertThatThrownBy(() -> load("server: { port: 8080, grpc_port: 8080 }\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("tokencheck.yaml: server.grpc_port: must differ from server.port (8080)");
        assertThatThrownBy(() -> load("server: { port: 8080 }\n", Map.of("TOKENCHECK_SERVER_GRPC_PORT", "abc")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("environment variable TOKENCHECK_SERVER_GRPC_PORT: server.grpc_port: expected an integer, found \"abc\"");
        assertThatThrownBy(() -> load("server: { port: 8080, grpc_port: 70000 }\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("server.grpc_port: must be between 0 and 65535");
    }
}
