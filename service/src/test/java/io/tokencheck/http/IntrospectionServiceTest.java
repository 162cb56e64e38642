package io.tokencheck.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokencheck.testing.ServiceFixture;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST /introspect (RFC 7662): Basic client authentication, active answers with claims, inactive without a reason. */
class IntrospectionServiceTest {
    private static final String SECRET = "s3cret-for-the-gateway-0123";
    private static ServiceFixture tokencheck;

    @BeforeAll
    static void start() {
        tokencheck = ServiceFixture.start(ServiceFixture.DEFAULT_YAML + """
                introspection:
                  clients:
                    - id: gateway
                      secret: %s
                """.formatted(SECRET), true);
    }

    @AfterAll
    static void stop() {
        tokencheck.close();
    }

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> introspect(String body, String authorization) {
        return tokencheck.request("POST", "/introspect", body, "Content-Type", "application/x-www-form-urlencoded",
                "Authorization", authorization);
    }

    @Test
    void withoutCredentialsTheAnswerIs401WithABasicChallenge() {
        HttpResponse<String> r = tokencheck.request("POST", "/introspect", "token=" + tokencheck.validToken(),
                "Content-Type", "application/x-www-form-urlencoded");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"tokencheck\"");
        assertThat(r.body()).doesNotContain("active");
    }

    @Test
    void aWrongSecretOrUnknownClientOrBearerSchemeIs401() {
        String body = "token=" + tokencheck.validToken();
        assertThat(introspect(body, basic("gateway", SECRET + "x")).statusCode()).isEqualTo(401);
        assertThat(introspect(body, basic("gateway", SECRET.substring(1))).statusCode()).isEqualTo(401);
        assertThat(introspect(body, basic("other", SECRET)).statusCode()).isEqualTo(401);
        assertThat(introspect(body, "Bearer " + tokencheck.validToken()).statusCode()).isEqualTo(401);
        assertThat(introspect(body, "Basic %%%").statusCode()).isEqualTo(401);
    }

    @Test
    void aValidTokenIsActiveWithItsClaims() {
        long notBefore = Instant.now().getEpochSecond() - 60;
        String token = tokencheck.kit().token().scope("read write").claim("client_id", "web-app").claim("jti", "j-1")
                .claim("nbf", notBefore).sign();
        HttpResponse<String> r = introspect("token=" + token + "&token_type_hint=access_token", basic("gateway", SECRET));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(r.body()).startsWith("{\"active\":true,").contains("\"scope\":\"read write\"", "\"client_id\":\"web-app\"",
                "\"sub\":\"user-1001\"", "\"aud\":[\"api://default\"]", "\"iss\":\"" + tokencheck.kit().issuer() + "\"",
                "\"exp\":", "\"iat\":", "\"nbf\":" + notBefore, "\"jti\":\"j-1\"", "\"token_type\":\"Bearer\"");
    }

    @Test
    void expiredOrGarbageTokensAreInactiveWithoutAReason() {
        String expired = tokencheck.kit().token().expiresIn(Duration.ofMinutes(-10)).claim("iat", 1L).claim("nbf", 1L).sign();
        HttpResponse<String> r = introspect("token=" + expired, basic("gateway", SECRET));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"active\":false}");
        assertThat(introspect("token=not-a-jwt", basic("gateway", SECRET)).body()).isEqualTo("{\"active\":false}");
        assertThat(introspect("token=a.b.c", basic("gateway", SECRET)).body()).isEqualTo("{\"active\":false}");
    }

    @Test
    void aMissingOrRepeatedTokenOrAnotherContentTypeIs400() {
        String auth = basic("gateway", SECRET);
        assertThat(introspect("token_type_hint=access_token", auth).statusCode()).isEqualTo(400);
        assertThat(introspect("token=a&token=" + tokencheck.validToken(), auth).statusCode()).isEqualTo(400);
        assertThat(introspect("token=%zz", auth).statusCode()).isEqualTo(400);
        assertThat(tokencheck.request("POST", "/introspect", "{\"token\":\"x\"}", "Content-Type", "application/json",
                "Authorization", auth).statusCode()).isEqualTo(400);
    }

    @Test
    void withoutIntrospectionConfiguredTheEndpointIs404() {
        try (ServiceFixture plain = ServiceFixture.start()) {
            HttpResponse<String> r = plain.request("POST", "/introspect", "token=" + plain.validToken(),
                    "Content-Type", "application/x-www-form-urlencoded", "Authorization", basic("gateway", SECRET));
            assertThat(r.statusCode()).isEqualTo(404);
        }
    }
}
