package io.tokencheck.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.util.Map;
import java.util.function.Supplier;

/** /health/live (the process answers) and /health/ready (every issuer has usable keys). */
public final class HealthService implements HttpService {
    private final Supplier<Map<String, Boolean>> issuerReadiness;

    /** Readiness comes from this supplier: issuer name to whether it has usable keys. */
    public HealthService(Supplier<Map<String, Boolean>> issuerReadiness) {
        this.issuerReadiness = issuerReadiness;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/health/live", (req, res) -> {
            res.header(HeaderNames.CONTENT_TYPE, "application/json");
            res.send("{\"status\":\"UP\"}");
        });
        rules.get("/health/ready", (req, res) -> {
            Map<String, Boolean> ready = issuerReadiness.get();
            boolean all = ready.values().stream().allMatch(Boolean::booleanValue);
            JsonText issuers = new JsonText();
            ready.forEach((name, ok) -> issuers.field(name, ok ? "ready" : "not_ready"));
            res.header(HeaderNames.CONTENT_TYPE, "application/json");
            res.status(all ? 200 : 503)
                    .send(new JsonText().field("status", all ? "UP" : "DOWN").raw("issuers", issuers.end()).end());
        });
    }
}
