package io.tokencheck.keys;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.text.ParseException;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Keys found through OIDC discovery. The discovered jwks_uri is remembered; discovery runs again only when a JWKS
 * fetch from it fails, and the JWKS is retried at once only if discovery names a different jwks_uri. So a healthy
 * refresh costs one request, and a moved jwks_uri is followed within the same refresh.
 */
final class DiscoverySource implements KeySource {
    private static final Logger LOG = Logger.getLogger(DiscoverySource.class.getName());

    private final URI discoveryUri;
    private final String expectedIssuer;
    private final String issuerName;
    private final DocumentFetcher fetcher;
    private final RemoteJwks jwks;
    // Written and read only by the fetching thread (one fetch at a time), volatile for safe reads in tests and logs.
    private volatile URI jwksUri;
    private volatile String lastMismatch;

    DiscoverySource(URI discoveryUri, String expectedIssuer, String issuerName, DocumentFetcher fetcher,
                    RemoteJwks jwks) {
        this.discoveryUri = discoveryUri;
        this.expectedIssuer = expectedIssuer;
        this.issuerName = issuerName;
        this.fetcher = fetcher;
        this.jwks = jwks;
    }

    URI discoveryUri() {
        return discoveryUri;
    }

    @Override
    public FetchOutcome fetch() {
        URI known = jwksUri;
        if (known != null) {
            FetchOutcome outcome = jwks.fetch(known);
            if (outcome instanceof FetchOutcome.Fetched) {
                return outcome;
            }
            URI found;
            try {
                found = discover();
            } catch (KeyFetchException e) {
                return new FetchOutcome.Failed(((FetchOutcome.Failed) outcome).reason()
                        + "; discovery again failed too: " + e.getMessage());
            }
            if (found.equals(known)) {
                return outcome;
            }
            return use(found);
        }
        try {
            return use(discover());
        } catch (KeyFetchException e) {
            return new FetchOutcome.Failed(e.getMessage());
        }
    }

    private FetchOutcome use(URI found) {
        if (!found.equals(jwksUri)) {
            LOG.info("issuer " + issuerName + ": discovery names jwks_uri " + found);
            if (fetcher.allowsPlainHttp() && PlainHttp.toRemoteHost(found)) {
                LOG.warning("issuer " + issuerName + ": jwks_uri " + found
                        + " is plain http to a non-loopback host; keys can be tampered with in transit");
            }
            jwksUri = found;
        }
        return jwks.fetch(found);
    }

    private URI discover() throws KeyFetchException {
        DocumentFetcher.Document doc = fetcher.get(discoveryUri);
        Map<String, Object> json;
        try {
            json = JSONObjectUtils.parse(doc.body());
        } catch (ParseException | RuntimeException e) {
            throw new KeyFetchException("discovery document from " + discoveryUri + " is not a JSON object");
        }
        Object issuer = json.get("issuer");
        if (!(issuer instanceof String iss)) {
            throw new KeyFetchException("discovery document from " + discoveryUri + " has no issuer");
        }
        if (!iss.equals(expectedIssuer)) {
            String shown = shorten(iss);
            if (!shown.equals(lastMismatch)) {
                lastMismatch = shown;
                LOG.severe("issuer " + issuerName + ": discovery document from " + discoveryUri + " names issuer \""
                        + shown + "\" but \"" + expectedIssuer + "\" is configured; its keys are not used");
            }
            throw new KeyFetchException("discovery issuer mismatch: expected \"" + expectedIssuer + "\", got \""
                    + shown + "\"");
        }
        Object uri = json.get("jwks_uri");
        if (!(uri instanceof String text)) {
            throw new KeyFetchException("discovery document from " + discoveryUri + " has no jwks_uri");
        }
        try {
            URI found = URI.create(text);
            String scheme = found.getScheme();
            if (found.getHost() == null || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
                throw new IllegalArgumentException("not an absolute http(s) URL");
            }
            return found;
        } catch (IllegalArgumentException e) {
            throw new KeyFetchException("discovery document from " + discoveryUri + " has an invalid jwks_uri");
        }
    }

    // The issuer text comes from a remote document: keep it printable and short in logs.
    private static String shorten(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 200; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }

    @Override
    public boolean refreshes() {
        return true;
    }

    @Override
    public String description() {
        return "discovery " + discoveryUri;
    }
}
