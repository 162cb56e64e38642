package io.tokencheck.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Readiness waits for the background crypto provider selection as well as for every issuer's keys. */
class HealthServiceTest {

    @Test
    void notReadyWhileCryptoProvidersAreStillBeingSelectedThenReady() throws Exception {
        AtomicBoolean crypto = new AtomicBoolean(false);
        WebServer web = WebServer.builder().host("127.0.0.1").port(0).shutdownHook(false)
                .routing(r -> r.register(new HealthService(() -> Map.of("corp", true), crypto::get))).build().start();
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> selecting = get(client, web.port());
            assertThat(selecting.statusCode()).isEqualTo(503);
            assertThat(selecting.body()).isEqualTo("{\"status\":\"DOWN\",\"crypto\":\"selecting\",\"issuers\":{\"corp\":\"ready\"}}");

            crypto.set(true);
            HttpResponse<String> ready = get(client, web.port());
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).isEqualTo("{\"status\":\"UP\",\"crypto\":\"ready\",\"issuers\":{\"corp\":\"ready\"}}");
        } finally {
            web.stop();
        }
    }

    @Test
    void notReadyWhenAnIssuerHasNoKeysEvenWithCryptoReady() throws Exception {
        WebServer web = WebServer.builder().host("127.0.0.1").port(0).shutdownHook(false)
                .routing(r -> r.register(new HealthService(() -> Map.of("corp", false), () -> true))).build().start();
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> r = get(client, web.port());
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).contains("\"crypto\":\"ready\"", "\"corp\":\"not_ready\"");
        } finally {
            web.stop();
        }
    }

    private static HttpResponse<String> get(HttpClient client, int port) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
