package io.tokencheck.config;

import java.util.List;

/**
 * One validated entry of {@code routes}: which original requests it covers and the policy they get.
 *
 * @param pattern the path as written, already checked: {@code /} or segments that are literals or {@code {name}}
 * @param prefix  true for {@code prefix:} (the pattern and everything below it), false for {@code path:} (exactly it)
 * @param methods upper-case HTTP methods; empty means any method
 * @param hosts   lower-case host names without port; empty means any host
 * @param policy  the name of a configured policy
 */
public record RouteSettings(String pattern, boolean prefix, List<String> methods, List<String> hosts, String policy) {
    public RouteSettings {
        methods = List.copyOf(methods);
        hosts = List.copyOf(hosts);
    }
}
