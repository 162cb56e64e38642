package io.tokencheck.keys;

import static io.tokencheck.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tokencheck.config.IssuerSettings;
import io.tokencheck.config.JwksSettings;
import io.tokencheck.config.KeySourceSettings;
import io.tokencheck.issuerkit.IssuerKit;
import io.tokencheck.issuerkit.JwksServer;
import io.tokencheck.testing.MutableClock;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transport rules for remote keys: https is verified against the JVM trust store or, when configured, only the CAs
 * of jwks.ca_file; plain http goes only to loopback unless jwks.allow_plain_http is set. The https server is a real
 * one on loopback with a self-signed certificate made by keytool for 127.0.0.1.
 */
class HttpsKeyFetchTest {
    @TempDir
    static Path dir;
    private static IssuerKit kit;
    private static HttpsServer server;
    private static Path caFile;
    private static final AtomicInteger fetches = new AtomicInteger();

    @BeforeAll
    static void startHttpsServer() throws Exception {
        kit = IssuerKit.generate("https://idp.test");
        SelfSignedCertificate cert = SelfSignedCertificate.create(dir);
        Path store = cert.keyStore();
        caFile = cert.pem();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, cert.password().toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, cert.password().toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/jwks.json", ex -> {
            try (ex) {
                fetches.incrementAndGet();
                byte[] body = kit.publicJwksJson().getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        // A redirect from https to plain http on loopback: allowed for http alone, refused after https.
        server.createContext("/downgrade", ex -> {
            try (ex) {
                ex.getResponseHeaders().set("Location", "http://127.0.0.1:9/jwks.json");
                ex.sendResponseHeaders(302, -1);
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static URI httpsJwks() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json");
    }

    private static JwksSettings settings(boolean allowPlainHttp, Path ca) {
        return new JwksSettings(Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofHours(1),
                Duration.ofMinutes(30), Duration.ofMinutes(10), Duration.ofSeconds(2), Duration.ofSeconds(5),
                64 * 1024, Duration.ofSeconds(2), Duration.ofMinutes(10), Duration.ofMinutes(10), 503,
                Duration.ofSeconds(30), allowPlainHttp, ca);
    }

    private static IssuerKeys keys(URI jwks, JwksSettings settings, SimpleMeterRegistry metrics) {
        IssuerSettings issuer = new IssuerSettings("tls", kit.issuer(), new KeySourceSettings.JwksUri(jwks),
                List.of("api"), Set.of(), Duration.ofSeconds(60), List.of("scope"), List.of(), true, null);
        return IssuerKeys.create(issuer, settings, metrics, MutableClock.now());
    }

    private static double failures(SimpleMeterRegistry metrics) {
        return metrics.get("tokencheck.jwks.fetches").tag("outcome", "failure").counter().count();
    }

    @Test
    void httpsKeysAreFetchedWhenTheConfiguredCaBundleTrustsTheServer() {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        try (IssuerKeys k = keys(httpsJwks(), settings(false, caFile), metrics)) {
            k.start();
            await(k::ready);
            assertThat(k.lookup(IssuerKit.RSA_KID, JwsAlgorithm.RS256)).isInstanceOf(KeyLookup.Found.class);
        }
    }

    @Test
    void withoutTheCaBundleTheJvmTrustStoreRejectsASelfSignedServer() {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        int before = fetches.get();
        try (IssuerKeys k = keys(httpsJwks(), settings(false, null), metrics)) {
            k.start();
            await(() -> failures(metrics) == 1);
            assertThat(k.ready()).isFalse();
            assertThat(fetches.get()).as("no request got through the handshake").isEqualTo(before);
        }
    }

    @Test
    void plainHttpToARemoteHostIsRefusedBeforeAnythingIsSent() {
        DocumentFetcher fetcher = new DocumentFetcher(HttpClient.newHttpClient(), settings(false, null));

        // 192.0.2.1 is TEST-NET-1: nothing is sent, so nothing can hang.
        assertThatThrownBy(() -> fetcher.get(URI.create("http://192.0.2.1/jwks.json")))
                .isInstanceOf(KeyFetchException.class).hasMessageContaining("plain http");
        assertThatThrownBy(() -> fetcher.get(URI.create("http://idp.example.com/jwks.json")))
                .isInstanceOf(KeyFetchException.class).hasMessageContaining("jwks.allow_plain_http");
    }

    @Test
    void aRedirectIsFollowedToTheKeysOnTheSameLoopbackServer() throws Exception {
        try (JwksServer jwks = JwksServer.start(kit)) {
            jwks.redirectJwks(302, jwks.movedJwksUri().toString());
            DocumentFetcher fetcher = new DocumentFetcher(HttpClient.newHttpClient(), settings(false, null));

            assertThat(fetcher.get(jwks.jwksUri()).body()).isEqualTo(kit.publicJwksJson());
            assertThat(jwks.jwksFetches()).as("the redirect and its target").isEqualTo(2);
        }
    }

    @Test
    void aRedirectToPlainHttpOnARemoteHostIsRefusedBeforeAnythingIsSentThere() {
        try (JwksServer jwks = JwksServer.start(kit)) {
            // 192.0.2.1 is TEST-NET-1: were the redirect followed, the fetch would hang until the timeout, not fail at once.
            jwks.redirectJwks(301, "http://192.0.2.1/jwks.json");
            DocumentFetcher fetcher = new DocumentFetcher(HttpClient.newHttpClient(), settings(false, null));

            assertThatThrownBy(() -> fetcher.get(jwks.jwksUri()))
                    .isInstanceOf(KeyFetchException.class).hasMessageContaining("http://192.0.2.1/jwks.json is plain http");
            assertThat(jwks.jwksFetches()).isEqualTo(1);
        }
    }

    @Test
    void aRedirectFromHttpsToHttpIsRefusedEvenToLoopback() {
        DocumentFetcher fetcher = new DocumentFetcher(DocumentFetcher.defaultClient(settings(false, caFile)),
                settings(false, caFile));
        URI downgrade = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/downgrade");

        assertThatThrownBy(() -> fetcher.get(downgrade))
                .isInstanceOf(KeyFetchException.class).hasMessageContaining("https never continues over http");
    }

    @Test
    void redirectLoopsAndRedirectsWithoutALocationAreFailures() {
        try (JwksServer jwks = JwksServer.start(kit)) {
            DocumentFetcher fetcher = new DocumentFetcher(HttpClient.newHttpClient(), settings(false, null));
            jwks.redirectJwks(307, jwks.jwksUri().toString());
            assertThatThrownBy(() -> fetcher.get(jwks.jwksUri()))
                    .isInstanceOf(KeyFetchException.class).hasMessageContaining("more than 5 redirects");
            assertThat(jwks.jwksFetches()).as("the first request and five redirects").isEqualTo(6);

            jwks.recover().failWith(302, "");
            assertThatThrownBy(() -> fetcher.get(jwks.jwksUri()))
                    .isInstanceOf(KeyFetchException.class).hasMessageContaining("without Location");
        }
    }

    @Test
    void plainHttpToLoopbackIsAllowedWithoutOptIn() {
        assertThat(PlainHttp.toRemoteHost(URI.create("http://127.0.0.1:8080/jwks.json"))).isFalse();
        assertThat(PlainHttp.toRemoteHost(URI.create("http://localhost/jwks.json"))).isFalse();
        assertThat(PlainHttp.toRemoteHost(URI.create("http://[::1]:9/jwks.json"))).isFalse();
        assertThat(PlainHttp.toRemoteHost(URI.create("https://idp.example.com/jwks.json"))).isFalse();
        assertThat(PlainHttp.toRemoteHost(URI.create("http://127.0.0.1.evil.example/jwks.json"))).isTrue();
        assertThat(PlainHttp.toRemoteHost(URI.create("http://idp.example.com/jwks.json"))).isTrue();
    }

}
