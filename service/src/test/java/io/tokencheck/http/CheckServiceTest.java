package io.tokencheck.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokencheck.keys.JwsAlgorithm;
import io.tokencheck.testing.ServiceFixture;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckServiceTest {
    private static ServiceFixture service;

    @BeforeAll
    static void start() {
        service = ServiceFixture.start();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    @Test
    void validTokenIsAllowedWithIdentityHeaders() {
        String token = service.kit().token().scope("read write").claim("tenant", "acme").sign();
        HttpResponse<String> r = service.check("/check", token);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        assertThat(header(r, "X-Auth-Subject")).isEqualTo("user-1001");
        assertThat(header(r, "X-Auth-Issuer")).isEqualTo(service.kit().issuer());
        assertThat(header(r, "X-Auth-Scopes")).isEqualTo("read write");
        assertThat(header(r, "X-Auth-Client-Id")).isEqualTo("demo-client");
        assertThat(header(r, "X-Auth-Tenant")).isEqualTo("acme");
        assertThat(header(r, "WWW-Authenticate")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"})
    void everyMethodIsChecked(String method) {
        assertThat(service.request(method, "/check", null, "Authorization", "Bearer " + service.validToken()).statusCode())
                .isEqualTo(200);
        assertThat(service.request(method, "/check", null).statusCode()).isEqualTo(401);
    }

    @Test
    void everyAlgorithmFamilyIsAllowedEndToEnd() {
        for (JwsAlgorithm alg : new JwsAlgorithm[] {JwsAlgorithm.RS256, JwsAlgorithm.PS256, JwsAlgorithm.ES256,
                JwsAlgorithm.ES384, JwsAlgorithm.ES512, JwsAlgorithm.EdDSA}) {
            assertThat(service.check("/check", service.kit().token().alg(alg).sign()).statusCode()).as(alg.name()).isEqualTo(200);
        }
    }

    @Test
    void noTokenIs401WithChallengeWithoutErrorCode() {
        HttpResponse<String> r = service.get("/check");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(header(r, "WWW-Authenticate")).isEqualTo("Bearer realm=\"tokencheck\"");
        assertThat(header(r, "X-Auth-Deny-Reason")).isEqualTo("token_missing");
    }

    @Test
    void expiredTokenIs401InvalidTokenWithDescription() {
        String token = service.kit().token().expiresIn(Duration.ofMinutes(-10)).claim("iat", 1L).claim("nbf", 1L).sign();
        HttpResponse<String> r = service.check("/check", token);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(header(r, "WWW-Authenticate"))
                .isEqualTo("Bearer realm=\"tokencheck\", error=\"invalid_token\", error_description=\"token has expired\"");
        assertThat(header(r, "X-Auth-Deny-Reason")).isEqualTo("token_expired");
        assertThat(header(r, "X-Auth-Subject")).isNull();
    }

    @Test
    void missingScopeIs403InsufficientScopeNamingTheScope() {
        HttpResponse<String> r = service.check("/check/admin", service.validToken());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(header(r, "WWW-Authenticate")).contains("error=\"insufficient_scope\"").endsWith("scope=\"admin\"");
        assertThat(header(r, "X-Auth-Deny-Reason")).isEqualTo("scope_insufficient");
    }

    @Test
    void policyIsSelectedByPath() {
        String admin = service.kit().token().scope("read admin").sign();
        assertThat(service.check("/check/admin", admin).statusCode()).isEqualTo(200);
        assertThat(service.check("/check/default", service.validToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void unknownPolicyIsDeniedAsInvalidRequest() {
        HttpResponse<String> r = service.check("/check/no-such-policy", service.validToken());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(header(r, "WWW-Authenticate")).contains("error=\"invalid_request\"");
        assertThat(header(r, "X-Auth-Deny-Reason")).isEqualTo("policy_not_found");
    }

    @Test
    void badSignatureIs401SignatureInvalid() {
        String token = service.validToken();
        int dot = token.lastIndexOf('.');
        char c = token.charAt(dot + 5);
        String tampered = token.substring(0, dot + 5) + (c == 'A' ? 'B' : 'A') + token.substring(dot + 6);
        HttpResponse<String> r = service.check("/check", tampered);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(header(r, "X-Auth-Deny-Reason")).isEqualTo("signature_invalid");
    }

    @Test
    void otherSchemeAndEmptyBearerAreInvalidRequest() {
        for (String auth : new String[] {"Basic dXNlcjpwYXNz", "Bearer", "Bearer    "}) {
            HttpResponse<String> r = service.get("/check", "Authorization", auth);
            assertThat(r.statusCode()).as(auth).isEqualTo(401);
            assertThat(header(r, "X-Auth-Deny-Reason")).as(auth).isEqualTo("request_invalid");
            assertThat(header(r, "WWW-Authenticate")).as(auth).contains("error=\"invalid_request\"");
        }
    }

    @Test
    void twoAuthorizationHeadersAreInvalidRequest() {
        String t = service.validToken();
        HttpResponse<String> r = service.get("/check", "Authorization", "Bearer " + t, "Authorization", "Bearer " + t);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(header(r, "X-Auth-Deny-Reason")).isEqualTo("request_invalid");
    }

    @Test
    void subjectWithControlCharactersIsNotCopiedIntoAHeader() {
        String token = service.kit().token().claim("sub", "evil\r\nX-Injected: yes").sign();
        HttpResponse<String> r = service.check("/check", token);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(header(r, "X-Auth-Subject")).isNull();
        assertThat(header(r, "X-Injected")).isNull();
    }

    @Test
    void garbageTokenIs401TokenMalformedNever5xx() {
        for (String t : new String[] {"a.b.c", "....", "eyJ.eyJ.", "x".repeat(9000)}) {
            HttpResponse<String> r = service.check("/check", t);
            assertThat(r.statusCode()).as(t.length() > 20 ? "long" : t).isEqualTo(401);
        }
    }

    @Test
    void newKeyPublishedLaterIsPickedUpAndRemovedKeyStopsBeingAccepted() throws Exception {
        try (ServiceFixture own = ServiceFixture.start()) {
            String old = own.kit().token().sign();
            assertThat(own.check("/check", old).statusCode()).isEqualTo(200);

            own.kit().addRsa("rsa-2", JwsAlgorithm.RS256, 2048);
            own.jwks().publish(own.kit());
            String fresh = own.kit().token().kid("rsa-2").sign();
            assertThat(own.check("/check", fresh).statusCode()).as("new kid after rotation").isEqualTo(200);

            own.kit().unpublish("rsa-1");
            own.jwks().publish(own.kit());
            Thread.sleep(150); // past unknown_kid_min_interval, so that the next unknown kid may refetch
            HttpResponse<String> probe = own.check("/check", own.kit().token().kid("never-published").signWith("rsa-2").sign());
            assertThat(header(probe, "X-Auth-Deny-Reason")).isEqualTo("key_not_found");
            HttpResponse<String> r = own.check("/check", old);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(header(r, "X-Auth-Deny-Reason")).isEqualTo("key_not_found");
            assertThat(own.check("/check", fresh).statusCode()).isEqualTo(200);
        }
    }
}
