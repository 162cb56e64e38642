package io.tokencheck.keys;

import io.tokencheck.config.JwksSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * GETs one JSON document (a JWKS or a discovery document) with hard bounds: the whole exchange, body included,
 * must finish within the read timeout, and the body must not exceed the size limit. Anything but 2xx is a failure.
 * Plain http to a host that is not loopback is refused before anything is sent to it, redirect targets included,
 * unless allowed; a redirect never leads from https to http.
 */
final class DocumentFetcher {
    /** Statuses whose Location is followed (at most MAX_REDIRECTS times). */
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final int MAX_REDIRECTS = 5;
    /** A fetched document. */
    record Document(String body, HttpHeaders headers) {
    }

    private final HttpClient client;
    private final Duration readTimeout;
    private final int maxBytes;
    private final boolean allowPlainHttp;

    DocumentFetcher(HttpClient client, JwksSettings settings) {
        this.client = client;
        this.readTimeout = settings.readTimeout();
        this.maxBytes = settings.maxResponseBytes();
        this.allowPlainHttp = settings.allowPlainHttp();
    }

    /**
     * The connect timeout and the trusted CAs belong to the client, so a default client is built with them:
     * the JVM trust store, or only the CAs of jwks.ca_file.
     */
    static HttpClient defaultClient(JwksSettings settings) {
        HttpClient.Builder b = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                // Redirects are followed by get(), which checks every target before sending to it.
                .followRedirects(HttpClient.Redirect.NEVER);
        if (settings.caFile() != null) {
            b.sslContext(TrustedCas.sslContext(settings.caFile()));
        }
        return b.build();
    }

    /** True when plain http to hosts that are not loopback is accepted (jwks.allow_plain_http). */
    boolean allowsPlainHttp() {
        return allowPlainHttp;
    }

    Document get(URI uri) throws KeyFetchException {
        // One deadline for the whole exchange, redirects included.
        long deadline = System.nanoTime() + readTimeout.toNanos();
        URI current = uri;
        for (int redirects = 0; ; redirects++) {
            refusePlainHttp(current);
            HttpResponse<byte[]> response = exchange(current, deadline);
            if (!response.uri().equals(current)) {
                // A client that follows redirects itself (one passed in): judge where it ended up.
                refusePlainHttp(response.uri());
            }
            if (!REDIRECTS.contains(response.statusCode())) {
                return new Document(new String(response.body(), StandardCharsets.UTF_8), response.headers());
            }
            if (redirects == MAX_REDIRECTS) {
                throw new KeyFetchException("more than " + MAX_REDIRECTS + " redirects from " + uri);
            }
            current = redirectTarget(current, response);
        }
    }

    /**
     * Where a redirect points. Followed here rather than by the client, so that a plain-http target that is not
     * loopback is refused before anything is sent to it, and https never continues over http.
     */
    private static URI redirectTarget(URI from, HttpResponse<byte[]> response) throws KeyFetchException {
        String location = response.headers().firstValue("Location").orElse(null);
        if (location == null) {
            throw new KeyFetchException("HTTP " + response.statusCode() + " without Location from " + from);
        }
        URI next;
        try {
            next = from.resolve(location.strip());
        } catch (IllegalArgumentException e) {
            throw new KeyFetchException("HTTP " + response.statusCode() + " from " + from + " with an invalid Location");
        }
        String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && "http".equalsIgnoreCase(from.getScheme()))) {
            throw new KeyFetchException("redirect from " + from + " to a " + (scheme.isEmpty() ? "relative" : scheme)
                    + " URL refused (https never continues over http)");
        }
        return next;
    }

    private HttpResponse<byte[]> exchange(URI uri, long deadline) throws KeyFetchException {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw new KeyFetchException("no complete response from " + uri + " within " + readTimeout.toMillis() + " ms");
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(uri)
                    .GET()
                    .timeout(Duration.ofNanos(remaining))
                    .header("Accept", "application/json, application/jwk-set+json")
                    .build();
        } catch (IllegalArgumentException e) {
            throw new KeyFetchException("cannot fetch " + uri + ": not an http(s) URL");
        }
        AtomicInteger status = new AtomicInteger();
        HttpResponse.BodyHandler<byte[]> handler = info -> {
            status.set(info.statusCode());
            if (REDIRECTS.contains(info.statusCode())) {
                // Only the Location header counts; the body is skipped (within the deadline).
                return HttpResponse.BodySubscribers.replacing(new byte[0]);
            }
            if (info.statusCode() / 100 != 2) {
                // The body of an error is never used: stop reading at once.
                return new BoundedBody(-1);
            }
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            return new BoundedBody(declared > maxBytes ? -1 : maxBytes);
        };
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, handler);
        try {
            // The request timeout may stop at the headers; this bounds the body as well.
            return future.get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new KeyFetchException("no complete response from " + uri + " within " + readTimeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new KeyFetchException("interrupted while fetching " + uri);
        } catch (CancellationException e) {
            throw new KeyFetchException("fetch of " + uri + " was cancelled");
        } catch (ExecutionException e) {
            throw failure(uri, status.get(), e.getCause());
        }
    }

    private void refusePlainHttp(URI uri) throws KeyFetchException {
        if (!allowPlainHttp && PlainHttp.toRemoteHost(uri)) {
            throw new KeyFetchException(uri + " is plain http to a host that is not loopback"
                    + " (set jwks.allow_plain_http to accept it)");
        }
    }

    private KeyFetchException failure(URI uri, int status, Throwable cause) {
        if (status != 0 && status / 100 != 2) {
            return new KeyFetchException("HTTP " + status + " from " + uri);
        }
        if (cause instanceof BoundedBody.TooLarge) {
            return new KeyFetchException("response from " + uri + " is larger than " + maxBytes + " bytes");
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new KeyFetchException("connect to " + uri + " timed out");
        }
        if (cause instanceof HttpTimeoutException) {
            return new KeyFetchException("no response from " + uri + " within " + readTimeout.toMillis() + " ms");
        }
        if (cause instanceof IOException) {
            return new KeyFetchException("cannot fetch " + uri + ": " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : " " + cause.getMessage()));
        }
        return new KeyFetchException("cannot fetch " + uri + ": " + cause);
    }
}
