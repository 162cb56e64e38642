package io.tokencheck.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {

    /** Records whether the body subscriber gave up on the stream. */
    private static final class Subscription implements Flow.Subscription {
        boolean cancelled;

        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @Test
    void bodyWithinTheLimitIsCollected() throws Exception {
        BoundedBody body = new BoundedBody(10);
        body.onSubscribe(new Subscription());
        body.onNext(List.of(ByteBuffer.wrap(new byte[] {1, 2, 3}), ByteBuffer.wrap(new byte[7])));
        body.onComplete();

        assertThat(body.getBody().toCompletableFuture().get()).hasSize(10).startsWith(1, 2, 3);
    }

    @Test
    void streamedBodyPastTheLimitIsAbortedAtOnce() {
        BoundedBody body = new BoundedBody(10);
        Subscription s = new Subscription();
        body.onSubscribe(s);
        body.onNext(List.of(ByteBuffer.wrap(new byte[6])));
        body.onNext(List.of(ByteBuffer.wrap(new byte[6])));

        assertThat(s.cancelled).isTrue();
        assertThatThrownBy(() -> body.getBody().toCompletableFuture().get())
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(BoundedBody.TooLarge.class);
    }

    @Test
    void bodyDeclaredTooLargeIsNotReadAtAll() {
        BoundedBody body = new BoundedBody(-1);
        Subscription s = new Subscription();
        body.onSubscribe(s);

        assertThat(s.cancelled).isTrue();
        assertThat(body.getBody().toCompletableFuture()).isCompletedExceptionally();
    }
}
