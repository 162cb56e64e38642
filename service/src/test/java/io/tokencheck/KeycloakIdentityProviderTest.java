package io.tokencheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.tokencheck.testing.KeycloakProcess;
import io.tokencheck.testing.ServiceFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end against a real Keycloak: tokencheck, configured with nothing but the realm's issuer URL (keys found by
 * discovery), judges real client-credentials tokens fetched from Keycloak's token endpoint: its default RS256 access
 * tokens, RFC 9068 ES256 {@code at+jwt} access tokens, scopes in an {@code scp} array, and tokens that must be denied.
 * One Keycloak serves the whole class (it takes tens of seconds to start); the pom runs this class once.
 */
class KeycloakIdentityProviderTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String CONFIG = """
            server: { host: 127.0.0.1, port: 0 }
            issuers:
              - name: keycloak
                issuer: %s
                discovery: true
                audiences: [api://tokencheck]%s
            policies:
              default: {}
              orders-write: { scopes: [orders:write] }
              reports-export: { scopes: [reports:export] }
              admin: { scopes: [tokencheck:admin] }
            """;

    private static KeycloakProcess keycloak;
    /** Trusts the realm with the defaults (scope_claims [scope, scp], typ not checked). */
    private static ServiceFixture tokencheck;
    /** Trusts the realm with token_type: at+jwt (RFC 9068 access tokens only). */
    private static ServiceFixture rfc9068Only;
    private static String issuer;
    /** RS256, typ JWT, scope "orders:read orders:write". */
    private static String rs256Token;
    /** ES256, typ at+jwt, scope "orders:read". */
    private static String es256AtJwt;
    /** RS256, scp ["reports:read", "reports:export"], scope "". */
    private static String scpArrayToken;

    @BeforeAll
    static void startKeycloakAndTokencheck() {
        keycloak = KeycloakProcess.start();
        try {
            issuer = keycloak.issuer(KeycloakProcess.REALM);
            tokencheck = ServiceFixture.start(CONFIG.formatted(issuer, ""), true);
            rfc9068Only = ServiceFixture.start(CONFIG.formatted(issuer, "\n    token_type: at+jwt"), true);
            rs256Token = keycloak.accessToken(KeycloakProcess.RS256_CLIENT, "orders:read orders:write");
            es256AtJwt = keycloak.accessToken(KeycloakProcess.ES256_CLIENT, null);
            scpArrayToken = keycloak.accessToken(KeycloakProcess.SCP_CLIENT, null);
        } catch (RuntimeException | Error e) {
            stopAll();
            throw e;
        }
    }

    @AfterAll
    static void stopAll() {
        try {
            closeAll(tokencheck, rfc9068Only);
        } finally {
            tokencheck = null;
            rfc9068Only = null;
            if (keycloak != null) {
                keycloak.close();
                keycloak = null;
            }
        }
    }

    @Test
    void rs256AccessTokenIsAllowedWithTheServiceAccountAsSubjectAndTheClientId() {
        HttpResponse<String> response = tokencheck.check("/check", rs256Token);

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> claims = part(rs256Token, 1);
        // Keycloak's client-credentials sub is the service-account user's id, not the client id.
        assertThat((String) claims.get("sub")).matches("[0-9a-f-]{36}");
        assertThat(header(response, "X-Auth-Subject")).isEqualTo(claims.get("sub"));
        assertThat(header(response, "X-Auth-Client-Id")).isEqualTo("rs256-client");
        assertThat(header(response, "X-Auth-Issuer")).isEqualTo(issuer);
        assertThat(scopesIn(header(response, "X-Auth-Scopes"))).contains("orders:read", "orders:write");
        assertThat(part(rs256Token, 0)).containsEntry("alg", "RS256").containsEntry("typ", "JWT");
    }

    @Test
    void rs256AccessTokenGrantedTheScopePassesThePolicyRequiringIt() {
        assertThat(tokencheck.check("/check/orders-write", rs256Token).statusCode()).isEqualTo(200);
    }

    @Test
    void es256Rfc9068AccessTokenIsAllowed() {
        assertThat(part(es256AtJwt, 0)).containsEntry("alg", "ES256").containsEntry("typ", "at+jwt");

        HttpResponse<String> response = tokencheck.check("/check", es256AtJwt);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "X-Auth-Subject")).isEqualTo(part(es256AtJwt, 1).get("sub"));
        assertThat(header(response, "X-Auth-Client-Id")).isEqualTo("es256-client");
        assertThat(scopesIn(header(response, "X-Auth-Scopes"))).containsExactly("orders:read");
    }

    @Test
    void es256AccessTokenWithoutTheScopeIsInsufficientScopeNamingIt() {
        assertInsufficientScope(tokencheck.check("/check/orders-write", es256AtJwt), "orders:write");
    }

    @Test
    void scopeFoundOnlyInTheScpArrayPassesThePolicyRequiringIt() {
        Map<String, Object> claims = part(scpArrayToken, 1);
        assertThat(claims.get("scp")).isEqualTo(List.of("reports:read", "reports:export"));
        assertThat(claims.get("scope")).isEqualTo("");

        HttpResponse<String> response = tokencheck.check("/check/reports-export", scpArrayToken);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(scopesIn(header(response, "X-Auth-Scopes"))).containsExactlyInAnyOrder("reports:read", "reports:export");
    }

    @Test
    void scpArrayTokenLackingTheRequiredScopeIsInsufficientScope() {
        assertInsufficientScope(tokencheck.check("/check/admin", scpArrayToken), "tokencheck:admin");
        assertThat(verify(tokencheck, scpArrayToken, "admin")).containsEntry("reason", "scope_insufficient");
    }

    @Test
    void accessTokenForAnotherAudienceIsAudienceMismatch() {
        String billing = keycloak.accessToken(KeycloakProcess.BILLING_CLIENT, null);
        assertThat(part(billing, 1)).containsEntry("aud", "api://billing");

        assertInvalidToken(tokencheck, billing, "audience_mismatch");
    }

    @Test
    void flippedSignatureIsInvalidTokenForBothAlgorithms() {
        assertInvalidToken(tokencheck, tamperSignature(rs256Token), "signature_invalid");
        assertInvalidToken(tokencheck, tamperSignature(es256AtJwt), "signature_invalid");
    }

    @Test
    void idTokenOfTheSameRealmIsDeniedForItsAudience() {
        String idToken = keycloak.idToken(KeycloakProcess.RS256_CLIENT);
        // A genuine, validly signed token of the trusted issuer: only its audience (the client) gives it away.
        assertThat(part(idToken, 1)).containsEntry("typ", "ID").containsEntry("aud", "rs256-client");

        assertInvalidToken(tokencheck, idToken, "audience_mismatch");
    }

    @Test
    void accessTokenFromAnotherRealmIsIssuerNotTrusted() {
        String other = keycloak.accessToken(KeycloakProcess.OTHER_REALM_CLIENT, null);
        assertThat(part(other, 1)).containsEntry("iss", keycloak.issuer(KeycloakProcess.OTHER_REALM))
                .containsEntry("aud", "api://tokencheck");

        assertInvalidToken(tokencheck, other, "issuer_not_trusted");
    }

    @Test
    void tokenTypeAtJwtAllowsTheRfc9068TokenAndDeniesKeycloaksDefaultJwtType() {
        assertThat(rfc9068Only.check("/check", es256AtJwt).statusCode()).isEqualTo(200);

        assertInvalidToken(rfc9068Only, rs256Token, "type_mismatch");
    }

    @Test
    void encryptionKeyOfTheRealmIsSkippedAndBothSigningKeysAreLoaded() throws Exception {
        Map<String, Object> jwks = JSONObjectUtils.parse(HTTP.send(
                HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/certs")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
        List<Object> uses = Arrays.stream(JSONObjectUtils.getJSONObjectArray(jwks, "keys")).map(k -> k.get("use")).toList();
        assertThat(uses).containsExactlyInAnyOrder("sig", "sig", "enc");

        String metrics = tokencheck.get("/metrics").body();

        assertThat(metric(metrics, "tokencheck_jwks_keys")).isEqualTo(2.0);
        assertThat(metric(metrics, "tokencheck_jwks_keys_skipped_total")).isGreaterThanOrEqualTo(1.0);
    }

    /** Denied on /check with a 401 invalid_token challenge, and on /v1/verify with this reason. */
    private static void assertInvalidToken(ServiceFixture service, String token, String reason) {
        HttpResponse<String> response = service.check("/check", token);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(header(response, "WWW-Authenticate")).contains("error=\"invalid_token\"");
        assertThat(header(response, "X-Auth-Deny-Reason")).isEqualTo(reason);
        assertThat(verify(service, token, null)).containsEntry("allow", false).containsEntry("reason", reason);
    }

    /** A 403 whose RFC 6750 challenge is insufficient_scope naming the missing scope. */
    private static void assertInsufficientScope(HttpResponse<String> response, String scope) {
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(header(response, "WWW-Authenticate"))
                .contains("error=\"insufficient_scope\"")
                .contains("scope=\"" + scope + "\"");
    }

    private static Map<String, Object> verify(ServiceFixture service, String token, String policy) {
        // Tokens and policy names here are base64url/ASCII: nothing to escape.
        String body = policy == null
                ? "{\"token\":\"" + token + "\"}"
                : "{\"token\":\"" + token + "\",\"policy\":\"" + policy + "\"}";
        return json(service.postJson("/v1/verify", body).body());
    }

    /** The decoded JOSE header (0) or claims (1) of a compact JWS. */
    private static Map<String, Object> part(String token, int index) {
        return json(new Base64URL(token.split("\\.")[index]).decodeToString());
    }

    private static Map<String, Object> json(String text) {
        try {
            return JSONObjectUtils.parse(text);
        } catch (ParseException e) {
            throw new AssertionError("not a JSON object: " + text, e);
        }
    }

    /** Changes one character in the middle of the signature, so real signature bits change (not padding bits). */
    private static String tamperSignature(String token) {
        int signatureStart = token.lastIndexOf('.') + 1;
        int at = signatureStart + (token.length() - signatureStart) / 2;
        char replacement = token.charAt(at) == 'A' ? 'B' : 'A';
        return token.substring(0, at) + replacement + token.substring(at + 1);
    }

    /** The value of the issuer keycloak's sample of this metric. */
    private static double metric(String metrics, String name) {
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + "\\{[^}]*issuer=\"keycloak\"[^}]*\\}\\s+([0-9.eE+-]+)$",
                Pattern.MULTILINE).matcher(metrics);
        assertThat(m.find()).as(name + " for issuer keycloak in /metrics").isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    private static List<String> scopesIn(String value) {
        assertThat(value).as("scopes").isNotNull();
        return Arrays.stream(value.split(" +")).filter(s -> !s.isEmpty()).toList();
    }

    private static void closeAll(AutoCloseable... resources) {
        for (AutoCloseable r : resources) {
            if (r != null) {
                try {
                    r.close();
                } catch (Exception ignored) {
                    // the others still close; Keycloak is stopped by the caller
                }
            }
        }
    }
}
