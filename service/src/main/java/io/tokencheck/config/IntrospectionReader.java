package io.tokencheck.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads {@code introspection: { clients: [{id, secret | secret_env}] }}; absent means the endpoint is disabled. */
final class IntrospectionReader {
    private static final List<String> KEYS = List.of("clients");
    private static final List<String> CLIENT_KEYS = List.of("id", "secret", "secret_env");
    private static final int MIN_SECRET_CHARS = 16;

    private IntrospectionReader() {
    }

    static IntrospectionSettings read(MappingReader root) throws ConfigException {
        LoadContext ctx = root.context();
        YamlNode node = root.node("introspection");
        if (node == null) {
            return IntrospectionSettings.DISABLED;
        }
        MappingReader in = new MappingReader(ctx, "introspection", node, KEYS);
        YamlNode clients = in.node("clients");
        String path = in.child("clients");
        if (!(clients instanceof YamlNode.Sequence sequence) || sequence.items().isEmpty()) {
            throw ctx.problem(path, "expected a list of clients (- id: ..., secret_env: ...), found "
                    + (clients == null ? "nothing" : YamlNode.describe(clients)) + " (remove introspection to disable the endpoint)");
        }
        List<IntrospectionSettings.Client> read = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < sequence.items().size(); i++) {
            MappingReader client = new MappingReader(ctx, path + "[" + i + "]", sequence.items().get(i), CLIENT_KEYS);
            ScalarValue id = client.required("id", "the client id sent as the HTTP Basic user name");
            if (id.text().isEmpty() || id.text().indexOf(':') >= 0 || !id.text().chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw id.problem("a client id is visible ASCII without ':' (it is the HTTP Basic user name)");
            }
            if (!ids.add(id.text())) {
                throw id.problem("duplicate client id " + Quoted.of(id.text()));
            }
            read.add(new IntrospectionSettings.Client(id.text(), secret(client)));
        }
        return new IntrospectionSettings(read);
    }

    /** The secret's bytes; messages never contain its text. */
    private static byte[] secret(MappingReader client) throws ConfigException {
        LoadContext ctx = client.context();
        Optional<ScalarValue> inline = client.scalar("secret");
        Optional<ScalarValue> envName = client.scalar("secret_env");
        if (inline.isPresent() == envName.isPresent()) {
            throw ctx.problem(client.path(), inline.isPresent()
                    ? "both secret and secret_env are set; set exactly one"
                    : "no secret (set exactly one of secret or secret_env)");
        }
        String value;
        if (inline.isPresent()) {
            value = inline.get().text();
        } else {
            String variable = envName.get().text();
            value = ctx.env().get(variable);
            if (value == null || value.isEmpty()) {
                throw envName.get().problem("environment variable " + variable + " is not set");
            }
        }
        if (value.length() < MIN_SECRET_CHARS) {
            throw ctx.problem(client.child("secret"), "secret has " + value.length() + " characters; at least "
                    + MIN_SECRET_CHARS + " are required");
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
