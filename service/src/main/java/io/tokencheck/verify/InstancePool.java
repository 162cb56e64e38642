package io.tokencheck.verify;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A small lock-free pool of ready, non-thread-safe objects (initialised {@code Signature} or {@code Mac}).
 * Not a ThreadLocal: requests run on virtual threads, one per request, so a per-thread cache would never hit
 * and would leak one object per request thread. Taking and returning are one atomic swap per slot probed and
 * allocate nothing; when every slot is empty the caller builds a fresh object, and a full pool drops it.
 *
 * @param <T> the pooled type
 */
final class InstancePool<T> {
    /** Enough for every carrier thread plus platform threads of a benchmark or test; more would only hold memory. */
    static final int DEFAULT_SLOTS = Math.clamp(2L * Runtime.getRuntime().availableProcessors(), 4, 64);

    private final AtomicReferenceArray<T> slots;

    InstancePool(int size) {
        slots = new AtomicReferenceArray<>(size);
    }

    /** A pooled object, now owned by the caller alone, or null when the pool is empty. */
    T take() {
        int n = slots.length();
        int start = start(n);
        for (int i = 0; i < n; i++) {
            int slot = (start + i) % n;
            if (slots.getPlain(slot) != null) {
                T t = slots.getAndSet(slot, null);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }

    /** Gives an object back; only objects in their freshly initialised state may be returned. */
    void give(T t) {
        int n = slots.length();
        int start = start(n);
        for (int i = 0; i < n; i++) {
            int slot = (start + i) % n;
            if (slots.getPlain(slot) == null && slots.compareAndSet(slot, null, t)) {
                return;
            }
        }
        // Full: let the garbage collector have it.
    }

    /** How many objects the pool holds now (for tests). */
    int size() {
        int count = 0;
        for (int i = 0; i < slots.length(); i++) {
            if (slots.get(i) != null) {
                count++;
            }
        }
        return count;
    }

    // Threads start probing at different slots, so that concurrent callers rarely contend for one.
    private static int start(int n) {
        return (int) (Thread.currentThread().threadId() % n);
    }
}
