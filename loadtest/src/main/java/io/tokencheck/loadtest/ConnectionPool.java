package io.tokencheck.loadtest;

import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** At most {@code max} keep-alive connections to one host; a request waits for one (its wait counts as latency). */
final class ConnectionPool implements AutoCloseable {
    private final String host;
    private final int port;
    private final int connectTimeoutMillis;
    private final Semaphore inUse;
    private final ConcurrentLinkedDeque<HttpConnection> idle = new ConcurrentLinkedDeque<>();
    private final ConcurrentLinkedQueue<HttpConnection> all = new ConcurrentLinkedQueue<>();
    private final AtomicInteger opened = new AtomicInteger();

    ConnectionPool(String host, int port, int max, int connectTimeoutMillis) {
        this.host = host;
        this.port = port;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.inUse = new Semaphore(max);
    }

    /** A connection (idle or new), or null when none became free before the deadline. */
    HttpConnection acquire(long deadlineNanos) throws IOException, InterruptedException {
        if (!inUse.tryAcquire(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            return null;
        }
        HttpConnection c = idle.pollFirst();
        return c != null ? c : openInSlot();
    }

    /** Opens a fresh connection in place of a stale one, keeping the caller's slot. */
    HttpConnection replace(HttpConnection stale) throws IOException {
        stale.close();
        all.remove(stale);
        return openInSlot();
    }

    /** A new connection for a slot the caller holds; the slot is given back when the connection cannot be opened. */
    private HttpConnection openInSlot() throws IOException {
        HttpConnection c;
        try {
            c = HttpConnection.open(host, port, connectTimeoutMillis);
        } catch (IOException e) {
            inUse.release();
            throw e;
        }
        opened.incrementAndGet();
        all.add(c);
        return c;
    }

    /** Returns a connection: kept (most recently used first) when reusable, closed otherwise. */
    void release(HttpConnection c) {
        if (c.reusable()) {
            idle.offerFirst(c);
        } else {
            c.close();
            all.remove(c);
        }
        inUse.release();
    }

    /** How many connections were opened in all. */
    int opened() {
        return opened.get();
    }

    @Override
    public void close() {
        for (HttpConnection c : all) {
            c.close();
        }
        all.clear();
        idle.clear();
    }
}
