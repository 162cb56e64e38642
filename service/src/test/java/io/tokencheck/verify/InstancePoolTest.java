package io.tokencheck.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class InstancePoolTest {

    @Test
    void anEmptyPoolGivesNothing() {
        assertThat(new InstancePool<String>(4).take()).isNull();
    }

    @Test
    void whatIsGivenIsTakenOnceOnly() {
        InstancePool<String> pool = new InstancePool<>(4);
        pool.give("a");
        assertThat(pool.take()).isEqualTo("a");
        assertThat(pool.take()).isNull();
    }

    @Test
    void aFullPoolDropsWhatItCannotHold() {
        InstancePool<Integer> pool = new InstancePool<>(2);
        for (int i = 0; i < 5; i++) {
            pool.give(i);
        }
        assertThat(pool.size()).isEqualTo(2);
        assertThat(pool.take()).isNotNull();
        assertThat(pool.take()).isNotNull();
        assertThat(pool.take()).isNull();
    }

    /** An object that notices when two threads hold it at once. */
    private static final class Exclusive {
        final AtomicBoolean held = new AtomicBoolean();
    }

    @Test
    void concurrentTakersNeverShareAnObject() throws Exception {
        InstancePool<Exclusive> pool = new InstancePool<>(3);
        for (int i = 0; i < 3; i++) {
            pool.give(new Exclusive());
        }
        List<Future<Boolean>> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            for (int t = 0; t < 8; t++) {
                results.add(threads.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        Exclusive e = pool.take();
                        if (e == null) {
                            e = new Exclusive();
                        }
                        if (!e.held.compareAndSet(false, true)) {
                            return false;
                        }
                        Thread.onSpinWait();
                        e.held.set(false);
                        pool.give(e);
                    }
                    return true;
                }));
            }
            threads.shutdown();
            assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        for (Future<Boolean> r : results) {
            assertThat(r.get()).isTrue();
        }
        assertThat(pool.size()).isBetween(1, 3);
    }
}
