package io.tokencheck.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code routes}: the list that picks a policy from the original request's method, host and path (first
 * match wins). Patterns are checked here once, so that the matcher never meets a bad one.
 */
final class RouteReader {

    private static final List<String> KEYS = List.of("hosts", "methods", "path", "policy", "prefix");
    private static final Pattern PARAM = Pattern.compile("\\{[A-Za-z_][A-Za-z0-9_]*}");
    // RFC 3986 pchar without '%' and ';': patterns are written decoded, and ';' is never matched (see RoutePath).
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._~!$&'()*+,=:@-]+");
    private static final Pattern METHOD = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Z]+");
    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9.-]*[a-z0-9])?|\\[[0-9a-f:.]+]");

    private RouteReader() {
    }

    static List<RouteSettings> read(MappingReader root, Set<String> policyNames) throws ConfigException {
        LoadContext ctx = root.context();
        YamlNode node = root.node("routes");
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof YamlNode.Sequence sequence)) {
            throw ctx.problem("routes", "expected a list of routes (- path: ..., policy: ...), found " + YamlNode.describe(node));
        }
        if (sequence.items().isEmpty()) {
            throw ctx.problem("routes", "must list at least one route (remove routes to use the default policy for /check)");
        }
        List<RouteSettings> routes = new ArrayList<>();
        for (int i = 0; i < sequence.items().size(); i++) {
            String path = "routes[" + i + "]";
            RouteSettings route = readOne(new MappingReader(ctx, path, sequence.items().get(i), KEYS), policyNames);
            for (int earlier = 0; earlier < routes.size(); earlier++) {
                if (covers(routes.get(earlier), route)) {
                    throw ctx.problem(path, "never matches: routes[" + earlier + "] comes first and covers every request"
                            + " it would match (first match wins; put the more specific route first)");
                }
            }
            routes.add(route);
        }
        return List.copyOf(routes);
    }

    private static RouteSettings readOne(MappingReader in, Set<String> policyNames) throws ConfigException {
        Optional<ScalarValue> exact = in.scalar("path");
        Optional<ScalarValue> prefix = in.scalar("prefix");
        if (exact.isPresent() == prefix.isPresent()) {
            throw in.context().problem(in.path(), exact.isPresent()
                    ? "set either path (exact or {param} template) or prefix, not both"
                    : "missing path or prefix (path: /exact/{param}, or prefix: /everything/below)");
        }
        ScalarValue pattern = exact.orElseGet(prefix::get);
        checkPattern(pattern);
        ScalarValue policy = in.required("policy", "the name of a configured policy");
        if (!policyNames.contains(policy.text())) {
            throw policy.problem("unknown policy " + Quoted.of(policy.text())
                    + " (configured: " + String.join(", ", policyNames) + ")");
        }
        return new RouteSettings(pattern.text(), prefix.isPresent(), methods(in), hosts(in), policy.text());
    }

    private static void checkPattern(ScalarValue value) throws ConfigException {
        String p = value.text();
        if (!p.startsWith("/")) {
            throw value.problem("must start with /, found " + Quoted.of(p));
        }
        if (p.equals("/")) {
            return;
        }
        if (p.endsWith("/")) {
            throw value.problem("must not end with / (a trailing slash is ignored when matching; write "
                    + Quoted.of(p.replaceAll("/+$", "")) + ")");
        }
        Set<String> params = new HashSet<>();
        for (String segment : p.substring(1).split("/", -1)) {
            if (segment.isEmpty()) {
                throw value.problem("empty segment (//) in " + Quoted.of(p));
            }
            if (segment.startsWith("{") || segment.endsWith("}")) {
                if (!PARAM.matcher(segment).matches()) {
                    throw value.problem("a parameter is a whole segment {name} (letters, digits, _), found " + Quoted.of(segment));
                }
                if (!params.add(segment)) {
                    throw value.problem("parameter " + segment + " appears twice");
                }
            } else if (segment.equals(".") || segment.equals("..")) {
                throw value.problem("dot segments are not allowed (paths are matched after resolving them), found " + Quoted.of(p));
            } else if (!LITERAL.matcher(segment).matches()) {
                throw value.problem("segment " + Quoted.of(segment) + " has a character that a request path never"
                        + " matches ('%', ';', '?', '#', '{', '}', '\\', space or non-ASCII; write paths decoded)");
            }
        }
    }

    private static List<String> methods(MappingReader in) throws ConfigException {
        Set<String> methods = new LinkedHashSet<>();
        for (ScalarValue m : in.scalarList("methods").orElse(List.of())) {
            if (!METHOD.matcher(m.text()).matches()) {
                boolean lower = METHOD.matcher(m.text().toUpperCase(Locale.ROOT)).matches();
                throw m.problem(lower
                        ? "HTTP methods are case-sensitive: write " + m.text().toUpperCase(Locale.ROOT)
                        : "not an HTTP method: " + Quoted.of(m.text()));
            }
            methods.add(m.text());
        }
        return List.copyOf(methods);
    }

    private static List<String> hosts(MappingReader in) throws ConfigException {
        Set<String> hosts = new LinkedHashSet<>();
        for (ScalarValue h : in.scalarList("hosts").orElse(List.of())) {
            String host = h.text().toLowerCase(Locale.ROOT);
            if (host.endsWith(".")) {
                host = host.substring(0, host.length() - 1);
            }
            if (!HOST.matcher(host).matches()) {
                throw h.problem("expected a host name without scheme or port, found " + Quoted.of(h.text()));
            }
            hosts.add(host);
        }
        return List.copyOf(hosts);
    }

    /** True when every request that {@code later} matches is matched by {@code earlier} already. */
    static boolean covers(RouteSettings earlier, RouteSettings later) {
        if (!coversSet(earlier.methods(), later.methods()) || !coversSet(earlier.hosts(), later.hosts())) {
            return false;
        }
        if (!earlier.prefix() && later.prefix()) {
            return false;
        }
        List<String> a = segments(earlier.pattern());
        List<String> b = segments(later.pattern());
        if (earlier.prefix() ? a.size() > b.size() : a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            boolean aParam = a.get(i).startsWith("{");
            boolean bParam = b.get(i).startsWith("{");
            if (!aParam && (bParam || !a.get(i).equals(b.get(i)))) {
                return false;
            }
        }
        return true;
    }

    private static boolean coversSet(List<String> earlier, List<String> later) {
        return earlier.isEmpty() || (!later.isEmpty() && earlier.containsAll(later));
    }

    private static List<String> segments(String pattern) {
        return pattern.equals("/") ? List.of() : List.of(pattern.substring(1).split("/"));
    }
}
