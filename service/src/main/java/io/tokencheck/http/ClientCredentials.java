package io.tokencheck.http;

import io.tokencheck.config.IntrospectionSettings;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Checks an HTTP Basic client credential (RFC 6749 2.3.1: id and secret form-urlencoded, then Basic) against the
 * configured introspection clients. The secrets are compared as SHA-256 digests with {@link MessageDigest#isEqual},
 * so that the time taken says nothing about the secret's content or length, nor whether the id exists.
 */
final class ClientCredentials {
    private static final byte[] NO_CLIENT = sha256(new byte[32]);

    private final List<IntrospectionSettings.Client> clients;
    private final List<byte[]> digests;

    /** Accepts these clients. */
    ClientCredentials(IntrospectionSettings settings) {
        this.clients = settings.clients();
        this.digests = clients.stream().map(c -> sha256(c.secret())).toList();
    }

    /** The authenticated client id, or null when the header is missing, malformed or does not match a client. */
    String authenticate(List<String> authorization) {
        if (authorization.size() != 1) {
            return null;
        }
        String header = authorization.getFirst();
        if (header.length() < 6 || !header.substring(0, 6).toLowerCase(Locale.ROOT).equals("basic ")) {
            return null;
        }
        String id;
        byte[] secret;
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return null;
            }
            id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        byte[] expected = NO_CLIENT;
        for (int i = 0; i < clients.size(); i++) {
            if (clients.get(i).id().equals(id)) {
                expected = digests.get(i);
            }
        }
        boolean match = MessageDigest.isEqual(expected, sha256(secret));
        return match && expected != NO_CLIENT ? id : null;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
