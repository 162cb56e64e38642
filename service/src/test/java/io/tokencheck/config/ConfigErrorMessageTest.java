package io.tokencheck.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every start-up failure is one line naming the file (or variable), the key path and the problem. */
class ConfigErrorMessageTest {

    private static final String ISSUER = """
            issuers:
              - issuer: https://idp.example.com
            """;

    @TempDir
    Path dir;
    ConfigFile file;

    @BeforeEach
    void setUp() {
        file = new ConfigFile(dir);
    }

    @Test
    void missingFileIsReported() {
        assertThat(file.failure(Map.of())).isEqualTo(file.at("cannot read the configuration file: no such file"));
    }

    @Test
    void directoryInsteadOfFileIsReported() throws Exception {
        Files.createDirectory(file.path);
        assertThat(file.failure(Map.of())).isEqualTo(file.at("cannot read the configuration file: it is a directory"));
    }

    @Test
    void yamlSyntaxErrorNamesLineAndColumn() {
        assertThat(file.error("""
                server:
                  port: [8080
                limits: {}
                """)).isEqualTo(file.at("YAML syntax error at line 3, column 7: expected ',' or ']', but got :"
                + " (while parsing a flow sequence, started at line 2, column 9)"));
    }

    @Test
    void tabIndentationIsASyntaxError() {
        assertThat(file.error("server:\n\tport: 8080\n")).startsWith(file.at("YAML syntax error at line 2, column 1: "))
                .contains("Do not use \\t(TAB) for indentation");
    }

    @Test
    void invalidUtf8IsReportedWithItsLine() throws Exception {
        Files.write(file.path, "server:\n  host: \"\u00e9\"\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(file.failure(Map.of())).isEqualTo(file.at("line 2: the file is not valid UTF-8 text"));
    }

    @Test
    void duplicateKeyIsReportedWithBothLines() {
        // The YAML parser would silently keep the second audiences list.
        assertThat(file.error("""
                issuers:
                  - issuer: https://idp.example.com
                    jwks_uri: https://idp.example.com/jwks
                    audiences: [api://orders]
                    audiences: [api://everything]
                """)).isEqualTo(file.at("issuers[0].audiences: key appears twice (lines 4 and 5)"));
    }

    @Test
    void recursiveAliasIsRejected() {
        assertThat(file.error("server: &loop\n  host: [*loop]\n" + ConfigFile.MINIMAL_ISSUERS))
                .isEqualTo(file.at("line 1: server.host[0]: recursive alias (a value that contains itself)"));
    }

    @Test
    void listAtTopLevelIsRejected() {
        assertThat(file.error("- a\n- b\n")).isEqualTo(file.at("the top level must be a mapping of options (key: value), found a list"));
    }

    @Test
    void emptyFileNeedsIssuers() {
        assertThat(file.error("")).isEqualTo(file.at("issuers: missing (at least one issuer is required)"));
    }

    @Test
    void unknownTopLevelKeySuggestsTheClosestKey() {
        assertThat(file.error("sever:\n  port: 1\n" + ConfigFile.MINIMAL_ISSUERS))
                .isEqualTo(file.at("sever: unknown key (did you mean server?)"));
    }

    @Test
    void unknownNestedKeySuggestsTheClosestKey() {
        assertThat(file.error(ConfigFile.MINIMAL_ISSUERS + """
                  - issuer: https://other.example.com
                    jwks_uri: https://other.example.com/jwks
                    audence: api://orders
                """)).isEqualTo(file.at("issuers[1].audence: unknown key (did you mean audiences?)"));
    }

    @Test
    void camelCaseKeySuggestsTheSnakeCaseKey() {
        assertThat(file.error("jwks:\n  maxTtl: 1h\n" + ConfigFile.MINIMAL_ISSUERS))
                .isEqualTo(file.at("jwks.maxTtl: unknown key (did you mean max_ttl?)"));
    }

    @Test
    void unknownKeyWithoutCloseMatchListsTheKnownKeys() {
        assertThat(file.error("server:\n  colour: blue\n" + ConfigFile.MINIMAL_ISSUERS))
                .isEqualTo(file.at("server.colour: unknown key (expected one of: host, port, grpc_port)"));
    }

    @Test
    void listWhereScalarBelongsIsAWrongType() {
        assertThat(file.error("server:\n  port: [8080, 8081]\n" + ConfigFile.MINIMAL_ISSUERS))
                .isEqualTo(file.at("server.port: expected a single value, found a list"));
    }

    @Test
    void scalarWhereMappingBelongsIsAWrongType() {
        assertThat(file.error("server: 8080\n" + ConfigFile.MINIMAL_ISSUERS))
                .isEqualTo(file.at("server: expected a mapping of options (key: value), found a single value \"8080\""));
    }

    @Test
    void textForAPortIsNotAnInteger() {
        assertThat(file.error("server:\n  port: abc\n" + ConfigFile.MINIMAL_ISSUERS))
                .isEqualTo(file.at("server.port: expected an integer, found \"abc\""));
    }

    @Test
    void portOutOfRangeIsRejected() {
        assertThat(file.error("server:\n  port: 70000\n" + ConfigFile.MINIMAL_ISSUERS))
                .isEqualTo(file.at("server.port: must be between 0 and 65535, found 70000"));
    }

    @Test
    void zeroSizeLimitIsRejected() {
        assertThat(file.error("limits:\n  max_token_bytes: 0\n" + ConfigFile.MINIMAL_ISSUERS))
                .isEqualTo(file.at("limits.max_token_bytes: must be at least 1, found 0"));
    }

    @Test
    void badDurationIsRejected() {
        assertThat(file.error("jwks:\n  default_ttl: 5 minutes\n" + ConfigFile.MINIMAL_ISSUERS))
                .isEqualTo(file.at("jwks.default_ttl: expected a duration such as 250ms, 30s, 5m, 1h, 2d or PT30S,"
                        + " found \"5 minutes\""));
    }

    @Test
    void zeroDurationIsRejected() {
        assertThat(file.error("jwks:\n  read_timeout: 0s\n" + ConfigFile.MINIMAL_ISSUERS))
                .isEqualTo(file.at("jwks.read_timeout: must be greater than zero, found \"0s\""));
    }

    @Test
    void minTtlAboveMaxTtlIsRejected() {
        assertThat(file.error("jwks:\n  min_ttl: 2h\n  max_ttl: 1h\n" + ConfigFile.MINIMAL_ISSUERS))
                .isEqualTo(file.at("jwks.min_ttl: must not be greater than jwks.max_ttl (min_ttl 2h, max_ttl 1h)"));
    }

    @Test
    void maxTtlBelowDefaultMinTtlBlamesMaxTtl() {
        assertThat(file.error("jwks:\n  max_ttl: 30s\n" + ConfigFile.MINIMAL_ISSUERS))
                .isEqualTo(file.at("jwks.max_ttl: must not be less than jwks.min_ttl (min_ttl 1m, max_ttl 30s)"));
    }

    @Test
    void issuersAsMappingIsAWrongType() {
        assertThat(file.error("""
                issuers:
                  issuer: https://idp.example.com
                  jwks_uri: https://idp.example.com/jwks
                """)).isEqualTo(file.at("issuers: expected a list of issuers (each one starting with '- '), found a mapping"));
    }

    @Test
    void emptyIssuerListIsRejected() {
        assertThat(file.error("issuers: []\n")).isEqualTo(file.at("issuers: must list at least one issuer"));
    }

    @Test
    void missingIssuerValueIsRejected() {
        assertThat(file.error("""
                issuers:
                  - jwks_uri: https://idp.example.com/jwks
                    audiences: [api://orders]
                """)).isEqualTo(file.at("issuers[0].issuer: missing (required: the exact iss value of this issuer's tokens)"));
    }

    @Test
    void emptyAudiencesAreRejected() {
        assertThat(file.error(ISSUER + """
                    jwks_uri: https://idp.example.com/jwks
                    audiences: []
                """)).isEqualTo(file.at("issuers[0].audiences: must list at least one audience"));
    }

    @Test
    void missingAudiencesAreRejected() {
        assertThat(file.error(ISSUER + """
                    jwks_uri: https://idp.example.com/jwks
                """)).isEqualTo(file.at("issuers[0].audiences: missing (required: the audiences this issuer's tokens must be for)"));
    }

    @Test
    void badJwksUrlIsRejected() {
        assertThat(file.error(ISSUER + """
                    jwks_uri: "ht!tp://x"
                    audiences: [api://orders]
                """)).isEqualTo(file.at("issuers[0].jwks_uri: not a valid http(s) URL: \"ht!tp://x\""));
    }

    @Test
    void jwksUrlWithoutHostIsRejected() {
        assertThat(file.error(ISSUER + """
                    jwks_uri: "file:///etc/jwks.json"
                    audiences: [api://orders]
                """)).isEqualTo(file.at("issuers[0].jwks_uri: not a valid http(s) URL: \"file:///etc/jwks.json\""));
    }

    @Test
    void missingJwksFileIsRejectedWithItsResolvedPath() {
        assertThat(file.error(ISSUER + """
                    jwks_file: keys/missing.json
                    audiences: [api://orders]
                """)).isEqualTo(file.at("issuers[0].jwks_file: file not found: " + dir.resolve("keys/missing.json")));
    }

    @Test
    void twoKeySourcesAreRejected() {
        assertThat(file.error(ISSUER + """
                    jwks_uri: https://idp.example.com/jwks
                    jwks_file: jwks.json
                    audiences: [api://orders]
                """)).isEqualTo(file.at("issuers[0]: more than one key source (jwks_uri and jwks_file); set exactly one"));
    }

    @Test
    void noKeySourceIsRejected() {
        assertThat(file.error(ISSUER + """
                    discovery: false
                    audiences: [api://orders]
                """)).isEqualTo(file.at(
                "issuers[0]: no key source (set exactly one of discovery, jwks_uri, jwks_file or hmac_secrets)"));
    }

    @Test
    void discoveryNeedsAnHttpIssuer() {
        assertThat(file.error("""
                issuers:
                  - issuer: corp
                    discovery: true
                    audiences: [api://orders]
                """)).isEqualTo(file.at("issuers[0].issuer: discovery needs the issuer to be an http(s) URL, found \"corp\""));
    }

    @Test
    void algNoneIsNeverAccepted() {
        assertThat(file.error(ISSUER + """
                    jwks_uri: https://idp.example.com/jwks
                    audiences: [api://orders]
                    algorithms: [RS256, none]
                """)).isEqualTo(file.at("issuers[0].algorithms[1]: alg none is never accepted"));
    }

    @Test
    void algorithmNamesAreCaseSensitive() {
        assertThat(file.error(ISSUER + """
                    jwks_uri: https://idp.example.com/jwks
                    audiences: [api://orders]
                    algorithms: rs256
                """)).isEqualTo(file.at(
                "issuers[0].algorithms: unknown algorithm \"rs256\" (did you mean RS256? names are case-sensitive)"));
    }

    @Test
    void hmacAlgorithmWithJwksUriIsRejected() {
        assertThat(file.error(ISSUER + """
                    jwks_uri: https://idp.example.com/jwks
                    audiences: [api://orders]
                    algorithms: [HS256]
                """)).isEqualTo(file.at("issuers[0].algorithms[0]: HS256 is an HMAC algorithm and needs hmac_secrets"
                + " as the key source, but this issuer uses jwks_uri"));
    }

    @Test
    void asymmetricAlgorithmWithHmacSecretsIsRejected() {
        assertThat(file.error(ISSUER + """
                    audiences: [api://orders]
                    algorithms: [HS256, RS256]
                    hmac_secrets:
                      - secret: "%s"
                """.formatted(ConfigFile.secret(32)))).isEqualTo(file.at("issuers[0].algorithms[1]: RS256 is asymmetric"
                + " and needs published keys (discovery, jwks_uri or jwks_file), but this issuer uses hmac_secrets"));
    }

    @Test
    void shortHmacSecretIsRejectedWithoutEchoingIt() {
        String secret = ConfigFile.secret(16);
        String message = file.error(ISSUER + """
                    audiences: [api://orders]
                    hmac_secrets:
                      - kid: hs-1
                        secret: "%s"
                """.formatted(secret));

        assertThat(message).isEqualTo(file.at("issuers[0].hmac_secrets[0].secret: secret is 16 bytes; at least 32 are required"));
        assertThat(message).doesNotContain(secret);
    }

    @Test
    void standardBase64SecretIsNotBase64Url() {
        String secret = "++++" + ConfigFile.secret(32);
        String message = file.error(ISSUER + """
                    audiences: [api://orders]
                    hmac_secrets:
                      - secret: "%s"
                """.formatted(secret));

        assertThat(message).isEqualTo(file.at(
                "issuers[0].hmac_secrets[0].secret: not valid base64url (use A-Z a-z 0-9 - _, padding optional)"));
        assertThat(message).doesNotContain(secret);
    }

    @Test
    void secretEnvNamingAnUnsetVariableIsRejected() {
        assertThat(file.error(ISSUER + """
                    audiences: [api://orders]
                    hmac_secrets:
                      - secret_env: TOKENCHECK_HS1
                """)).isEqualTo(file.at("issuers[0].hmac_secrets[0].secret_env: environment variable TOKENCHECK_HS1 is not set"));
    }

    @Test
    void shortSecretFromEnvironmentNamesTheVariable() {
        assertThat(file.error(ISSUER + """
                    audiences: [api://orders]
                    hmac_secrets:
                      - secret_env: TOKENCHECK_HS1
                """, Map.of("TOKENCHECK_HS1", ConfigFile.secret(20)))).isEqualTo(
                "environment variable TOKENCHECK_HS1: issuers[0].hmac_secrets[0].secret: secret is 20 bytes; at least 32 are required");
    }

    @Test
    void secretAndSecretEnvTogetherAreRejected() {
        assertThat(file.error(ISSUER + """
                    audiences: [api://orders]
                    hmac_secrets:
                      - secret: "%s"
                        secret_env: TOKENCHECK_HS1
                """.formatted(ConfigFile.secret(32)))).isEqualTo(
                file.at("issuers[0].hmac_secrets[0]: both secret and secret_env are set; set exactly one"));
    }

    @Test
    void severalSecretsNeedKids() {
        assertThat(file.error(ISSUER + """
                    audiences: [api://orders]
                    hmac_secrets:
                      - kid: a
                        secret: "%1$s"
                      - secret: "%1$s"
                """.formatted(ConfigFile.secret(32)))).isEqualTo(
                file.at("issuers[0].hmac_secrets[1].kid: missing (required when there is more than one secret)"));
    }

    @Test
    void duplicateIssuerIsRejected() {
        assertThat(file.error(ConfigFile.MINIMAL_ISSUERS + """
                  - name: again
                    issuer: https://idp.example.com/realms/corp
                    jwks_uri: https://idp.example.com/jwks
                    audiences: api://orders
                """)).isEqualTo(file.at("issuers[1].issuer: duplicate issuer \"https://idp.example.com/realms/corp\""
                + " (also configured in issuers[0])"));
    }

    @Test
    void duplicateIssuerNameIsRejected() {
        assertThat(file.error("""
                issuers:
                  - name: corp
                    issuer: https://a.example.com
                    jwks_uri: https://a.example.com/jwks
                    audiences: api://orders
                  - name: corp
                    issuer: https://b.example.com
                    jwks_uri: https://b.example.com/jwks
                    audiences: api://orders
                """)).isEqualTo(file.at("issuers[1].name: duplicate issuer name \"corp\" (also used by issuers[0])"));
    }

    @Test
    void leewayAboveTenMinutesIsRejected() {
        assertThat(file.error(ConfigFile.MINIMAL_ISSUERS + "    leeway_seconds: 601\n"))
                .isEqualTo(file.at("issuers[0].leeway_seconds: must be between 0 and 600, found 601"));
    }

    @Test
    void unknownPolicyIssuerIsRejected() {
        assertThat(file.error("""
                issuers:
                  - name: corp
                    issuer: https://idp.example.com
                    jwks_uri: https://idp.example.com/jwks
                    audiences: api://orders
                policies:
                  orders-read:
                    issuers: [corp, partner]
                """)).isEqualTo(file.at(
                "policies.orders-read.issuers[1]: unknown issuer \"partner\" (configured issuer names: corp)"));
    }

    @Test
    void typoInPolicyKeyIsReportedAsUnknownKey() {
        assertThat(file.error(ConfigFile.MINIMAL_ISSUERS + """
                policies:
                  orders:
                    claim:
                      tenant: [acme]
                """)).isEqualTo(file.at("policies.orders.claim: unknown key (did you mean claims?)"));
    }

    @Test
    void invalidPolicyNameIsRejected() {
        assertThat(file.error(ConfigFile.MINIMAL_ISSUERS + """
                policies:
                  "orders read":
                    scopes: [x]
                """)).isEqualTo(file.at(
                "policies.orders read: invalid policy name \"orders read\" (use letters, digits, '.', '_' and '-')"));
    }

    @Test
    void claimWithoutAcceptedValuesIsRejected() {
        assertThat(file.error(ConfigFile.MINIMAL_ISSUERS + """
                policies:
                  orders:
                    claims:
                      tenant: []
                """)).isEqualTo(file.at("policies.orders.claims.tenant: must list at least one accepted value"));
    }

    @Test
    void unknownDefaultPolicyIsRejected() {
        assertThat(file.error(ConfigFile.MINIMAL_ISSUERS + """
                policies:
                  orders-read: {}
                default_policy: orders
                """)).isEqualTo(file.at("default_policy: unknown policy \"orders\" (configured: orders-read)"));
    }

    @Test
    void claimHeaderCollidingWithBuiltInHeaderIsRejected() {
        assertThat(file.error(ConfigFile.MINIMAL_ISSUERS + """
                claim_headers:
                  x-auth-subject: sub
                """)).isEqualTo(file.at("claim_headers.x-auth-subject: collides with a header tokencheck always sets"
                + " (X-Auth-Subject, X-Auth-Issuer, X-Auth-Scopes, X-Auth-Client-Id)"));
    }

    @Test
    void claimHeaderWithInvalidNameIsRejected() {
        assertThat(file.error(ConfigFile.MINIMAL_ISSUERS + """
                claim_headers:
                  "X Tenant": tenant
                """)).isEqualTo(file.at("claim_headers.X Tenant: not a valid HTTP header name: \"X Tenant\""));
    }

    @Test
    void claimCopiedIntoAuthorizationHeaderIsRejected() {
        assertThat(file.error(ConfigFile.MINIMAL_ISSUERS + """
                claim_headers:
                  Authorization: tenant
                """)).isEqualTo(file.at("claim_headers.Authorization: a claim must not be copied into the Authorization header"));
    }

    @Test
    void environmentOverrideWithBadValueNamesTheVariable() {
        assertThat(file.error(ConfigFile.MINIMAL_ISSUERS, Map.of("TOKENCHECK_SERVER_PORT", "abc")))
                .isEqualTo("environment variable TOKENCHECK_SERVER_PORT: server.port: expected an integer, found \"abc\"");
    }

    @Test
    void environmentOverrideOfListedIssuerNamesTheVariable() {
        assertThat(file.error(ConfigFile.MINIMAL_ISSUERS, Map.of("TOKENCHECK_ISSUERS_0_JWKS_URI", "ftp://keys")))
                .isEqualTo("environment variable TOKENCHECK_ISSUERS_0_JWKS_URI: issuers[0].jwks_uri: not a valid http(s) URL: \"ftp://keys\"");
    }

    @Test
    void hostileValuesStayOnOneLine() {
        String message = file.error("server:\n  port: \"80\\n80\\u2028x\"\n" + ConfigFile.MINIMAL_ISSUERS);
        assertThat(message).isEqualTo(file.at("server.port: expected an integer, found \"80\\n80\\u2028x\""));
        assertThat(message.lines()).hasSize(1);
    }

    @Test
    void hmacSecretShorterThanTheHashOfAListedAlgorithmIsRejected() {
        String secret = ConfigFile.secret(32);
        assertThat(file.error("""
                issuers:
                  - issuer: internal
                    audiences: [api://internal]
                    algorithms: [HS256, HS512]
                    hmac_secrets:
                      - kid: k1
                        secret: %s
                """.formatted(secret)))
                .isEqualTo(file.at("issuers[0].algorithms[1]: HS512 needs secrets of at least 64 bytes, but secret \"k1\" is 32 bytes (RFC 7518 section 3.2)"));
    }
}
