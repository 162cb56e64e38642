package io.tokencheck.config;

import java.util.List;

/**
 * The RFC 7662 introspection endpoint: the clients allowed to call it with HTTP Basic. No clients: disabled.
 *
 * @param clients the clients in file order
 */
public record IntrospectionSettings(List<Client> clients) {
    /** The endpoint is off (no {@code introspection:} in the file). */
    public static final IntrospectionSettings DISABLED = new IntrospectionSettings(List.of());

    public IntrospectionSettings {
        clients = List.copyOf(clients);
    }

    /** True when at least one client is configured. */
    public boolean enabled() {
        return !clients.isEmpty();
    }

    /**
     * One client credential.
     *
     * @param id     the client id (the Basic user name)
     * @param secret the secret as UTF-8 bytes (never logged)
     */
    public record Client(String id, byte[] secret) {
        @Override
        public String toString() {
            return "Client[id=" + id + ", secret=(" + secret.length + " bytes)]";
        }
    }
}
