package io.tokencheck.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.tokencheck.keys.JwsAlgorithm;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;
    ConfigFile file;

    @BeforeEach
    void setUp() {
        file = new ConfigFile(dir);
    }

    @Test
    void fullExampleLoadsEveryValue() throws Exception {
        Files.createDirectories(dir.resolve("keys"));
        Files.writeString(dir.resolve("keys/partner.json"), "{\"keys\":[]}");
        String hs1 = ConfigFile.secret(32);
        String hs2 = ConfigFile.secret(48);
        TokencheckConfig config = file.load("""
                server:
                  host: 127.0.0.1
                  port: 9443
                limits:
                  max_token_bytes: 4096
                  max_request_bytes: 32768
                jwks:
                  default_ttl: 10m
                  min_ttl: 30s
                  max_ttl: 12h
                  max_staleness: 2d
                  unknown_kid_min_interval: PT45S
                  connect_timeout: 250ms
                  read_timeout: 3
                  max_response_bytes: 524288
                  request_wait: 500ms
                  retry_interval: 1m
                issuers:
                  - name: corp
                    issuer: https://idp.example.com/realms/corp/
                    discovery: true
                    audiences: [api://orders, api://billing]
                    algorithms: [RS256, ES256]
                    leeway_seconds: 30
                    scope_claims: [scope]
                    required_claims: [sub, client_id]
                    require_exp: false
                    token_type: at+jwt
                  - name: partner
                    issuer: https://partner.example.net
                    jwks_uri: https://partner.example.net/keys
                    audiences: api://orders
                  - name: offline
                    issuer: offline-issuer
                    jwks_file: keys/partner.json
                    audiences: [api://orders]
                    algorithms: EdDSA
                  - name: internal
                    issuer: internal
                    audiences: [api://internal]
                    algorithms: [HS256]
                    hmac_secrets:
                      - kid: hs-1
                        secret: "%s"
                      - kid: hs-2
                        secret_env: TOKENCHECK_TEST_HS2
                policies:
                  orders-read:
                    issuers: [corp, partner]
                    audiences: [api://orders]
                    scopes: [orders:read]
                    any_scopes: [a, b]
                    claims:
                      client_id: [web, mobile]
                      tenant: acme
                  admin:
                    scopes: admin
                default_policy: orders-read
                claim_headers:
                  X-Auth-Tenant: tenant
                  X-Auth-Email: email
                """.formatted(hs1), Map.of("TOKENCHECK_TEST_HS2", hs2));

        assertThat(config.server()).isEqualTo(new ServerSettings("127.0.0.1", 9443));
        assertThat(config.limits()).isEqualTo(new LimitSettings(4096, 32768));
        assertThat(config.jwks()).isEqualTo(new JwksSettings(Duration.ofMinutes(10), Duration.ofSeconds(30),
                Duration.ofHours(12), Duration.ofDays(2), Duration.ofSeconds(45), Duration.ofMillis(250),
                Duration.ofSeconds(3), 524288, Duration.ofMillis(500), Duration.ofMinutes(1)));

        assertThat(config.issuers()).hasSize(4);
        IssuerSettings corp = config.issuers().get(0);
        assertThat(corp).isEqualTo(new IssuerSettings("corp", "https://idp.example.com/realms/corp/",
                new KeySourceSettings.Discovery(URI.create("https://idp.example.com/realms/corp/.well-known/openid-configuration")),
                List.of("api://orders", "api://billing"), EnumSet.of(JwsAlgorithm.RS256, JwsAlgorithm.ES256),
                Duration.ofSeconds(30), List.of("scope"), List.of("sub", "client_id"), false, "at+jwt"));

        IssuerSettings partner = config.issuers().get(1);
        assertThat(partner.keys()).isEqualTo(new KeySourceSettings.JwksUri(URI.create("https://partner.example.net/keys")));
        assertThat(partner.audiences()).containsExactly("api://orders");
        assertThat(partner.algorithms()).isEqualTo(JwsAlgorithm.asymmetricSet());

        IssuerSettings offline = config.issuers().get(2);
        assertThat(offline.keys()).isEqualTo(new KeySourceSettings.JwksFile(dir.resolve("keys/partner.json")));
        assertThat(offline.algorithms()).containsExactly(JwsAlgorithm.EdDSA);

        IssuerSettings internal = config.issuers().get(3);
        assertThat(internal.algorithms()).containsExactly(JwsAlgorithm.HS256);
        List<KeySourceSettings.HmacSecret> secrets = ((KeySourceSettings.HmacSecrets) internal.keys()).secrets();
        assertThat(secrets).extracting(KeySourceSettings.HmacSecret::kid).containsExactly("hs-1", "hs-2");
        assertThat(secrets.get(0).secret()).isEqualTo(Base64.getUrlDecoder().decode(hs1));
        assertThat(secrets.get(1).secret()).isEqualTo(Base64.getUrlDecoder().decode(hs2));

        assertThat(config.policies()).containsOnlyKeys("orders-read", "admin");
        assertThat(config.policies().get("orders-read")).isEqualTo(new PolicySettings("orders-read",
                List.of("corp", "partner"), List.of("api://orders"), List.of("orders:read"), List.of("a", "b"),
                Map.of("client_id", List.of("web", "mobile"), "tenant", List.of("acme"))));
        assertThat(config.policies().get("admin").requiredScopes()).containsExactly("admin");
        assertThat(config.defaultPolicy()).isEqualTo("orders-read");
        assertThat(config.claimHeaders()).containsOnly(entry("X-Auth-Tenant", "tenant"), entry("X-Auth-Email", "email"));
    }

    @Test
    void minimalConfigGetsAllDefaults() throws Exception {
        TokencheckConfig config = file.load(ConfigFile.MINIMAL_ISSUERS);

        assertThat(config.server()).isEqualTo(new ServerSettings("0.0.0.0", 8080));
        assertThat(config.limits()).isEqualTo(new LimitSettings(8192, 65536));
        assertThat(config.jwks()).isEqualTo(new JwksSettings(Duration.ofMinutes(5), Duration.ofMinutes(1),
                Duration.ofHours(24), Duration.ofHours(6), Duration.ofSeconds(30), Duration.ofSeconds(2),
                Duration.ofSeconds(5), 1024 * 1024, Duration.ofSeconds(1), Duration.ofSeconds(10)));
        assertThat(config.issuers()).containsExactly(new IssuerSettings(
                "https://idp.example.com/realms/corp", "https://idp.example.com/realms/corp",
                new KeySourceSettings.JwksUri(URI.create("https://idp.example.com/jwks")),
                List.of("api://orders"), JwsAlgorithm.asymmetricSet(), Duration.ofSeconds(60),
                List.of("scope", "scp"), List.of(), true, null));
        assertThat(config.policies()).containsExactly(
                entry("default", new PolicySettings("default", List.of(), List.of(), List.of(), List.of(), Map.of())));
        assertThat(config.defaultPolicy()).isEqualTo("default");
        assertThat(config.claimHeaders()).isEmpty();
        assertThat(config.tokenCache()).isEqualTo(TokenCacheSettings.DEFAULT);
    }

    @Test
    void valuesStayTheTextWrittenWithoutYamlTyping() throws Exception {
        // YAML 1.1 typing would read 0042 as 34, 1e3 as 1000.0, 0x1F as 31 and yes as true.
        TokencheckConfig config = file.load("""
                issuers:
                  - name: off
                    issuer: yes
                    jwks_uri: https://idp.example.com/jwks
                    audiences: [0042, 1e3, 0x1F, no]
                policies:
                  default:
                    claims:
                      tenant: [0042]
                """);
        assertThat(config.issuers().get(0).name()).isEqualTo("off");
        assertThat(config.issuers().get(0).issuer()).isEqualTo("yes");
        assertThat(config.issuers().get(0).audiences()).containsExactly("0042", "1e3", "0x1F", "no");
        assertThat(config.policies().get("default").claimValues()).containsEntry("tenant", List.of("0042"));
    }

    @Test
    void tokenCacheSizeIsReadAndZeroTurnsItOff() throws Exception {
        assertThat(file.load(ConfigFile.MINIMAL_ISSUERS + "token_cache:\n  max_bytes: 1024\n").tokenCache().maxBytes())
                .isEqualTo(1024);
        assertThat(file.load(ConfigFile.MINIMAL_ISSUERS + "token_cache:\n  max_bytes: 0\n").tokenCache().enabled()).isFalse();
    }

    @Test
    void hmacIssuerDefaultsToAllHmacAlgorithms() throws Exception {
        TokencheckConfig config = file.load("""
                issuers:
                  - issuer: internal
                    audiences: [api://internal]
                    hmac_secrets:
                      - secret: "%s"
                """.formatted(ConfigFile.secret(64)));

        IssuerSettings issuer = config.issuers().getFirst();
        assertThat(issuer.algorithms()).isEqualTo(JwsAlgorithm.hmacSet());
        assertThat(((KeySourceSettings.HmacSecrets) issuer.keys()).secrets())
                .singleElement().satisfies(s -> assertThat(s.kid()).isNull());
    }

    @Test
    void paddedBase64UrlSecretIsAccepted() throws Exception {
        String padded = Base64.getUrlEncoder().encodeToString(new byte[34]);
        assertThat(padded).endsWith("=");

        TokencheckConfig config = file.load("""
                issuers:
                  - issuer: internal
                    audiences: [api://internal]
                    hmac_secrets:
                      - secret: "%s"
                """.formatted(padded));

        assertThat(((KeySourceSettings.HmacSecrets) config.issuers().getFirst().keys()).secrets().getFirst().secret())
                .hasSize(34);
    }

    @Test
    void discoveryUriIsBuiltFromIssuerWithoutTrailingSlash() throws Exception {
        TokencheckConfig config = file.load("""
                issuers:
                  - issuer: https://idp.example.com
                    discovery: true
                    audiences: [api://orders]
                """);

        assertThat(config.issuers().getFirst().keys()).isEqualTo(new KeySourceSettings.Discovery(
                URI.create("https://idp.example.com/.well-known/openid-configuration")));
    }

    @Test
    void policyNamedDefaultIsTheDefaultPolicy() throws Exception {
        TokencheckConfig config = file.load(ConfigFile.MINIMAL_ISSUERS + """
                policies:
                  default:
                    scopes: [read]
                """);

        assertThat(config.defaultPolicy()).isEqualTo("default");
        assertThat(config.policies().get("default").requiredScopes()).containsExactly("read");
    }

    @Test
    void explicitDefaultPolicyAddsNoImplicitOne() throws Exception {
        TokencheckConfig config = file.load(ConfigFile.MINIMAL_ISSUERS + """
                policies:
                  orders-read:
                    scopes: [orders:read]
                default_policy: orders-read
                """);

        assertThat(config.policies()).containsOnlyKeys("orders-read");
        assertThat(config.defaultPolicy()).isEqualTo("orders-read");
    }

    @Test
    void namesWithDotsSurviveAsWritten() throws Exception {
        // The YAML layer splits keys at dots; policy, claim and header names must come back whole.
        TokencheckConfig config = file.load(ConfigFile.MINIMAL_ISSUERS + """
                policies:
                  orders.read:
                    claims:
                      "https://example.com/roles": [admin]
                      realm_access.roles: user
                  v1.empty: {}
                claim_headers:
                  X-Tenant.Id: "https://example.com/tenant"
                """);

        assertThat(config.policies()).containsOnlyKeys("orders.read", "v1.empty", "default");
        assertThat(config.policies().get("orders.read").claimValues()).containsOnly(
                entry("https://example.com/roles", List.of("admin")), entry("realm_access.roles", List.of("user")));
        assertThat(config.claimHeaders()).containsOnly(entry("X-Tenant.Id", "https://example.com/tenant"));
    }

    @Test
    void anchorsAndMergeKeysShareIssuerSettings() throws Exception {
        TokencheckConfig config = file.load("""
                issuers:
                  - &common
                    issuer: https://a.example.com
                    jwks_uri: https://a.example.com/jwks
                    audiences: [api://orders]
                    leeway_seconds: 10
                  - <<: *common
                    issuer: https://b.example.com
                """);

        assertThat(config.issuers()).extracting(IssuerSettings::issuer)
                .containsExactly("https://a.example.com", "https://b.example.com");
        assertThat(config.issuers().get(1).leeway()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void emptyValuesMeanNotSet() throws Exception {
        TokencheckConfig config = file.load("""
                server:
                  host:
                  port: ~
                policies:
                """ + ConfigFile.MINIMAL_ISSUERS);

        assertThat(config.server()).isEqualTo(new ServerSettings("0.0.0.0", 8080));
        assertThat(config.policies()).containsOnlyKeys("default");
    }

    @Test
    void environmentOverridesScalarOptions() throws Exception {
        TokencheckConfig config = file.load("""
                server:
                  port: 8080
                jwks:
                  read_timeout: 5s
                issuers:
                  - name: corp
                    issuer: https://idp.example.com
                    jwks_uri: https://idp.example.com/jwks
                    audiences: [api://orders]
                    leeway_seconds: 60
                  - name: other
                    issuer: https://other.example.com
                    jwks_uri: https://other.example.com/jwks
                    audiences: [api://orders]
                    hmac_secrets: ~
                """, Map.of(
                "TOKENCHECK_SERVER_PORT", "9090",
                "TOKENCHECK_SERVER_HOST", "127.0.0.1",
                "TOKENCHECK_JWKS_READ_TIMEOUT", "750ms",
                "TOKENCHECK_LIMITS_MAX_TOKEN_BYTES", "2048",
                "TOKENCHECK_ISSUERS_0_LEEWAY_SECONDS", "5",
                "TOKENCHECK_ISSUERS_1_JWKS_URI", "https://keys.other.example.com/jwks",
                "TOKENCHECK_ISSUERS_1_TOKEN_TYPE", "at+jwt"));

        assertThat(config.server()).isEqualTo(new ServerSettings("127.0.0.1", 9090));
        assertThat(config.jwks().readTimeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(config.limits().maxTokenBytes()).isEqualTo(2048);
        assertThat(config.issuers().get(0).leeway()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.issuers().get(1).keys())
                .isEqualTo(new KeySourceSettings.JwksUri(URI.create("https://keys.other.example.com/jwks")));
        assertThat(config.issuers().get(1).tokenType()).isEqualTo("at+jwt");
    }

    @Test
    void environmentOverridesHmacSecret() throws Exception {
        String fromEnv = ConfigFile.secret(40);
        TokencheckConfig config = file.load("""
                issuers:
                  - issuer: internal
                    audiences: [api://internal]
                    hmac_secrets:
                      - kid: hs-1
                        secret: "%s"
                """.formatted(ConfigFile.secret(32)), Map.of("TOKENCHECK_ISSUERS_0_HMAC_SECRETS_0_SECRET", fromEnv));

        assertThat(((KeySourceSettings.HmacSecrets) config.issuers().getFirst().keys()).secrets().getFirst().secret())
                .isEqualTo(Base64.getUrlDecoder().decode(fromEnv));
    }

    @Test
    void environmentVariablesMatchingNoOptionAreIgnored() throws Exception {
        TokencheckConfig config = file.load(ConfigFile.MINIMAL_ISSUERS, Map.of(
                "TOKENCHECK_CONFIG", "/elsewhere/tokencheck.yaml",
                "TOKENCHECK_SERVER_PROT", "abc",
                "TOKENCHECK_ISSUERS_1_LEEWAY_SECONDS", "abc",
                "TOKENCHECK_POLICIES", "abc",
                "TOKENCHECK_SERVER_PORT", ""));

        assertThat(config.server().port()).isEqualTo(8080);
        assertThat(config.issuers()).hasSize(1);
    }

    @Test
    void jwksFileResolvesAgainstTheConfigFilesFolder() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("etc"));
        Files.writeString(sub.resolve("jwks.json"), "{\"keys\":[]}");
        ConfigFile nested = new ConfigFile(sub);

        TokencheckConfig config = nested.load("""
                issuers:
                  - issuer: offline
                    jwks_file: ./jwks.json
                    audiences: [api://orders]
                """);

        assertThat(config.issuers().getFirst().keys()).isEqualTo(new KeySourceSettings.JwksFile(sub.resolve("jwks.json")));
    }
}
