package io.tokencheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The demo: a demo issuer and tokencheck trusting it, reachable in a few lines (the embedding API). */
class DemoEnvironmentTest {

    @Test
    void demoIssuerTokensAreAllowedAndTheAdminPolicyNeedsTheAdminScope() throws Exception {
        try (DemoEnvironment demo = DemoEnvironment.start(0)) {
            assertThat(demo.server().ready()).isTrue();
            HttpClient client = HttpClient.newHttpClient();
            String token = demo.kit().token().audience(DemoEnvironment.AUDIENCE).scope("read").sign();
            HttpResponse<Void> allow = client.send(HttpRequest.newBuilder(URI.create(demo.server().baseUrl() + "/check"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(allow.statusCode()).isEqualTo(200);
            HttpResponse<Void> forbidden = client.send(HttpRequest.newBuilder(URI.create(demo.server().baseUrl() + "/check/admin"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(forbidden.statusCode()).isEqualTo(403);
        }
    }
}
