package io.tokencheck.loadtest;

import io.tokencheck.issuerkit.IssuerKit;
import io.tokencheck.keys.JwsAlgorithm;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** mint: a token file for k6 and other tools, with the JWKS and a tokencheck config that trusts it. */
final class MintCommand {
    /** The most tokens one file holds (unique ones are each signed: this bounds the time and the file size). */
    static final int MAX_COUNT = 1_000_000;

    private final PrintStream out;

    MintCommand(PrintStream out) {
        this.out = out;
    }

    int run(String[] args) {
        Arguments a = Arguments.parse(args, Set.of(), Set.of("count", "out", "mix", "alg", "ttl", "port", "seed"));
        int count = a.integer("count", 0);
        if (count < 1 || count > MAX_COUNT) {
            throw new Arguments.UsageException("--count must be between 1 and " + MAX_COUNT);
        }
        Path file = Path.of(a.required("out"));
        Mix mix = Mix.parse(a.string("mix", Mix.DEFAULT));
        JwsAlgorithm alg = JwsAlgorithm.valueOf(a.string("alg", "RS256"));
        Duration ttl = a.duration("ttl", Duration.ofHours(24));
        int port = a.integer("port", 8080);
        IssuerKit kit = IssuerKit.generate(LoadtestConfig.FILE_ISSUER);
        Plan plan = new MintedWorkload(new TokenMinter(kit, alg, ttl)).plan(mix, count, new Random(a.integer("seed", 1)));
        List<TokenFile.Entry> entries = new ArrayList<>(count);
        for (int i = 0; i < plan.size(); i++) {
            entries.add(new TokenFile.Entry(plan.kinds()[i], plan.kinds()[i].expectedStatus(), plan.tokens()[i]));
        }
        long now = Instant.now().getEpochSecond();
        try {
            TokenFile.Written w = TokenFile.write(file, kit.issuer(), alg.name(), mix, now, now + ttl.toSeconds(), entries,
                    kit.publicJwksJson(), port);
            out.printf("wrote %d tokens (%s) to %s%n  JWKS:   %s%n  config: %s%n", count, mix, w.tokens(), w.jwks(), w.config());
            out.printf("start tokencheck with: java -jar service/target/tokencheck.jar serve --config %s%n", w.config());
            out.printf("valid tokens expire in %s (at %s)%n", ttl, Instant.ofEpochSecond(now + ttl.toSeconds()));
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
