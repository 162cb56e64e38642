package io.tokencheck.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;

/** Checks jwks.ca_file at start-up: a readable PEM (or DER) file holding at least one X.509 certificate. */
final class CaBundleFile {
    private CaBundleFile() {
    }

    /** The resolved path (relative to the config file's folder) once the file proves to hold certificates. */
    static Path require(LoadContext ctx, ScalarValue value) throws ConfigException {
        Path path;
        try {
            path = ctx.configDir().resolve(value.text()).normalize();
        } catch (InvalidPathException e) {
            throw value.problem("not a valid file path: " + Quoted.of(value.text()));
        }
        if (!Files.isRegularFile(path)) {
            throw value.problem("file not found: " + path);
        }
        try (InputStream in = Files.newInputStream(path)) {
            if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
                throw value.problem("holds no certificates: " + path);
            }
        } catch (IOException e) {
            throw value.problem("file is not readable: " + path);
        } catch (CertificateException e) {
            throw value.problem("not a PEM bundle of X.509 certificates: " + path);
        }
        return path;
    }
}
