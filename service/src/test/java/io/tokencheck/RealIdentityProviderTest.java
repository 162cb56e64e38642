package io.tokencheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.tokencheck.config.ConfigLoader;
import io.tokencheck.config.TokencheckConfig;
import io.tokencheck.testing.OidcProviderProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end against a real OpenID provider: tokencheck, configured with nothing but the provider's issuer URL
 * (keys found by discovery), judges real client-credentials access tokens on /check and /v1/verify.
 */
class RealIdentityProviderTest {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path configDir;

    private static OidcProviderProcess provider;
    private static TokencheckServer server;
    /** ES256, scopes orders:read orders:write, aud api://orders. */
    private static String ordersReadWrite;
    /** ES256, scope orders:read only, aud api://orders. */
    private static String ordersReadOnly;
    /** RS256, scope reports:read, aud api://reports. */
    private static String reportsRead;

    @BeforeAll
    static void startProviderAndTokencheck() throws Exception {
        provider = OidcProviderProcess.start();
        Path yaml = configDir.resolve("tokencheck.yaml");
        Files.writeString(yaml, """
                server: { host: 127.0.0.1, port: 0 }
                issuers:
                  - name: local-idp
                    issuer: %s
                    discovery: true
                    audiences: [api://orders, api://reports]
                policies:
                  default: {}
                  orders-write: { scopes: [orders:write] }
                  reports: { scopes: [reports:read] }
                  billing: { audiences: [api://billing] }
                """.formatted(provider.issuer()));
        TokencheckConfig config = ConfigLoader.load(yaml);
        server = TokencheckServer.start(config);
        awaitReady();

        ordersReadWrite = provider.clientCredentialsToken(OidcProviderProcess.ORDERS_CLIENT, "orders:read orders:write");
        ordersReadOnly = provider.clientCredentialsToken(OidcProviderProcess.ORDERS_CLIENT, "orders:read");
        reportsRead = provider.clientCredentialsToken(OidcProviderProcess.REPORTS_CLIENT, "reports:read");
    }

    @AfterAll
    static void stopAll() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (provider != null) {
                provider.close();
            }
        }
    }

    @Test
    void checkAllowsRealTokenAndForwardsItsIdentity() throws Exception {
        HttpResponse<String> response = check("/check", ordersReadWrite);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "X-Auth-Subject")).isEqualTo("orders-client");
        assertThat(header(response, "X-Auth-Issuer")).isEqualTo(provider.issuer());
        assertThat(header(response, "X-Auth-Client-Id")).isEqualTo("orders-client");
        assertThat(scopesIn(header(response, "X-Auth-Scopes"))).contains("orders:read", "orders:write");
    }

    @Test
    void verifyAllowsRealTokenAndReturnsItsClaims() throws Exception {
        HttpResponse<String> response = verify(ordersReadWrite, null);

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> json = JSONObjectUtils.parse(response.body());
        assertThat(json).containsEntry("allow", true)
                .containsEntry("sub", "orders-client")
                .containsEntry("iss", provider.issuer())
                .containsEntry("client_id", "orders-client");
        assertThat(scopesIn((String) json.get("scope"))).contains("orders:read", "orders:write");
    }

    @Test
    void verifyDeniesRealTokenForPolicyWhoseScopeItLacks() throws Exception {
        Map<String, Object> json = JSONObjectUtils.parse(verify(ordersReadWrite, "reports").body());

        assertThat(json).containsEntry("allow", false)
                .containsEntry("reason", "scope_insufficient")
                .containsEntry("error", "insufficient_scope");
    }

    @Test
    void checkPolicyAllowsRealTokenThatWasGrantedItsScope() throws Exception {
        assertThat(check("/check/orders-write", ordersReadWrite).statusCode()).isEqualTo(200);
    }

    @Test
    void checkPolicyDeniesRealTokenGrantedLessScopeWithInsufficientScope() throws Exception {
        HttpResponse<String> response = check("/check/orders-write", ordersReadOnly);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(header(response, "WWW-Authenticate"))
                .startsWith("Bearer")
                .contains("error=\"insufficient_scope\"")
                .contains("scope=\"orders:write\"");
    }

    @Test
    void checkDeniesRealTokenForPolicyWhoseAudienceItLacks() throws Exception {
        HttpResponse<String> response = check("/check/billing", ordersReadWrite);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(header(response, "WWW-Authenticate")).contains("error=\"invalid_token\"");
    }

    @Test
    void verifyDeniesRealTokenForPolicyWhoseAudienceItLacksAsAudienceMismatch() throws Exception {
        Map<String, Object> json = JSONObjectUtils.parse(verify(ordersReadWrite, "billing").body());

        assertThat(json).containsEntry("allow", false)
                .containsEntry("reason", "audience_mismatch")
                .containsEntry("error", "invalid_token");
    }

    @Test
    void rs256TokenFromTheSameIssuerIsAllowedByItsKeyFromDiscovery() throws Exception {
        HttpResponse<String> response = check("/check/reports", reportsRead);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "X-Auth-Client-Id")).isEqualTo("reports-client");
        assertThat(scopesIn(header(response, "X-Auth-Scopes"))).contains("reports:read");
    }

    @Test
    void tamperedRealTokenIsInvalidTokenOnCheck() throws Exception {
        HttpResponse<String> response = check("/check", tamperSignature(ordersReadWrite));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(header(response, "WWW-Authenticate")).contains("error=\"invalid_token\"");
    }

    @Test
    void tamperedRealTokenIsSignatureInvalidOnVerify() throws Exception {
        Map<String, Object> json = JSONObjectUtils.parse(verify(tamperSignature(ordersReadWrite), null).body());

        assertThat(json).containsEntry("allow", false)
                .containsEntry("reason", "signature_invalid")
                .containsEntry("error", "invalid_token");
    }

    @Test
    void missingAuthorizationIsChallengeWithoutErrorCode() throws Exception {
        HttpResponse<String> response = check("/check", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(header(response, "WWW-Authenticate")).startsWith("Bearer").doesNotContain("error=");
    }

    /** Changes one character in the middle of the signature, so real signature bits change (not padding bits). */
    private static String tamperSignature(String token) {
        int signatureStart = token.lastIndexOf('.') + 1;
        int at = signatureStart + (token.length() - signatureStart) / 2;
        char replacement = token.charAt(at) == 'A' ? 'B' : 'A';
        return token.substring(0, at) + replacement + token.substring(at + 1);
    }

    private static HttpResponse<String> check(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> verify(String token, String policy) throws IOException, InterruptedException {
        // Tokens and policy names here are base64url/ASCII: nothing to escape.
        String body = policy == null
                ? "{\"token\":\"" + token + "\"}"
                : "{\"token\":\"" + token + "\",\"policy\":\"" + policy + "\"}";
        HttpRequest request = HttpRequest.newBuilder(uri("/v1/verify"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** Scopes from a header or claim, whether space- or comma-separated. */
    private static List<String> scopesIn(String value) {
        assertThat(value).as("scopes").isNotNull();
        return Arrays.stream(value.split("[ ,]+")).filter(s -> !s.isEmpty()).toList();
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    /** Polls /health/ready: the service may still be fetching the provider's discovery document and keys. */
    private static void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        int lastStatus = -1;
        while (System.nanoTime() < deadline) {
            try {
                HttpRequest request = HttpRequest.newBuilder(uri("/health/ready")).timeout(Duration.ofSeconds(2)).GET().build();
                lastStatus = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (lastStatus == 200) {
                    return;
                }
            } catch (IOException e) {
                lastStatus = -1;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("tokencheck was not ready within " + READY_TIMEOUT.toSeconds()
                + " s (last /health/ready status " + lastStatus + ")");
    }
}
