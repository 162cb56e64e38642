package io.tokencheck.cli;

import io.tokencheck.TokencheckServer;
import io.tokencheck.config.ConfigException;
import io.tokencheck.config.TokencheckConfig;
import io.tokencheck.verify.CryptoProviders;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

/** serve: runs the HTTP service until the process is stopped. */
final class ServeCommand {
    private static final Logger LOG = Logger.getLogger(ServeCommand.class.getName());

    int run(CommandLine cl, PrintStream err) throws UsageException {
        cl.allowOnly("config");
        // Start choosing crypto providers now: it overlaps with reading the config and starting the web server.
        CryptoProviders.selection();
        TokencheckConfig config;
        try {
            config = ConfigArgument.load(cl);
        } catch (ConfigException e) {
            err.println("tokencheck: " + e.getMessage());
            return 2;
        }
        TokencheckServer server;
        try {
            server = TokencheckServer.start(config);
        } catch (RuntimeException e) {
            // The cause names the address that failed (the HTTP or the gRPC port).
            err.println("tokencheck: cannot start the server: " + rootMessage(e));
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "tokencheck-shutdown"));
        String grpc = server.grpcPort().isPresent() ? " (Envoy ext_authz gRPC on port " + server.grpcPort().getAsInt() + ")" : "";
        LOG.info("tokencheck listening on " + config.server().host() + ":" + server.port() + grpc + " with "
                + config.issuers().size() + " issuer(s) and policies " + String.join(", ", config.policies().keySet()));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
