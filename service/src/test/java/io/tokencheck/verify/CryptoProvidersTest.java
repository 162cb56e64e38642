package io.tokencheck.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tokencheck.keys.JwsAlgorithm;
import java.security.Security;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CryptoProvidersTest {
    private static final Set<String> JDK_PROVIDERS = Set.of("SunRsaSign", "SunEC", "SunJCE");

    @Test
    void theJdkPreferenceSelectsTheJdkForEveryAlgorithm() {
        CryptoProviders jdk = ProviderSetups.JDK;
        assertThat(jdk.allJdk()).isTrue();
        for (JwsAlgorithm alg : JwsAlgorithm.values()) {
            assertThat(jdk.providerName(alg)).as(alg.name()).isIn(JDK_PROVIDERS);
        }
    }

    @Test
    void theFastSelectionServesEveryAlgorithm() {
        for (JwsAlgorithm alg : JwsAlgorithm.values()) {
            assertThat(ProviderSetups.FAST.provider(alg)).as(alg.name()).isNotNull();
        }
    }

    @Test
    void onLinuxX8664TheNativeProviderServesEverySignatureAlgorithmAndTheJdkHmac() {
        assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
                && Set.of("amd64", "x86_64").contains(System.getProperty("os.arch")), "the ACCP jar is linux-x86_64");
        for (JwsAlgorithm alg : JwsAlgorithm.values()) {
            assertThat(ProviderSetups.FAST.choices().get(alg).candidate()).as(alg.name())
                    .isEqualTo(alg.asymmetric() ? ProviderCandidate.ACCP : ProviderCandidate.JDK);
        }
        assertThat(ProviderSetups.FAST.rejected()).isEmpty();
    }

    @Test
    void withoutTheNativeProviderEd25519GoesToBouncyCastleAndTheRestToTheJdk() {
        CryptoProviders bc = ProviderSetups.BOUNCY_CASTLE;
        assertThat(bc.providerName(JwsAlgorithm.EdDSA)).isEqualTo("BC");
        for (JwsAlgorithm alg : JwsAlgorithm.values()) {
            if (alg != JwsAlgorithm.EdDSA) {
                assertThat(bc.providerName(alg)).as(alg.name()).isIn(JDK_PROVIDERS);
            }
        }
    }

    @Test
    void theSelfTestVectorsVerifyWithTheJdkForEveryAlgorithm() {
        ProviderSelfTest selfTest = new ProviderSelfTest();
        for (JwsAlgorithm alg : JwsAlgorithm.values()) {
            assertThat(selfTest.passes(alg, ProviderCandidate.JDK.load(alg))).as(alg.name()).isTrue();
        }
    }

    @Test
    void thisJvmsSelectionFollowsTheSwitch() {
        // The second surefire run sets -Dtokencheck.crypto=jdk: then the whole suite runs on the JDK's providers.
        boolean forced = CryptoPreference.fromEnvironment() == CryptoPreference.JDK;
        assertThat(CryptoProviders.selected().allJdk()).isEqualTo(forced || ProviderSetups.FAST.allJdk());
        assertThat(new SignatureVerifier().providers()).isSameAs(CryptoProviders.selected());
    }

    @Test
    void theSwitchReadsThePropertyThenTheEnvironment() {
        assertThat(CryptoPreference.parse(null, null)).isEqualTo(CryptoPreference.FAST);
        assertThat(CryptoPreference.parse("", " ")).isEqualTo(CryptoPreference.FAST);
        assertThat(CryptoPreference.parse("jdk", null)).isEqualTo(CryptoPreference.JDK);
        assertThat(CryptoPreference.parse(null, "JDK")).isEqualTo(CryptoPreference.JDK);
        assertThat(CryptoPreference.parse("fast", "jdk")).isEqualTo(CryptoPreference.FAST);
        assertThatThrownBy(() -> CryptoPreference.parse("openssl", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fast or jdk");
    }

    @Test
    void providersAreHeldNotInstalledInTheJvm() {
        assertThat(Security.getProvider("AmazonCorrettoCryptoProvider")).isNull();
        assertThat(Security.getProvider("BC")).isNull();
    }

    @Test
    void theSummaryIsOneLineNamingEveryAlgorithm() {
        String line = ProviderSetups.FAST.summary();
        assertThat(line).doesNotContain("\n").startsWith("crypto providers (tokencheck.crypto=fast): ");
        for (JwsAlgorithm alg : JwsAlgorithm.values()) {
            assertThat(line).contains(alg.name());
        }
        assertThat(ProviderSetups.JDK.summary()).contains("tokencheck.crypto=jdk").contains("SunRsaSign");
    }

    @Test
    void theMetricsBinderPublishesOneSeriesPerAlgorithmWithItsProvider() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new CryptoProviderMetrics(ProviderSetups.JDK).bindTo(registry);
        String text = registry.scrape();
        assertThat(text).contains("tokencheck_crypto_provider{alg=\"RS256\",provider=\"SunRsaSign\"} 1");
        assertThat(text).contains("tokencheck_crypto_provider{alg=\"HS256\",provider=\"SunJCE\"} 1");
        assertThat(text.lines().filter(l -> l.startsWith("tokencheck_crypto_provider{"))).hasSize(JwsAlgorithm.values().length);
    }
}
