package io.tokencheck.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokencheck.testing.ServiceFixture;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HealthAndMetricsTest {

    @Test
    void readyWhenEveryIssuerHasKeys() {
        try (ServiceFixture s = ServiceFixture.start()) {
            assertThat(s.get("/health/live").statusCode()).isEqualTo(200);
            HttpResponse<String> r = s.get("/health/ready");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"status\":\"UP\"").contains("\"test\":\"ready\"");
        }
    }

    @Test
    void notReadyWhileTheProviderIsDownAndTokensAreDeniedNotErrored() {
        String yaml = ServiceFixture.DEFAULT_YAML.replace("jwks_uri: ${JWKS_URI}", "jwks_uri: http://127.0.0.1:9/jwks.json");
        try (ServiceFixture s = ServiceFixture.start(yaml, false)) {
            assertThat(s.get("/health/live").statusCode()).isEqualTo(200);
            HttpResponse<String> r = s.get("/health/ready");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).contains("\"test\":\"not_ready\"");
            HttpResponse<String> check = s.check("/check", s.validToken());
            // "The provider is down" is told apart from "the token is bad": 503 with Retry-After (docs/key-fetching.md).
            assertThat(check.statusCode()).isEqualTo(503);
            assertThat(check.headers().firstValue("Retry-After")).hasValue("30");
            assertThat(check.headers().firstValue("X-Auth-Deny-Reason")).hasValue("jwks_unavailable");
        }
    }

    @Test
    void decisionsAreCountedByPolicyOutcomeAndReason() {
        try (ServiceFixture s = ServiceFixture.start()) {
            s.check("/check", s.validToken());
            s.check("/check", s.validToken());
            s.check("/check/admin", s.validToken());
            s.get("/check");
            String metrics = s.get("/metrics").body();
            assertThat(counter(metrics, "tokencheck_decisions_total", "outcome=\"allow\",policy=\"default\",reason=\"none\"")).isEqualTo(2.0);
            assertThat(counter(metrics, "tokencheck_decisions_total", "outcome=\"deny\",policy=\"admin\",reason=\"scope_insufficient\"")).isEqualTo(1.0);
            assertThat(counter(metrics, "tokencheck_decisions_total", "outcome=\"deny\",policy=\"default\",reason=\"token_missing\"")).isEqualTo(1.0);
            assertThat(metrics).contains("tokencheck_decision_duration_seconds_bucket");
            assertThat(counter(metrics, "tokencheck_decision_duration_seconds_count", null)).isEqualTo(4.0);
            assertThat(metrics).containsPattern("tokencheck_jwks_fetches_total\\{[^}]*outcome=\"success\"");
            assertThat(metrics).containsPattern("tokencheck_crypto_provider\\{alg=\"RS256\",provider=\"[^\"]+\"} 1(\\.0)?");
        }
    }

    @Test
    void unknownPolicyNamesDoNotCreateMeters() {
        try (ServiceFixture s = ServiceFixture.start()) {
            s.check("/check/random-name-1", s.validToken());
            s.check("/check/random-name-2", s.validToken());
            String metrics = s.get("/metrics").body();
            assertThat(metrics).doesNotContain("random-name");
            assertThat(counter(metrics, "tokencheck_decisions_total", "outcome=\"deny\",policy=\"unknown\",reason=\"policy_not_found\"")).isEqualTo(2.0);
        }
    }

    /** The value of a Prometheus sample whose labels contain these (null: no labels); -1 when absent. */
    static double counter(String metrics, String name, String labels) {
        Pattern p = Pattern.compile("^" + Pattern.quote(name) + (labels == null ? "" : "\\{[^}]*" + Pattern.quote(labels) + "[^}]*\\}")
                + "\\s+([0-9.eE+-]+)$", Pattern.MULTILINE);
        Matcher m = p.matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
}
