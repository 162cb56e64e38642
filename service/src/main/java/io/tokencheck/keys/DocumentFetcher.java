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
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * GETs one JSON document (a JWKS or a discovery document) with hard bounds: the whole exchange, body included,
 * must finish within the read timeout, and the body must not exceed the size limit. Anything but 2xx is a failure.
 * Plain http to a host that is not loopback is refused (before sending, and after redirects) unless allowed.
 */
final class DocumentFetcher {
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
                // NORMAL never follows an https -> http redirect.
                .followRedirects(HttpClient.Redirect.NORMAL);
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
        refusePlainHttp(uri);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .GET()
                .timeout(readTimeout)
                .header("Accept", "application/json, application/jwk-set+json")
                .build();
        AtomicInteger status = new AtomicInteger();
        HttpResponse.BodyHandler<byte[]> handler = info -> {
            status.set(info.statusCode());
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
            HttpResponse<byte[]> response = future.get(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!response.uri().equals(uri)) {
                refusePlainHttp(response.uri());
            }
            return new Document(new String(response.body(), StandardCharsets.UTF_8), response.headers());
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
