package io.tokencheck.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A self-signed certificate for 127.0.0.1 made by the JDK's keytool: a PKCS12 key store and the certificate as PEM. */
record SelfSignedCertificate(Path keyStore, Path pem, String password) {

    /** Makes one in this folder (an EC P-256 key, valid two days). */
    static SelfSignedCertificate create(Path dir) throws IOException, InterruptedException {
        SelfSignedCertificate c = new SelfSignedCertificate(dir.resolve("server.p12"), dir.resolve("ca.pem"), "changeit");
        keytool("-genkeypair", "-alias", "idp", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-keystore", c.keyStore.toString(), "-storetype", "PKCS12",
                "-storepass", c.password, "-keypass", c.password);
        keytool("-exportcert", "-rfc", "-alias", "idp", "-keystore", c.keyStore.toString(), "-storepass", c.password,
                "-file", c.pem.toString());
        return c;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("keytool failed: " + out);
        }
    }
}
