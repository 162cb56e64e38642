package io.tokencheck.loadtest;

import io.tokencheck.reason.DenyReason;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Sends a plan open-loop at a constant arrival rate: request i is due at start + i / rate and is sent then, whether
 * or not earlier ones have returned, each on its own virtual thread. Latency runs from the due time, not the send
 * time, so a stalled server (or generator) shows up in the percentiles instead of silently slowing the schedule
 * (coordinated omission). At most maxInFlight requests are outstanding; a due request beyond that is dropped and
 * counted, so an overloaded target makes the report worse, never the generator's memory larger.
 */
public final class OpenLoopRun {
    private static final int STATUS_SLOTS = 600;
    private static final DenyReason[] REASONS = DenyReason.values();
    private static final int REASON_SLOTS = REASONS.length + 1;

    private final RunSettings settings;
    private final String label;
    private final boolean baseline;
    private final ServerCpu serverCpu;

    private final Recorder recorder;
    private final Histogram sendLag = new Histogram(3_600_000_000_000L, 2);
    private final long highestNanos;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLongArray statuses = new AtomicLongArray(STATUS_SLOTS);
    private final AtomicLongArray sentByKind = new AtomicLongArray(TokenKind.values().length);
    private final AtomicLongArray unexpectedByKind = new AtomicLongArray(TokenKind.values().length);
    private final AtomicLongArray allowedByKind = new AtomicLongArray(TokenKind.values().length);
    // Denies per kind and reason code; the last slot of each kind counts denies without a known code.
    private final AtomicLongArray denyReasons = new AtomicLongArray(TokenKind.values().length * REASON_SLOTS);
    private final LongAdder completed = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder unexpected = new LongAdder();
    private final AtomicLong lastCompletion = new AtomicLong();
    private Histogram latencies;

    /**
     * A run with these settings. A baseline run sends the same requests (same Authorization header) to an endpoint
     * that ignores them, and expects 200 for every one.
     */
    public OpenLoopRun(RunSettings settings, String label, boolean baseline) {
        this(settings, label, baseline, null);
    }

    /** A run that also measures the CPU time of the service's process (null: not measured). */
    OpenLoopRun(RunSettings settings, String label, boolean baseline, ServerCpu serverCpu) {
        this.serverCpu = serverCpu;
        this.settings = settings;
        this.label = label;
        this.baseline = baseline;
        this.highestNanos = settings.timeout().toNanos() * 2;
        this.recorder = new Recorder(Math.max(highestNanos, 2_000_000L), 3);
    }

    /** Sends the plan (its size should be settings.requestCount()) and returns the counts and latencies. */
    public RunResult execute(Plan plan) {
        String host = settings.baseUrl().getHost();
        int port = settings.baseUrl().getPort() < 0 ? 80 : settings.baseUrl().getPort();
        String hostHeader = host + ":" + port;
        String path = settings.path();
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis());
        long timeoutNanos = settings.timeout().toNanos();
        double intervalNanos = 1e9 / settings.rate();
        int maxInFlight = settings.maxInFlight();
        int maxSeen = 0;
        long dropped = 0;
        long sent = 0;

        // Every request's bytes are built before the clock starts (one copy per distinct token), so the timed loop
        // allocates little beyond a virtual thread per request.
        byte[][] requests = new byte[plan.size()][];
        Map<String, byte[]> byToken = new HashMap<>();
        for (int i = 0; i < plan.size(); i++) {
            requests[i] = byToken.computeIfAbsent(plan.tokens()[i], t -> HttpConnection.request(hostHeader, path, t));
        }
        byToken.clear();
        ConnectionPool pool = new ConnectionPool(host, port, settings.connections(), timeoutMillis);
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        // Start slightly in the future so that request 0 is not late by the set-up above.
        long cpuBefore = ProcessCpu.nanos();
        long gcBefore = ProcessCpu.gcMillis();
        long serverBefore = serverCpu == null ? -1 : serverCpu.nanos();
        long start = System.nanoTime() + 5_000_000L;
        try {
            for (int i = 0; i < plan.size(); i++) {
                long due = start + (long) (i * intervalNanos);
                waitUntil(due);
                // How late the generator itself is: a large lag means the stall was here (GC, CPU), not in the service.
                sendLag.recordValue(Math.max(0, System.nanoTime() - due));
                // Only this thread increments, so check-then-increment cannot overshoot the bound.
                if (inFlight.get() >= maxInFlight) {
                    dropped++;
                    continue;
                }
                int now = inFlight.incrementAndGet();
                maxSeen = Math.max(maxSeen, now);
                sent++;
                TokenKind kind = plan.kinds()[i];
                byte[] request = requests[i];
                sentByKind.incrementAndGet(kind.ordinal());
                int expected = baseline ? 200 : kind.expectedStatus();
                threads.execute(() -> one(pool, request, kind, expected, due, timeoutNanos));
            }
            // Everything still out gets its own timeout (plus a margin) to finish; then the run is over regardless.
            long deadline = System.nanoTime() + timeoutNanos + 1_000_000_000L;
            while (inFlight.get() > 0 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(1_000_000L);
            }
        } finally {
            threads.shutdownNow();
            pool.close();
            try {
                threads.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long stragglers = inFlight.get();
        long serverAfter = serverCpu == null ? -1 : serverCpu.nanos();
        double serverCpuSeconds = serverBefore < 0 || serverAfter < 0 ? -1 : (serverAfter - serverBefore) / 1e9;
        Histogram h = recorder.getIntervalHistogram();
        latencies = h;
        long end = Math.max(lastCompletion.get(), start + 1);
        double seconds = (end - start) / 1e9;
        Map<Integer, Long> statusCounts = new TreeMap<>();
        for (int s = 0; s < STATUS_SLOTS; s++) {
            if (statuses.get(s) > 0) {
                statusCounts.put(s, statuses.get(s));
            }
        }
        Map<String, RunResult.KindCounts> kinds = new LinkedHashMap<>();
        for (TokenKind k : TokenKind.values()) {
            long n = sentByKind.get(k.ordinal());
            if (n > 0) {
                kinds.put(k.id(), new RunResult.KindCounts(baseline ? 200 : k.expectedStatus(), n,
                        unexpectedByKind.get(k.ordinal()), allowedByKind.get(k.ordinal()), reasons(k)));
            }
        }
        return new RunResult(label, path, settings.rate(), seconds, plan.size(), sent, dropped, completed.sum(),
                timeouts.sum() + stragglers, errors.sum(), unexpected.sum(), completed.sum() / seconds,
                LatencySummary.of(h), statusCounts, kinds, maxSeen, pool.opened(), plan.reusedUnique(),
                (ProcessCpu.nanos() - cpuBefore) / 1e9, serverCpuSeconds,
                new RunResult.GeneratorLag(sendLag.getValueAtPercentile(99) / 1e6, sendLag.getMaxValue() / 1e6,
                        ProcessCpu.gcMillis() - gcBefore));
    }

    private Map<String, Long> reasons(TokenKind k) {
        Map<String, Long> m = new TreeMap<>();
        for (int r = 0; r < REASON_SLOTS; r++) {
            long n = denyReasons.get(k.ordinal() * REASON_SLOTS + r);
            if (n > 0) {
                m.put(r < REASONS.length ? REASONS[r].code() : "none", n);
            }
        }
        return m;
    }

    /** The latencies of the last execute (nanoseconds), for merging runs into one summary; null before it. */
    public Histogram latencies() {
        return latencies;
    }

    private void one(ConnectionPool pool, byte[] request, TokenKind kind, int expected, long due, long timeoutNanos) {
        HttpConnection c = null;
        boolean counted = false;
        try {
            long deadline = due + timeoutNanos;
            c = pool.acquire(deadline);
            if (c == null) {
                timedOut();
                counted = true;
                return;
            }
            int status;
            try {
                status = c.exchange(request, remainingMillis(deadline));
            } catch (HttpConnection.StaleConnectionException e) {
                HttpConnection stale = c;
                c = null; // replace() frees the slot itself if it fails
                c = pool.replace(stale);
                status = c.exchange(request, remainingMillis(deadline));
            }
            if (status == 200) {
                allowedByKind.incrementAndGet(kind.ordinal());
            } else {
                DenyReason reason = c.reason();
                denyReasons.incrementAndGet(kind.ordinal() * REASON_SLOTS + (reason == null ? REASONS.length : reason.ordinal()));
            }
            long done = System.nanoTime();
            recorder.recordValue(Math.min(done - due, highestNanos));
            lastCompletion.accumulateAndGet(done, Math::max);
            if (status >= 0 && status < STATUS_SLOTS) {
                statuses.incrementAndGet(status);
            }
            completed.increment();
            if (status != expected) {
                unexpected.increment();
                unexpectedByKind.incrementAndGet(kind.ordinal());
            }
            counted = true;
        } catch (SocketTimeoutException e) {
            if (c != null) {
                c.close();
            }
            timedOut();
            counted = true;
        } catch (IOException | RuntimeException e) {
            if (c != null) {
                c.close();
            }
            errors.increment();
            counted = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (c != null) {
                pool.release(c);
            }
            if (counted) {
                inFlight.decrementAndGet();
            }
        }
    }

    private void timedOut() {
        timeouts.increment();
        recorder.recordValue(highestNanos / 2);
    }

    private static int remainingMillis(long deadlineNanos) {
        return (int) Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000L);
    }

    /** Parks until the due time; parking (not spinning) leaves the cores to the service on a small machine. */
    private static void waitUntil(long due) {
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    /** The run's label, e.g. "check" or "baseline". */
    public String label() {
        return label;
    }
}
