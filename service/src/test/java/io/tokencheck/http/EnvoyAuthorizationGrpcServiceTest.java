package io.tokencheck.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.Code;
import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tokencheck.config.TokencheckConfig;
import io.tokencheck.decision.DecisionMetrics;
import io.tokencheck.decision.TokenChecker;
import io.tokencheck.keys.KeyResolver;
import io.tokencheck.keys.KeySet;
import io.tokencheck.policy.RouteTable;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ext_authz gRPC service called directly: what it answers when deciding itself fails. */
class EnvoyAuthorizationGrpcServiceTest {
    @TempDir
    Path dir;

    /** Collects what the service sends on the stream. */
    private static final class Recorder implements StreamObserver<CheckResponse> {
        final List<CheckResponse> responses = new ArrayList<>();
        Throwable error;
        boolean completed;

        @Override
        public void onNext(CheckResponse value) {
            responses.add(value);
        }

        @Override
        public void onError(Throwable t) {
            error = t;
        }

        @Override
        public void onCompleted() {
            completed = true;
        }
    }

    @Test
    void anErrorWhileDecidingIsAnInternalErrorDenyNeverAnRpcError() throws Exception {
        TokencheckConfig config = GrpcPortSettingTest.minimalConfig(dir, "", Map.of());
        // Counting the decision throws: the decider fails after the checker decided.
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (id.getName().equals("tokencheck.decisions")) {
                    throw new IllegalStateException("metrics broke");
                }
                return id;
            }
        });
        TokenChecker checker = TokenChecker.fromConfig(config, i -> KeyResolver.of(KeySet.empty()), Clock.systemUTC(),
                new DecisionMetrics(registry));
        EnvoyAuthorizationGrpcService service = new EnvoyAuthorizationGrpcService(checker, config.jwks(), RouteTable.empty(), Map.of());

        Recorder recorder = new Recorder();
        service.check(EnvoyCheckClient.request("GET", "api.example.com", "/x"), recorder);

        assertThat(recorder.error).isNull();
        assertThat(recorder.completed).isTrue();
        assertThat(recorder.responses).hasSize(1);
        CheckResponse r = recorder.responses.getFirst();
        assertThat(r.getStatus().getCode()).isEqualTo(Code.UNAUTHENTICATED_VALUE);
        assertThat(r.getDeniedResponse().getStatus().getCodeValue()).isEqualTo(401);
        assertThat(EnvoyCheckClient.headers(r.getDeniedResponse().getHeadersList()))
                .containsEntry("x-auth-deny-reason", "internal_error")
                .containsEntry("www-authenticate", "Bearer realm=\"tokencheck\", error=\"invalid_token\", "
                        + "error_description=\"" + io.tokencheck.reason.DenyReason.INTERNAL_ERROR.description() + "\"");
    }
}
