package io.tokencheck.gateway;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The backend behind a gateway in tests: a JDK HttpServer on loopback that answers 200 with the request line and
 * the headers it received, one {@code name: value} line each (names in lower case), and counts its requests.
 */
final class EchoUpstream implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final AtomicInteger requests = new AtomicInteger();

    private EchoUpstream(HttpServer server) {
        this.server = server;
    }

    static EchoUpstream start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            EchoUpstream echo = new EchoUpstream(server);
            server.createContext("/", exchange -> {
                echo.requests.incrementAndGet();
                StringBuilder body = new StringBuilder(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + "\n");
                for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
                    for (String v : h.getValue()) {
                        body.append(h.getKey().toLowerCase(Locale.ROOT)).append(": ").append(v).append('\n');
                    }
                }
                byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.setExecutor(echo.executor);
            server.start();
            return echo;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** How many requests reached the backend so far. */
    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
