package io.tokencheck.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Proves the fixture: the provider starts, issues real tokens, and those verify against its own JWKS. */
class OidcProviderProcessTest {
    private static OidcProviderProcess provider;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startProvider() {
        provider = OidcProviderProcess.start();
    }

    @AfterAll
    static void stopProvider() {
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void issuerIsLoopbackHttpAndDiscoveryNamesItsEndpoints() {
        assertThat(provider.issuer()).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(provider.tokenEndpoint().toString()).startsWith(provider.issuer() + "/");
        assertThat(provider.jwksUri().toString()).startsWith(provider.issuer() + "/");
    }

    @Test
    void ordersClientTokenIsEs256AtJwtThatVerifiesAgainstTheProviderJwks() throws Exception {
        String token = provider.clientCredentialsToken(OidcProviderProcess.ORDERS_CLIENT, "orders:read orders:write");

        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getType()).isEqualTo(new JOSEObjectType("at+jwt"));
        assertThat(jwt.getHeader().getKeyID()).isNotBlank();

        JWTClaimsSet claims = verify(token, JWSAlgorithm.ES256);
        assertThat(claims.getIssuer()).isEqualTo(provider.issuer());
        assertThat(claims.getSubject()).isEqualTo("orders-client");
        assertThat(claims.getStringClaim("client_id")).isEqualTo("orders-client");
        assertThat(claims.getAudience()).containsExactly("api://orders");
        assertThat(claims.getStringClaim("scope").split(" ")).containsExactlyInAnyOrder("orders:read", "orders:write");
        assertThat(claims.getExpirationTime()).isAfter(claims.getIssueTime());
    }

    @Test
    void reportsClientTokenIsRs256ForItsOwnResource() throws Exception {
        String token = provider.clientCredentialsToken(OidcProviderProcess.REPORTS_CLIENT, "reports:read");

        assertThat(SignedJWT.parse(token).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        JWTClaimsSet claims = verify(token, JWSAlgorithm.RS256);
        assertThat(claims.getSubject()).isEqualTo("reports-client");
        assertThat(claims.getAudience()).containsExactly("api://reports");
        assertThat(claims.getStringClaim("scope")).isEqualTo("reports:read");
    }

    @Test
    void tokenCarriesOnlyTheScopesAskedFor() throws Exception {
        String token = provider.clientCredentialsToken(OidcProviderProcess.ORDERS_CLIENT, "orders:read");

        assertThat(verify(token, JWSAlgorithm.ES256).getStringClaim("scope")).isEqualTo("orders:read");
    }

    @Test
    void scopeTheClientIsNotAllowedIsRefusedByTheProvider() {
        assertThatThrownBy(() -> provider.clientCredentialsToken(OidcProviderProcess.ORDERS_CLIENT, "reports:read"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("invalid_scope");
    }

    @Test
    void wrongSecretIsRefusedByTheProvider() {
        assertThatThrownBy(() -> provider.clientCredentialsToken("orders-client", "not-the-secret", "orders:read", null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("invalid_client");
    }

    @Test
    void closeStopsTheProvider() {
        OidcProviderProcess second = OidcProviderProcess.start();
        HttpRequest discovery = HttpRequest.newBuilder(second.jwksUri()).timeout(Duration.ofSeconds(5)).build();
        second.close();

        assertThatThrownBy(() -> HTTP.send(discovery, HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(IOException.class);
    }

    /** Verifies signature, typ and expiry with Nimbus against the JWKS the provider publishes. */
    private static JWTClaimsSet verify(String token, JWSAlgorithm alg) throws Exception {
        HttpResponse<String> jwks = HTTP.send(HttpRequest.newBuilder(provider.jwksUri()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(jwks.statusCode()).isEqualTo(200);
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(Set.of(new JOSEObjectType("at+jwt"))));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(alg, new ImmutableJWKSet<>(JWKSet.parse(jwks.body()))));
        return processor.process(token, null);
    }
}
