package io.tokencheck.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.tokencheck.config.IntrospectionSettings;
import io.tokencheck.decision.Decision;
import io.tokencheck.decision.Identity;
import io.tokencheck.decision.TokenChecker;
import io.tokencheck.decision.TokenFingerprint;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * RFC 7662 token introspection: {@code POST /introspect} with a form-encoded {@code token} (and optional
 * {@code token_type_hint}, ignored: only JWTs are understood), authenticated by HTTP Basic with a configured client.
 * Answers {@code {"active":true,...claims}} under the default policy, or {@code {"active":false}} without the reason
 * (RFC 7662 2.2; the reason is logged at FINE). Not registered at all (404) when no client is configured.
 */
public final class IntrospectionService implements HttpService {
    private static final Logger LOG = Logger.getLogger(IntrospectionService.class.getName());
    private static final String INACTIVE = "{\"active\":false}";

    private final TokenChecker checker;
    private final IntrospectionSettings settings;
    private final ClientCredentials credentials;
    private final int maxRequestBytes;

    /** Introspects with this checker for these clients; bodies above maxRequestBytes are refused. */
    public IntrospectionService(TokenChecker checker, IntrospectionSettings settings, int maxRequestBytes) {
        this.checker = checker;
        this.settings = settings;
        this.credentials = new ClientCredentials(settings);
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public void routing(HttpRules rules) {
        if (settings.enabled()) {
            rules.post("/introspect", this::handle);
        }
    }

    private void handle(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        if (credentials.authenticate(req.headers().all(HeaderNames.AUTHORIZATION, List::of)) == null) {
            res.header(HeaderNames.WWW_AUTHENTICATE, "Basic realm=\"tokencheck\"");
            res.status(401).send("{\"error\":\"invalid_client\"}");
            return;
        }
        String contentType = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("").toLowerCase(Locale.ROOT);
        if (!contentType.startsWith("application/x-www-form-urlencoded")) {
            res.status(400).send(DecisionJson.requestError("expected Content-Type application/x-www-form-urlencoded"));
            return;
        }
        Map<String, String> form;
        try (InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes(maxRequestBytes + 1);
            if (bytes.length > maxRequestBytes) {
                res.status(413).send(DecisionJson.requestError("request body is larger than " + maxRequestBytes + " bytes"));
                return;
            }
            form = form(new String(bytes, StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            res.status(400).send(DecisionJson.requestError("request body is not a form with one token"));
            return;
        }
        String token = form == null ? null : form.get("token");
        if (token == null || token.isEmpty()) {
            res.status(400).send(DecisionJson.requestError("request body is not a form with one token"));
            return;
        }
        Decision decision;
        try {
            decision = checker.check(token, null);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "unexpected error in /introspect: " + e.getClass().getName());
            res.status(200).send(INACTIVE);
            return;
        }
        if (decision instanceof Decision.Allow allow) {
            res.status(200).send(active(allow.identity()));
            return;
        }
        Decision.Deny deny = (Decision.Deny) decision;
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("introspection: token " + deny.fingerprint() + " inactive: " + deny.reason().code());
        }
        res.status(200).send(INACTIVE);
    }

    private static String active(Identity id) {
        return new JsonText()
                .field("active", true)
                .field("scope", id.scopes().isEmpty() ? null : String.join(" ", id.scopes()))
                .field("client_id", id.clientId())
                .field("sub", id.subject())
                .field("aud", id.audiences().isEmpty() ? null : id.audiences())
                .field("iss", id.issuer())
                .field("exp", id.expiresAt())
                .field("iat", id.issuedAt())
                .field("nbf", id.notBefore())
                .field("jti", id.tokenId())
                .field("token_type", "Bearer")
                .end();
    }

    /** Name to value; null when a name repeats (RFC 7662 2.1 forbids it for token; no guessing which one counts). */
    private static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (fields.put(name, value) != null) {
                return null;
            }
        }
        return fields;
    }
}
