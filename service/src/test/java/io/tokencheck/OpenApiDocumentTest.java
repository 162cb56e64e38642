package io.tokencheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRoute;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.tokencheck.http.OpenApiService;
import io.tokencheck.reason.DenyReason;
import io.tokencheck.testing.ServiceFixture;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Keeps openapi.yaml true: every operation it documents is a route the server registers, every route the server
 * registers (with introspection on) is documented for exactly the methods it accepts, and the DenyReason enum is
 * the code's reason codes. Routes are read by running each service's routing() against a recording HttpRules.
 */
class OpenApiDocumentTest {
    private static final List<String> METHODS = List.of("get", "head", "post", "put", "patch", "delete", "options");
    /** A concrete value for each path parameter, to turn a documented template into a request path. */
    private static final Map<String, String> EXAMPLES = Map.of("{policy}", "orders-read", "{path}", "api/orders/7");

    private static ServiceFixture tokencheck;
    private static Map<String, Object> document;
    private static List<HttpRoute> routes;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void start() throws IOException {
        tokencheck = ServiceFixture.start(ServiceFixture.DEFAULT_YAML + """
                introspection:
                  clients: [{ id: gateway, secret: a-secret-of-sixteen-or-more }]
                """, false);
        try (InputStream in = OpenApiService.class.getResourceAsStream(OpenApiService.RESOURCE)) {
            document = new Yaml().load(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        RecordingRules rules = new RecordingRules();
        for (HttpService service : TokencheckServer.services(tokencheck.server().core())) {
            service.routing(rules);
        }
        routes = rules.routes;
    }

    @AfterAll
    static void stop() {
        tokencheck.close();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> paths() {
        return (Map<String, Map<String, Object>>) document.get("paths");
    }

    private static String concrete(String template) {
        String path = template;
        for (Map.Entry<String, String> e : EXAMPLES.entrySet()) {
            path = path.replace(e.getKey(), e.getValue());
        }
        assertThat(path).as("every path parameter of " + template + " has an example").doesNotContain("{");
        return path;
    }

    private static boolean accepts(HttpRoute route, String method, String path) {
        HttpPrologue prologue = HttpPrologue.create("HTTP/1.1", "HTTP", "1.1", Method.create(method.toUpperCase(Locale.ROOT)), path, false);
        return route.accepts(prologue).accepted();
    }

    @Test
    void everyDocumentedOperationIsARegisteredRoute() {
        List<String> missing = new ArrayList<>();
        paths().forEach((template, item) -> {
            for (String method : METHODS) {
                if (item.containsKey(method) && routes.stream().noneMatch(r -> accepts(r, method, concrete(template)))) {
                    missing.add(method.toUpperCase(Locale.ROOT) + " " + template);
                }
            }
        });
        assertThat(missing).as("documented but not registered").isEmpty();
        assertThat(paths()).hasSizeGreaterThanOrEqualTo(10);
    }

    @Test
    void everyRegisteredRouteIsDocumentedForEveryMethodItAccepts() {
        List<String> undocumented = new ArrayList<>();
        for (HttpRoute route : routes) {
            boolean coversADocumentedPath = false;
            for (Map.Entry<String, Map<String, Object>> e : paths().entrySet()) {
                for (String method : METHODS) {
                    if (accepts(route, method, concrete(e.getKey()))) {
                        coversADocumentedPath = true;
                        if (!e.getValue().containsKey(method)) {
                            undocumented.add(method.toUpperCase(Locale.ROOT) + " " + e.getKey());
                        }
                    }
                }
            }
            if (!coversADocumentedPath) {
                undocumented.add("a route that serves no documented path: " + route);
            }
        }
        assertThat(undocumented).as("registered but not documented").isEmpty();
        assertThat(routes).hasSizeGreaterThanOrEqualTo(10);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theReasonEnumIsTheCodesOfDenyReason() {
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) document.get("components")).get("schemas");
        List<String> documented = (List<String>) ((Map<String, Object>) schemas.get("DenyReason")).get("enum");
        Set<String> codes = new LinkedHashSet<>(Arrays.stream(DenyReason.values()).map(DenyReason::code).toList());
        assertThat(documented).containsExactlyElementsOf(codes);
    }

    @Test
    void theServerServesTheDocumentAsYaml() throws IOException {
        HttpResponse<String> r = tokencheck.get("/openapi.yaml");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/yaml");
        assertThat(document.get("openapi")).isEqualTo("3.0.3");
        assertThat((Map<String, Object>) new Yaml().load(r.body())).isEqualTo(document);
    }

    /** Collects the routes a service declares, the way Helidon's routing builder receives them. */
    private static final class RecordingRules implements HttpRules {
        final List<HttpRoute> routes = new ArrayList<>();

        @Override
        public HttpRules register(HttpService... services) {
            for (HttpService s : services) {
                s.routing(this);
            }
            return this;
        }

        @Override
        public HttpRules register(String pathPattern, HttpService... services) {
            throw new UnsupportedOperationException("tokencheck registers services at the root");
        }

        @Override
        public HttpRules route(HttpRoute route) {
            routes.add(route);
            return this;
        }
    }
}
