package io.tokencheck.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntrospectionReaderTest {
    @TempDir
    Path dir;
    private ConfigFile file;

    @BeforeEach
    void setUp() {
        file = new ConfigFile(dir);
    }

    @Test
    void noIntrospectionKeyMeansTheEndpointIsDisabled() throws Exception {
        assertThat(file.load(ConfigFile.MINIMAL_ISSUERS).introspection().enabled()).isFalse();
    }

    @Test
    void clientsAreReadWithInlineOrEnvironmentSecrets() throws Exception {
        TokencheckConfig c = file.load(ConfigFile.MINIMAL_ISSUERS + """
                introspection:
                  clients:
                    - { id: gateway, secret: inline-secret-0123456789 }
                    - { id: library, secret_env: LIB_SECRET }
                """, Map.of("LIB_SECRET", "from-the-environment-42"));
        assertThat(c.introspection().clients()).extracting(IntrospectionSettings.Client::id).containsExactly("gateway", "library");
        assertThat(new String(c.introspection().clients().get(1).secret(), StandardCharsets.UTF_8)).isEqualTo("from-the-environment-42");
        assertThat(c.introspection().clients().get(0).toString()).doesNotContain("inline-secret");
    }

    @Test
    void badClientsAreOneLineErrorsThatNeverShowTheSecret() {
        String base = ConfigFile.MINIMAL_ISSUERS + "introspection:\n  clients:\n";
        assertThat(file.error(ConfigFile.MINIMAL_ISSUERS + "introspection: {}\n")).contains("introspection.clients: expected a list of clients");
        assertThat(file.error(base + "    - { id: g, secret: short }\n"))
                .contains("introspection.clients[0].secret: secret has 5 characters; at least 16").doesNotContain("short");
        assertThat(file.error(base + "    - { id: g, secret_env: NOPE }\n")).contains("environment variable NOPE is not set");
        assertThat(file.error(base + "    - { id: g, secret: aaaaaaaaaaaaaaaaaaaa, secret_env: X }\n")).contains("set exactly one");
        assertThat(file.error(base + "    - { id: g }\n")).contains("no secret");
        assertThat(file.error(base + "    - { id: \"a:b\", secret: aaaaaaaaaaaaaaaaaaaa }\n")).contains("without ':'");
        assertThat(file.error(base + "    - { id: g, secret: aaaaaaaaaaaaaaaaaaaa }\n    - { id: g, secret: bbbbbbbbbbbbbbbbbbbb }\n"))
                .contains("duplicate client id");
    }
}
