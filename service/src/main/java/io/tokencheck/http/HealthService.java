package io.tokencheck.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** /health/live (the process answers) and /health/ready (crypto providers chosen, every issuer has usable keys). */
public final class HealthService implements HttpService {
    private final Supplier<Map<String, Boolean>> issuerReadiness;
    private final BooleanSupplier cryptoReady;

    /** Readiness comes from this supplier: issuer name to whether it has usable keys. */
    public HealthService(Supplier<Map<String, Boolean>> issuerReadiness) {
        this(issuerReadiness, () -> true);
    }

    /** Readiness also waits for the crypto provider selection. */
    public HealthService(Supplier<Map<String, Boolean>> issuerReadiness, BooleanSupplier cryptoReady) {
        this.issuerReadiness = issuerReadiness;
        this.cryptoReady = cryptoReady;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/health/live", (req, res) -> {
            res.header(HeaderNames.CONTENT_TYPE, "application/json");
            res.send("{\"status\":\"UP\"}");
        });
        rules.get("/health/ready", (req, res) -> {
            Map<String, Boolean> ready = issuerReadiness.get();
            boolean crypto = cryptoReady.getAsBoolean();
            boolean all = crypto && ready.values().stream().allMatch(Boolean::booleanValue);
            JsonText issuers = new JsonText();
            ready.forEach((name, ok) -> issuers.field(name, ok ? "ready" : "not_ready"));
            res.header(HeaderNames.CONTENT_TYPE, "application/json");
            res.status(all ? 200 : 503).send(new JsonText().field("status", all ? "UP" : "DOWN")
                    .field("crypto", crypto ? "ready" : "selecting").raw("issuers", issuers.end()).end());
        });
    }
}
