package io.tokencheck.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.tokencheck.DemoEnvironment;
import io.tokencheck.issuerkit.IssuerKit;
import io.tokencheck.keys.JwsAlgorithm;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The generator against the real service, a server that never answers, and a server that answers wrongly. */
class OpenLoopRunTest {

    @Test
    void everyKindGetsItsExpectedStatusFromTheEmbeddedService() {
        try (DemoEnvironment env = DemoEnvironment.start(LoadtestConfig.embeddedTemplate(), true)) {
            Workload w = new MintedWorkload(new TokenMinter(env.kit(), JwsAlgorithm.RS256, Duration.ofMinutes(10)));
            // In-flight bound above the request count and a long timeout: a stall of a busy CI machine (cold JVM)
            // must not turn into drops here; only a wrong answer may fail this test.
            RunSettings s = new RunSettings(URI.create(env.server().baseUrl()), LoadtestConfig.CHECK_PATH, 150,
                    Duration.ofSeconds(2), 300, 64, Duration.ofSeconds(30));
            RunResult r = new OpenLoopRun(s, "check", false).execute(w.plan(Mix.parse(Mix.DEFAULT), s.requestCount(), new Random(7)));

            assertThat(r.planned()).isEqualTo(300);
            assertThat(r.unexpected()).as(ReportFormat.text(r)).isZero();
            assertThat(r.failures()).as(ReportFormat.text(r)).isZero();
            assertThat(r.completed()).isEqualTo(300);
            assertThat(r.kinds().keySet()).hasSize(Mix.parse(Mix.DEFAULT).weights().size());
            assertThat(r.kinds().get("expired").reasons()).containsOnlyKeys("token_expired");
            assertThat(r.kinds().get("cached").allowed()).isEqualTo(r.kinds().get("cached").sent());
            assertThat(r.statusCounts().keySet()).containsExactly(200, 401, 403);
            long allowed = r.kinds().get("cached").sent() + r.kinds().get("unique").sent();
            assertThat(r.statusCounts().get(200)).isEqualTo(allowed);
            assertThat(r.statusCounts().get(403)).isEqualTo(r.kinds().get("missing_scope").sent());
            assertThat(r.latency().count()).isEqualTo(300);
        }
    }

    @Test
    void aServerThatNeverAnswersIsBoundedByMaxInFlightAndCountedAsTimeoutsAndDrops() throws IOException {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException e) {
                    // closed at the end of the test
                }
            });
            RunSettings s = new RunSettings(URI.create("http://127.0.0.1:" + silent.getLocalPort()), "/check", 200,
                    Duration.ofMillis(500), 5, 5, Duration.ofMillis(300));
            Plan plan = new Plan(fill(TokenKind.CACHED, 100), fillTokens(100), 0);
            RunResult r = new OpenLoopRun(s, "check", false).execute(plan);

            assertThat(r.planned()).isEqualTo(100);
            assertThat(r.sent() + r.dropped()).isEqualTo(100);
            assertThat(r.maxInFlightSeen()).isLessThanOrEqualTo(5);
            assertThat(r.dropped()).isPositive();
            assertThat(r.completed()).isZero();
            assertThat(r.timeouts()).isEqualTo(r.sent());
            assertThat(r.failureRate()).isEqualTo(1.0);
            acceptor.interrupt();
        } finally {
            for (Socket h : held) {
                h.close();
            }
        }
    }

    @Test
    void aServerThatAllowsEverythingHasEveryRejectedKindCountedAsUnexpected() throws IOException {
        HttpServer allowAll = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        allowAll.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        allowAll.createContext("/", ex -> {
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        allowAll.start();
        try {
            Workload w = new MintedWorkload(new TokenMinter(IssuerKit.generate("https://allow-all.test"), JwsAlgorithm.ES256,
                    Duration.ofMinutes(5)));
            RunSettings s = new RunSettings(URI.create("http://127.0.0.1:" + allowAll.getAddress().getPort()), "/check",
                    200, Duration.ofMillis(500), 200, 8, Duration.ofSeconds(30));
            RunResult r = new OpenLoopRun(s, "check", false).execute(
                    w.plan(Mix.parse("cached=1,expired=1,missing_scope=1"), s.requestCount(), new Random(3)));

            assertThat(r.completed()).isEqualTo(100);
            assertThat(r.unexpected()).isEqualTo(r.kinds().get("expired").sent() + r.kinds().get("missing_scope").sent());
            assertThat(r.kinds().get("cached").unexpected()).isZero();
            assertThat(r.kinds().get("expired").unexpected()).isEqualTo(r.kinds().get("expired").sent());
            assertThat(r.connectionsOpened()).isLessThanOrEqualTo(8);
        } finally {
            allowAll.stop(0);
        }
    }

    @Test
    void aChunkedResponseIsReadWholeAndTheConnectionIsReused() throws IOException {
        HttpServer chunked = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        chunked.createContext("/", ex -> {
            ex.sendResponseHeaders(401, 0); // length 0: chunked
            try (OutputStream o = ex.getResponseBody()) {
                o.write("{\"denied\":true}".getBytes(StandardCharsets.UTF_8));
            }
        });
        chunked.start();
        try (HttpConnection c = HttpConnection.open("127.0.0.1", chunked.getAddress().getPort(), 1000)) {
            byte[] req = HttpConnection.request("127.0.0.1", "/check", "abc");
            assertThat(c.exchange(req, 2000)).isEqualTo(401);
            assertThat(c.reusable()).isTrue();
            assertThat(c.exchange(req, 2000)).isEqualTo(401);
        } finally {
            chunked.stop(0);
        }
    }

    private static TokenKind[] fill(TokenKind k, int n) {
        TokenKind[] a = new TokenKind[n];
        java.util.Arrays.fill(a, k);
        return a;
    }

    private static String[] fillTokens(int n) {
        String[] a = new String[n];
        java.util.Arrays.fill(a, "not-a-real-token");
        return a;
    }

}
