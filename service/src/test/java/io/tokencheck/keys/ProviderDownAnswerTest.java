package io.tokencheck.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.WebServer;
import io.tokencheck.Tokencheck;
import io.tokencheck.config.JwksSettings;
import io.tokencheck.http.CheckService;
import io.tokencheck.issuerkit.IssuerKit;
import io.tokencheck.testing.ServiceFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What gateways see while the identity provider is down: jwks_unavailable is answered with its own status (503 by
 * default) and Retry-After, while every token that is bad on its own is still a 401/403, never a 5xx. The issuer's
 * JWKS URL points at a closed loopback port, so the provider is down from the start.
 */
class ProviderDownAnswerTest {
    private static final String DOWN_YAML = """
            server: { host: 127.0.0.1, port: 0 }
            jwks: { request_wait: 200ms, retry_interval: 1h }
            issuers:
              - name: test
                issuer: ${ISSUER}
                jwks_uri: http://127.0.0.1:1/jwks.json
                audiences: [api://default]
            policies:
              default: {}
            """;
    private static ServiceFixture service;

    @BeforeAll
    static void start() {
        service = ServiceFixture.start(DOWN_YAML, false);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    @Test
    void validTokenWhileTheProviderIsDownGets503WithRetryAfter() {
        HttpResponse<String> r = service.check("/check", service.validToken());

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(header(r, "Retry-After")).isEqualTo("30");
        assertThat(header(r, "X-Auth-Deny-Reason")).isEqualTo("jwks_unavailable");
        assertThat(header(r, "Cache-Control")).isEqualTo("no-store");
        assertThat(header(r, "X-Auth-Subject")).isNull();
        assertThat(service.get("/health/ready").statusCode()).isEqualTo(503);
    }

    @Test
    void badTokensWhileTheProviderIsDownAreStill401NotAServerError() {
        IssuerKit stranger = IssuerKit.generate("https://not-configured.test");
        assertThat(service.check("/check", "not-a-jwt").statusCode()).isEqualTo(401);
        assertThat(service.get("/check").statusCode()).isEqualTo(401);
        assertThat(service.check("/check", service.kit().token().rawHeader("{\"alg\":\"none\"}").sign()).statusCode())
                .isEqualTo(401);
        HttpResponse<String> foreign = service.check("/check", stranger.token().sign());
        assertThat(foreign.statusCode()).isEqualTo(401);
        assertThat(header(foreign, "X-Auth-Deny-Reason")).isEqualTo("issuer_not_trusted");
        assertThat(header(foreign, "Retry-After")).isNull();
    }

    @Test
    void verifyEndpointReportsTheOutageAsADenyWithItsReason() {
        HttpResponse<String> r = service.postJson("/v1/verify", "{\"token\":\"" + service.validToken() + "\"}");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"allow\":false").contains("\"reason\":\"jwks_unavailable\"");
    }

    @Test
    void configuredStatusAndRetryAfterAreUsed() throws Exception {
        JwksSettings base = service.server().core().config().jwks();
        JwksSettings custom = new JwksSettings(base.defaultTtl(), base.minTtl(), base.maxTtl(), base.maxStaleness(),
                base.unknownKidMinInterval(), base.connectTimeout(), base.readTimeout(), base.maxResponseBytes(),
                base.requestWait(), base.retryInterval(), base.maxRetryInterval(), 500, Duration.ofMillis(1500),
                false, null);
        Tokencheck core = service.server().core();
        WebServer web = WebServer.builder().host("127.0.0.1").port(0).shutdownHook(false)
                .routing(r -> r.register(new CheckService(core.checker(), custom))).build().start();
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/check"))
                    .header("Authorization", "Bearer " + service.validToken()).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(header(r, "Retry-After")).as("whole seconds, rounded up").isEqualTo("2");
            assertThat(header(r, "X-Auth-Deny-Reason")).isEqualTo("jwks_unavailable");
        } finally {
            web.stop();
        }
    }
}
