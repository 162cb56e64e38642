package io.tokencheck.policy;

import io.tokencheck.config.RouteSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The configured {@code routes}, compiled once: picks a policy from the original request's method, host and path.
 * First match wins; no match is a deny. The path is normalised by {@link RoutePath} before matching.
 */
public final class RouteTable {
    private static final RouteTable EMPTY = new RouteTable(List.of());

    private final List<RouteRule> rules;

    private RouteTable(List<RouteRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Compiles validated routes (from the config loader), in order. */
    public static RouteTable compile(List<RouteSettings> routes) {
        if (routes.isEmpty()) {
            return EMPTY;
        }
        List<RouteRule> rules = new ArrayList<>(routes.size());
        for (RouteSettings r : routes) {
            rules.add(RouteRule.compile(r));
        }
        return new RouteTable(rules);
    }

    /** A table without routes: route-aware selection is off. */
    public static RouteTable empty() {
        return EMPTY;
    }

    /** True when no routes are configured. */
    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /**
     * Selects the policy for an original request.
     *
     * @param method        the original method, case-sensitive as HTTP methods are
     * @param host          the original host (any case, optional port), or null when not forwarded
     * @param requestTarget the original request target: path with optional query, as the client sent it
     */
    public RouteSelection select(String method, String host, String requestTarget) {
        if (method == null || method.isEmpty()) {
            return new RouteSelection.Refused("no method");
        }
        RoutePath path = RoutePath.of(requestTarget);
        if (path instanceof RoutePath.Refused refused) {
            return new RouteSelection.Refused(refused.why());
        }
        List<String> segments = ((RoutePath.Normal) path).segments();
        String hostName = hostName(host);
        for (int i = 0; i < rules.size(); i++) {
            RouteRule rule = rules.get(i);
            if (rule.matches(method, hostName, segments)) {
                return new RouteSelection.Matched(rule.policy(), i);
            }
        }
        return new RouteSelection.Unmatched();
    }

    /** Lower case, without port and trailing dot; null when absent or not a plain host. */
    static String hostName(String host) {
        if (host == null || host.isEmpty()) {
            return null;
        }
        String h = host;
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            if (close < 0) {
                return null;
            }
            h = h.substring(0, close + 1);
        } else {
            int colon = h.indexOf(':');
            if (colon >= 0) {
                h = h.substring(0, colon);
            }
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h.isEmpty() ? null : h.toLowerCase(Locale.ROOT);
    }
}
