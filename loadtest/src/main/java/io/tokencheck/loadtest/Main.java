package io.tokencheck.loadtest;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Command-line entry point of the load generator: run, smoke, scenario, mint. Exit 0 ok, 1 failures seen, 2 usage error. */
public final class Main {
    static final String USAGE = """
            usage: java -jar loadtest/target/tokencheck-loadtest.jar <command> [options]
              run   (--embedded | --target URL --tokens FILE) --rate N --duration D [options]
                    open-loop load at a constant arrival rate, then the same rate against /health/live (the baseline)
                --mix K=W,...         token kinds and weights (default %s)
                                      kinds: %s
                --warmup D            unmeasured warm-up at the same rate first (default 3s)
                --max-in-flight N     bound on outstanding requests; beyond it requests are dropped and counted (default 256)
                --connections N       keep-alive connections at most (default: --max-in-flight)
                --timeout D           per request, counted as a timeout beyond it (default 2s)
                --no-baseline         skip the /health/live comparison run
                --baseline-duration D length of the comparison run (default: --duration)
                --path P              the checked path (default /check/loadtest)
                --alg ALG             signing algorithm of minted tokens, --embedded only (default RS256)
                --server-pid PID      with --target on this machine: also measure the service's CPU per request
                --seed N              the random seed of the request sequence (default 1)
                --report FILE         the JSON report (default loadtest-report.json)
                --rate-steps SPEC     step mode: START:INCREMENT:MAX or R1,R2,...; highest sustained rate for /check and
                                      /health/live, then a --duration run at half the /check one
                --step-duration D     length of each step (default 5s)
                --step-attempts N     tries of a step before the search stops (default 2: noise on shared machines)
                --max-p99 MS          a step with a higher p99 is not sustained (default 10)
                --max-failure-rate F  a step with more failures (unexpected, timeouts, errors, drops) is not (default 0.001)
              smoke [run options]     CI smoke test: --embedded, default mix, 10 s at 200/s, 3 s baseline; exit 1 on any
                                      unexpected status or transport error, or over 1 %% timed out or dropped
              scenario hostile|rotation|outage [options]
                    embedded tokencheck with short key-fetching intervals; steady traffic through an event;
                    exit 1 on any wrong allow or deny (or lost over 1 %%) and on the scenario's own bound
                  hostile   valid traffic alone, then beside a flood of forged tokens; JWKS fetches within the bound
                  rotation  a new key is published, then signs, then the old key leaves the JWKS
                  outage    the JWKS server answers 503 (--slow-outage: too late) for a third of the run
                --rate N              steady traffic, requests per second (default 200)
                --duration D          all measured phases together (default 20s, at most 5m)
                --mix K=W,...         the steady traffic (default: hostile cached=90,unique=10; the others the run default)
                --flood-rate N        hostile: forged requests per second (default 1000)
                --flood-mix K=W,...   hostile: the flood (default %s)
                --max-fetches N       hostile: the JWKS fetch bound instead of 1 + flood time / unknown-kid interval
                --warmup D, --max-in-flight N, --connections N, --timeout D, --seed N: as for run (warm-up default 2s)
                --report FILE         the JSON report (default loadtest-NAME.json)
              mint  --count N --out FILE [--mix K=W,...] [--alg ALG] [--ttl D] [--port N] [--seed N]
                    write a token file (the request sequence with kinds and expected statuses, the JWKS and a config)
                    plus FILE's NAME.jwks.json and NAME.tokencheck.yaml beside it (--port: the config's port, default 8080)
            """.formatted(Mix.DEFAULT, TokenKind.ids(), HostileScenario.FLOOD_MIX);

    private Main() {
    }

    public static void main(String[] args) {
        // The embedded service logs at INFO; the report is what matters here.
        Logger.getLogger("").setLevel(Level.WARNING);
        Logger.getLogger("io.helidon").setLevel(Level.WARNING);
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command and returns its exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(USAGE);
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "run" -> new RunCommand(out).run(rest, false);
                case "smoke" -> new RunCommand(out).run(rest, true);
                case "mint" -> new MintCommand(out).run(rest);
                case "scenario" -> new ScenarioCommand(out).run(rest);
                case "help", "--help", "-h" -> {
                    out.print(USAGE);
                    yield 0;
                }
                default -> throw new Arguments.UsageException("unknown command \"" + args[0] + "\"");
            };
        } catch (Arguments.UsageException | IllegalArgumentException e) {
            err.println("loadtest: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
    }
}
