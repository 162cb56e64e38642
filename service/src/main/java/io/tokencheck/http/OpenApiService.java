package io.tokencheck.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** GET /openapi.yaml: the hand-written OpenAPI 3 description of the HTTP API (resource /openapi.yaml, read once). */
public final class OpenApiService implements HttpService {
    /** The classpath resource served. */
    public static final String RESOURCE = "/openapi.yaml";

    private final byte[] document;

    /** Loads the document; a build without it fails at start-up rather than serving a 404 later. */
    public OpenApiService() {
        try (InputStream in = OpenApiService.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the build");
            }
            this.document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/openapi.yaml", (req, res) -> {
            // application/yaml is the registered type (RFC 9512).
            res.header(HeaderNames.CONTENT_TYPE, "application/yaml");
            res.send(document);
        });
    }
}
