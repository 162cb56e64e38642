package io.tokencheck.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A thread-safe clock that stands still until a test moves it, so time-dependent behaviour needs no sleeps. */
public final class MutableClock extends Clock {
    private final AtomicLong millis;

    private MutableClock(long millis) {
        this.millis = new AtomicLong(millis);
    }

    /** A clock standing at this instant. */
    public static MutableClock at(Instant start) {
        return new MutableClock(start.toEpochMilli());
    }

    /** A clock standing at the current time. */
    public static MutableClock now() {
        return new MutableClock(System.currentTimeMillis());
    }

    /** Moves the clock forward (or back, for a negative duration). */
    public MutableClock advance(Duration d) {
        millis.addAndGet(d.toMillis());
        return this;
    }

    /** Sets the clock to this instant. */
    public MutableClock set(Instant instant) {
        millis.set(instant.toEpochMilli());
        return this;
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        // Tests only need UTC; keep sharing the same time source.
        return this;
    }
}
