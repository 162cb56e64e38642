package io.tokencheck.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokencheck.config.ConfigException;
import io.tokencheck.config.ConfigLoader;
import io.tokencheck.config.JwksSettings;
import io.tokencheck.config.TokencheckConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key-fetching options of docs/key-fetching.md, read through the real loader: defaults, values, refusals. */
class KeyFetchingOptionsTest {
    private static final String ISSUER_HTTPS = """
            issuers:
              - issuer: https://idp.example.com
                jwks_uri: https://idp.example.com/jwks
                audiences: api://orders
            """;

    @TempDir
    Path dir;

    private TokencheckConfig load(String yaml) throws ConfigException {
        Path file = dir.resolve("tokencheck.yaml");
        try {
            Files.writeString(file, yaml);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return ConfigLoader.load(file, Map.of());
    }

    private void assertRefused(String yaml, String message) {
        assertThatThrownBy(() -> load(yaml)).isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }

    @Test
    void defaultsAreTheDocumentedOnes() throws Exception {
        JwksSettings jwks = load(ISSUER_HTTPS).jwks();

        assertThat(jwks.retryInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(jwks.maxRetryInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(jwks.unavailableStatus()).isEqualTo(503);
        assertThat(jwks.unavailableRetryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(jwks.allowPlainHttp()).isFalse();
        assertThat(jwks.caFile()).isNull();
        assertThat(jwks).as("same as the record's short constructor").isEqualTo(new JwksSettings(jwks.defaultTtl(),
                jwks.minTtl(), jwks.maxTtl(), jwks.maxStaleness(), jwks.unknownKidMinInterval(), jwks.connectTimeout(),
                jwks.readTimeout(), jwks.maxResponseBytes(), jwks.requestWait(), jwks.retryInterval()));
    }

    @Test
    void everyNewOptionIsRead() throws Exception {
        SelfSignedCertificate.create(dir);
        JwksSettings jwks = load("""
                jwks:
                  retry_interval: 2s
                  max_retry_interval: 1m
                  unavailable_status: 500
                  unavailable_retry_after: 5s
                  allow_plain_http: true
                  ca_file: ca.pem
                issuers:
                  - issuer: http://idp.example.com
                    discovery: true
                    audiences: api://orders
                """).jwks();

        assertThat(jwks.retryInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(jwks.maxRetryInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(jwks.unavailableStatus()).isEqualTo(500);
        assertThat(jwks.unavailableRetryAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(jwks.allowPlainHttp()).isTrue();
        assertThat(jwks.caFile()).isEqualTo(dir.resolve("ca.pem"));
    }

    @Test
    void maxRetryIntervalDefaultsToTheRetryIntervalWhenThatIsLonger() throws Exception {
        assertThat(load("jwks: { retry_interval: 10m }\n" + ISSUER_HTTPS).jwks().maxRetryInterval())
                .isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void plainHttpToARemoteHostIsAConfigurationErrorWithoutOptIn() {
        assertRefused("""
                issuers:
                  - issuer: https://idp.example.com
                    jwks_uri: http://idp.example.com/jwks
                    audiences: api://orders
                """, "issuers[0].jwks_uri: plain http to a host that is not loopback");
        assertRefused("""
                issuers:
                  - issuer: http://idp.example.com
                    discovery: true
                    audiences: api://orders
                """, "issuers[0].issuer: plain http");
    }

    @Test
    void plainHttpToLoopbackNeedsNoOptIn() throws Exception {
        assertThat(load("""
                issuers:
                  - issuer: http://127.0.0.1:9000
                    discovery: true
                    audiences: api://orders
                  - issuer: other
                    jwks_uri: http://localhost:9000/jwks
                    audiences: api://orders
                """).issuers()).hasSize(2);
    }

    @Test
    void badValuesAreRefusedWithTheirKey() throws Exception {
        assertRefused("jwks: { unavailable_status: 200 }\n" + ISSUER_HTTPS, "jwks.unavailable_status");
        assertRefused("jwks: { unavailable_status: 600 }\n" + ISSUER_HTTPS, "jwks.unavailable_status");
        assertRefused("jwks: { retry_interval: 1m, max_retry_interval: 30s }\n" + ISSUER_HTTPS,
                "jwks.max_retry_interval: must not be less than jwks.retry_interval");
        assertRefused("jwks: { allow_plain_http: yes }\n" + ISSUER_HTTPS, "jwks.allow_plain_http");
        assertRefused("jwks: { ca_file: absent.pem }\n" + ISSUER_HTTPS, "jwks.ca_file: file not found");
        Files.writeString(dir.resolve("junk.pem"), "not a certificate");
        assertRefused("jwks: { ca_file: junk.pem }\n" + ISSUER_HTTPS, "jwks.ca_file");
    }
}
