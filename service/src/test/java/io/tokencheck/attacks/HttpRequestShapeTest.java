package io.tokencheck.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokencheck.extract.BearerExtractor;
import io.tokencheck.extract.BearerToken;
import io.tokencheck.testing.ServiceFixture;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How the token arrives (RFC 6750 section 2 and 3.1): one Authorization header with the Bearer scheme and a token68,
 * or a deny. Ambiguous requests (two credentials, two methods) are request_invalid, never a 5xx, never an allow.
 */
class HttpRequestShapeTest {
    private static ServiceFixture service;

    @BeforeAll
    static void start() {
        service = ServiceFixture.start();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static void assertDeny(HttpResponse<String> r, int status, String reason) {
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.headers().firstValue("X-Auth-Deny-Reason")).hasValue(reason);
        assertThat(r.headers().firstValue("X-Auth-Subject")).isEmpty();
    }

    @Test
    void theGenuineTokenIsAllowed() {
        assertThat(service.check("/check", service.validToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void rfc6750_twoAuthorizationHeadersAreRequestInvalidEvenIfBothAreGenuine() {
        String t = service.validToken();
        assertDeny(service.get("/check", "Authorization", "Bearer " + t, "Authorization", "Bearer " + t), 401, "request_invalid");
        assertDeny(service.get("/check", "Authorization", "Bearer " + t, "Authorization", "Basic dXNlcjpwYXNz"), 401, "request_invalid");
    }

    @Test
    void twoCredentialsInOneHeaderAreRequestInvalid() {
        String t = service.validToken();
        assertDeny(service.get("/check", "Authorization", "Bearer " + t + ", Bearer " + t), 401, "request_invalid");
        assertDeny(service.get("/check", "Authorization", "Bearer " + t + " " + t), 401, "request_invalid");
    }

    @Test
    void rfc6750_extractorRefusesATokenInBothTheHeaderAndTheQuery() {
        BearerExtractor x = new BearerExtractor();
        String t = service.validToken();
        assertThat(x.extract(List.of("Bearer " + t), List.of(t))).isInstanceOf(BearerToken.Invalid.class);
        assertThat(x.extract(List.of("Bearer " + t), List.of(""))).isInstanceOf(BearerToken.Invalid.class);
        assertThat(x.extract(List.of(), List.of(t))).isInstanceOf(BearerToken.Missing.class);
        assertThat(x.extract(List.of("Bearer " + t), List.of())).isInstanceOf(BearerToken.Found.class);
    }

    @Test
    void rfc6750_tokenInBothTheHeaderAndTheQueryIsRequestInvalid() {
        // RFC 6750 section 2: a client MUST NOT use more than one method. An upstream reading the query would see a
        // token that was never checked.
        String t = service.validToken();
        String forged = t.substring(0, t.lastIndexOf('.') + 1) + "AAAA";
        assertDeny(service.get("/check?access_token=" + forged, "Authorization", "Bearer " + t), 401, "request_invalid");
        assertDeny(service.get("/check?access_token=" + t, "Authorization", "Bearer " + t), 401, "request_invalid");
    }

    @Test
    void tokenOnlyInTheQueryIsTokenMissing() {
        // The query method (RFC 6750 2.3) is not supported: a token there is not looked at.
        assertDeny(service.get("/check?access_token=" + service.validToken()), 401, "token_missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer", "Bearer ", "Bearer    ", "bearer", "BEARER \t"})
    void bearerWithoutATokenIsRequestInvalid(String value) {
        assertDeny(service.get("/check", "Authorization", value), 401, "request_invalid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic dXNlcjpwYXNz", "Token abc.def.ghi", "Digest username=\"a\"", "Negotiate YII=", "BearerX abc.def.ghi",
            "Bearer\tabc.def.ghi", "JWT abc.def.ghi", "abc.def.ghi", "DPoP abc.def.ghi"})
    void anotherSchemeIsRequestInvalid(String value) {
        assertDeny(service.get("/check", "Authorization", value), 401, "request_invalid");
    }

    @Test
    void tokenWithCharactersOutsideToken68IsRequestInvalid() {
        String t = service.validToken();
        assertDeny(service.get("/check", "Authorization", "Bearer " + t + "\""), 401, "request_invalid");
        assertDeny(service.get("/check", "Authorization", "Bearer " + t.replace('.', ',')), 401, "request_invalid");
    }

    @Test
    void schemeInAnyLetterCaseIsAccepted() {
        assertThat(service.get("/check", "Authorization", "bEaReR " + service.validToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void tokenOverTheLimitInTheHeaderIsTokenTooLarge() {
        assertDeny(service.get("/check", "Authorization", "Bearer " + "a".repeat(8193)), 401, "token_too_large");
    }

    @Test
    void overLongHeadersAreRefusedWithoutA5xxOrAnAllow() throws IOException {
        // Beyond the server's header limit (max_token_bytes + 16 KiB, so 24 KiB here) the request is refused by the
        // HTTP layer (4xx), never answered 200 or 5xx.
        for (int size : new int[] {40_000, 200_000}) {
            int status = service.rawStatus("GET /check HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + "a".repeat(size)
                    + "\r\nConnection: close\r\n\r\n");
            assertThat(status).as("%d-byte header", size).isBetween(400, 499);
            int many = service.rawStatus("GET /check HTTP/1.1\r\nHost: 127.0.0.1\r\n" + "X-Pad: x\r\n".repeat(size / 10)
                    + "Authorization: Bearer " + service.validToken() + "\r\nConnection: close\r\n\r\n");
            assertThat(many).as("%d bytes of other headers", size).isNotEqualTo(200).isLessThan(500);
        }
    }

    @Test
    void tokensUpToAConfiguredMaxTokenBytesBeyondSixteenKibAreJudgedNotRefusedByTheHttpLayer() {
        String yaml = ServiceFixture.DEFAULT_YAML.replace("server: { host: 127.0.0.1, port: 0 }",
                "server: { host: 127.0.0.1, port: 0 }\nlimits: { max_token_bytes: 32768 }");
        try (ServiceFixture big = ServiceFixture.start(yaml, true)) {
            String large = big.kit().token().claim("pad", "x".repeat(15_000)).sign();
            assertThat(large.length()).isBetween(20_000, 32_768);
            HttpResponse<String> allowed = big.check("/check", large);
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(allowed.headers().firstValue("X-Auth-Subject")).hasValue("user-1001");

            String tooLarge = big.kit().token().claim("pad", "x".repeat(26_000)).sign();
            assertThat(tooLarge.length()).isGreaterThan(32_768);
            assertDeny(big.get("/check", "Authorization", "Bearer " + tooLarge), 401, "token_too_large");
        }
    }

    @Test
    void postBodyTokenIsNotLookedAt() {
        // RFC 6750 2.2 form-encoded body tokens are not supported on /check.
        HttpResponse<String> r = service.request("POST", "/check", "access_token=" + service.validToken(),
                "Content-Type", "application/x-www-form-urlencoded");
        assertDeny(r, 401, "token_missing");
    }

}
