package io.tokencheck.policy;

import io.tokencheck.config.RouteSettings;
import java.util.List;
import java.util.Set;

/**
 * One compiled route: literal segments compared as strings, {@code {param}} segments matching any one segment,
 * exact or prefix, with optional method and host sets. No regular expressions.
 */
final class RouteRule {
    private final String[] literals; // null entry: a {param} segment
    private final boolean prefix;
    private final Set<String> methods;
    private final Set<String> hosts;
    private final String policy;

    private RouteRule(String[] literals, boolean prefix, Set<String> methods, Set<String> hosts, String policy) {
        this.literals = literals;
        this.prefix = prefix;
        this.methods = methods;
        this.hosts = hosts;
        this.policy = policy;
    }

    /** Compiles validated settings; a pattern that slipped past validation is a programming error. */
    static RouteRule compile(RouteSettings s) {
        String pattern = s.pattern();
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("route pattern must start with /: " + pattern);
        }
        String[] parts = pattern.equals("/") ? new String[0] : pattern.substring(1).split("/", -1);
        String[] literals = new String[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty()) {
                throw new IllegalArgumentException("empty segment in route pattern: " + pattern);
            }
            boolean param = p.length() > 2 && p.charAt(0) == '{' && p.charAt(p.length() - 1) == '}';
            literals[i] = param ? null : p;
        }
        return new RouteRule(literals, s.prefix(), Set.copyOf(s.methods()), Set.copyOf(s.hosts()), s.policy());
    }

    String policy() {
        return policy;
    }

    /** True when this route covers the request; host is lower-case without port, or null when not forwarded. */
    boolean matches(String method, String host, List<String> segments) {
        if (!methods.isEmpty() && !methods.contains(method)) {
            return false;
        }
        if (!hosts.isEmpty() && (host == null || !hosts.contains(host))) {
            return false;
        }
        int n = literals.length;
        if (prefix ? segments.size() < n : segments.size() != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            String literal = literals[i];
            if (literal != null && !literal.equals(segments.get(i))) {
                return false;
            }
        }
        return true;
    }
}
