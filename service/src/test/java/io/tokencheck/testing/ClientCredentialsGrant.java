package io.tokencheck.testing;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * The OAuth 2.0 client-credentials grant (RFC 6749 4.4) against a real provider's token endpoint, with the client
 * authenticated by HTTP Basic (client_secret_basic).
 *
 * @param tokenEndpoint the provider's token endpoint
 * @param http          the client that sends the request
 */
public record ClientCredentialsGrant(URI tokenEndpoint, HttpClient http) {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /**
     * Runs the grant and returns the token response's members.
     *
     * @param scope    space-separated scopes to ask for (null: none)
     * @param resource RFC 8707 resource indicator (null: none)
     */
    public Map<String, Object> request(String clientId, String secret, String scope, String resource) {
        StringBuilder form = new StringBuilder("grant_type=client_credentials");
        if (scope != null) {
            form.append("&scope=").append(formEncode(scope));
        }
        if (resource != null) {
            form.append("&resource=").append(formEncode(resource));
        }
        String basic = Base64.getEncoder().encodeToString(
                (formEncode(clientId) + ":" + formEncode(secret)).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
                .timeout(TIMEOUT)
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("token request to " + tokenEndpoint + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the token request to " + tokenEndpoint, e);
        }
        if (response.statusCode() != 200) {
            // The body is the provider's error JSON (error, error_description): no secret in it.
            throw new IllegalStateException("token request for client " + clientId + " failed: HTTP "
                    + response.statusCode() + " " + response.body());
        }
        try {
            return JSONObjectUtils.parse(response.body());
        } catch (ParseException e) {
            throw new IllegalStateException("the token response for client " + clientId + " is not a JSON object", e);
        }
    }

    /** One string member of the token response, such as access_token or id_token. */
    public String requestMember(String clientId, String secret, String scope, String member) {
        if (!(request(clientId, secret, scope, null).get(member) instanceof String value)) {
            throw new IllegalStateException("the token response for client " + clientId + " has no " + member);
        }
        return value;
    }

    private static String formEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
