package io.tokencheck.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Validation of the http(s) URLs the service fetches keys and discovery documents from. */
final class HttpUrl {

    private HttpUrl() {
    }

    /** The URL, or null unless it is absolute http or https with a host. */
    static URI parse(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return null;
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** Like {@link #parse}, reporting a bad value against its source. */
    static URI require(ScalarValue value) throws ConfigException {
        URI uri = parse(value.text());
        if (uri == null) {
            throw value.problem("not a valid http(s) URL: " + Quoted.of(value.text()));
        }
        return uri;
    }
}
