package io.tokencheck.http;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.tokencheck.decision.Decision;
import io.tokencheck.decision.TokenChecker;
import io.tokencheck.reason.DenyReason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** POST /v1/verify: a JSON request {"token", "policy"} answered with a JSON decision (always 200 for a readable request). */
public final class VerifyService implements HttpService {
    private static final Logger LOG = Logger.getLogger(VerifyService.class.getName());

    private final TokenChecker checker;
    private final int maxRequestBytes;

    /** Serves decisions from this checker; bodies above maxRequestBytes are refused. */
    public VerifyService(TokenChecker checker, int maxRequestBytes) {
        this.checker = checker;
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/v1/verify", this::handle);
    }

    private void handle(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        String body;
        try (InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes(maxRequestBytes + 1);
            if (bytes.length > maxRequestBytes) {
                res.status(413).send(DecisionJson.requestError("request body is larger than " + maxRequestBytes + " bytes"));
                return;
            }
            body = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            res.status(400).send(DecisionJson.requestError("request body could not be read"));
            return;
        }
        Map<String, Object> json;
        try {
            json = JSONObjectUtils.parse(body);
        } catch (ParseException | RuntimeException e) {
            res.status(400).send(DecisionJson.requestError("request body is not a JSON object"));
            return;
        }
        if (json == null) {
            res.status(400).send(DecisionJson.requestError("request body is not a JSON object"));
            return;
        }
        if (!(json.get("token") instanceof String token)) {
            res.status(400).send(DecisionJson.requestError("\"token\" must be a string"));
            return;
        }
        Object policy = json.get("policy");
        if (policy != null && !(policy instanceof String)) {
            res.status(400).send(DecisionJson.requestError("\"policy\" must be a string"));
            return;
        }
        Decision decision;
        try {
            decision = token.isEmpty()
                    ? checker.denyWithoutToken((String) policy, DenyReason.TOKEN_MISSING)
                    : checker.check(token, (String) policy);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "unexpected error in /v1/verify: " + e.getClass().getName());
            decision = new Decision.Deny(null, DenyReason.INTERNAL_ERROR, null, null);
        }
        res.status(200).send(DecisionJson.of(decision));
    }
}
