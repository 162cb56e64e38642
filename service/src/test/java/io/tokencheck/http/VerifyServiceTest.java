package io.tokencheck.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.tokencheck.testing.ServiceFixture;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VerifyServiceTest {
    private static ServiceFixture service;

    @BeforeAll
    static void start() {
        service = ServiceFixture.start();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static Map<String, Object> verify(String body, int expectedStatus) throws Exception {
        HttpResponse<String> r = service.postJson("/v1/verify", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(expectedStatus);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        return JSONObjectUtils.parse(r.body());
    }

    @Test
    void allowCarriesTheIdentity() throws Exception {
        String token = service.kit().token().scope("read write").claim("jti", "id-42").sign();
        Map<String, Object> d = verify("{\"token\":\"" + token + "\"}", 200);
        assertThat(d).containsEntry("allow", true).containsEntry("policy", "default")
                .containsEntry("sub", "user-1001").containsEntry("iss", service.kit().issuer())
                .containsEntry("scope", "read write").containsEntry("client_id", "demo-client").containsEntry("jti", "id-42");
        assertThat(d.get("aud")).isEqualTo(List.of("api://default"));
        assertThat(((Number) d.get("exp")).longValue()).isGreaterThan(System.currentTimeMillis() / 1000);
        assertThat(d).containsKey("iat").doesNotContainKey("reason");
    }

    @Test
    void denyCarriesErrorReasonAndDescription() throws Exception {
        String token = service.kit().token().expiresIn(Duration.ofMinutes(-5)).claim("iat", 1L).claim("nbf", 1L).sign();
        Map<String, Object> d = verify("{\"token\":\"" + token + "\"}", 200);
        assertThat(d).containsEntry("allow", false).containsEntry("error", "invalid_token")
                .containsEntry("reason", "token_expired").containsEntry("description", "token has expired")
                .doesNotContainKey("sub");
    }

    @Test
    void namedPolicyIsApplied() throws Exception {
        Map<String, Object> d = verify("{\"token\":\"" + service.validToken() + "\",\"policy\":\"admin\"}", 200);
        assertThat(d).containsEntry("allow", false).containsEntry("policy", "admin")
                .containsEntry("error", "insufficient_scope").containsEntry("reason", "scope_insufficient")
                .containsEntry("scope", "admin");
    }

    @Test
    void unknownPolicyIsADenyNotAnError() throws Exception {
        Map<String, Object> d = verify("{\"token\":\"" + service.validToken() + "\",\"policy\":\"nope\"}", 200);
        assertThat(d).containsEntry("allow", false).containsEntry("reason", "policy_not_found");
    }

    @Test
    void malformedTokenIsADenyWithTokenMalformed() throws Exception {
        Map<String, Object> d = verify("{\"token\":\"not-a-jwt\"}", 200);
        assertThat(d).containsEntry("allow", false).containsEntry("reason", "token_malformed");
    }

    @Test
    void malformedRequestJsonIs400WithJsonError() throws Exception {
        for (String body : new String[] {"", "null", "{", "[]", "\"x\"", "42", "{\"token\":42}", "{\"policy\":\"x\"}", "{\"token\":\"a\",\"policy\":1}"}) {
            Map<String, Object> e = verify(body, 400);
            assertThat(e).as(body).containsEntry("error", "invalid_request").containsKey("description");
        }
    }

    @Test
    void oversizedBodyIsRefused() throws Exception {
        // A raw request: the server may answer 413 and close before reading the whole body, which an HTTP client
        // reports as a broken pipe instead of the answer.
        String body = "{\"token\":\"" + "a".repeat(70_000) + "\"}";
        int status = service.rawStatus("POST /v1/verify HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
        assertThat(status).isIn(400, 413);
    }
}
