package io.tokencheck.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One mapping of the schema at a known key path: rejects unknown keys, and reads typed options with their
 * environment overrides applied.
 */
final class MappingReader {

    private final LoadContext ctx;
    private final String path;
    private final Map<String, YamlNode> entries;

    /**
     * @param node  the mapping, or null/an empty value when the block is absent (then only overrides and defaults apply)
     * @param known the keys this mapping may hold, in schema order
     */
    MappingReader(LoadContext ctx, String path, YamlNode node, List<String> known) throws ConfigException {
        this.ctx = ctx;
        this.path = path;
        if (node == null || YamlNode.isEmptyScalar(node)) {
            this.entries = Map.of();
        } else if (node instanceof YamlNode.Mapping mapping) {
            this.entries = mapping.entries();
        } else {
            throw ctx.problem(path, "expected a mapping of options (key: value), found " + YamlNode.describe(node));
        }
        for (String key : entries.keySet()) { // sorted, so the first error is stable
            if (!known.contains(key)) {
                String suggestion = KeySuggestion.closest(key, known);
                throw ctx.problem(child(key), "unknown key " + (suggestion != null
                        ? "(did you mean " + suggestion + "?)"
                        : "(expected one of: " + String.join(", ", known) + ")"));
            }
        }
    }

    LoadContext context() {
        return ctx;
    }

    String path() {
        return path;
    }

    /** The key path of a child key. */
    String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The raw node, or null when absent or empty. */
    YamlNode node(String key) {
        YamlNode node = entries.get(key);
        return node == null || YamlNode.isEmptyScalar(node) ? null : node;
    }

    /** A scalar option: the environment override if set, else the file's value; empty when neither is set. */
    Optional<ScalarValue> scalar(String key) throws ConfigException {
        String childPath = child(key);
        ScalarValue override = ctx.override(childPath);
        if (override != null) {
            return Optional.of(override);
        }
        YamlNode node = node(key);
        if (node == null) {
            return Optional.empty();
        }
        if (node instanceof YamlNode.Scalar s) {
            return Optional.of(new ScalarValue(childPath, s.text(), ctx.fileLabel()));
        }
        throw ctx.problem(childPath, "expected a single value, found " + YamlNode.describe(node));
    }

    /** A required scalar option. */
    ScalarValue required(String key, String meaning) throws ConfigException {
        Optional<ScalarValue> value = scalar(key);
        if (value.isEmpty()) {
            throw ctx.problem(child(key), "missing (required: " + meaning + ")");
        }
        return value.get();
    }

    String string(String key, String fallback) throws ConfigException {
        return scalar(key).map(ScalarValue::text).orElse(fallback);
    }

    int integer(String key, int fallback, int min, int max) throws ConfigException {
        Optional<ScalarValue> value = scalar(key);
        return value.isEmpty() ? fallback : integer(value.get(), min, max);
    }

    static int integer(ScalarValue value, int min, int max) throws ConfigException {
        String text = value.text();
        if (!text.matches("-?\\d{1,18}")) {
            throw value.problem("expected an integer, found " + Quoted.of(text));
        }
        long n = Long.parseLong(text);
        if (n < min || n > max) {
            throw value.problem((max == Integer.MAX_VALUE ? "must be at least " + min : "must be between " + min + " and " + max)
                    + ", found " + text);
        }
        return (int) n;
    }

    boolean bool(String key, boolean fallback) throws ConfigException {
        Optional<ScalarValue> value = scalar(key);
        return value.isEmpty() ? fallback : bool(value.get());
    }

    static boolean bool(ScalarValue value) throws ConfigException {
        return switch (value.text().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw value.problem("expected true or false, found " + Quoted.of(value.text()));
        };
    }

    /** A positive duration. */
    Duration duration(String key, Duration fallback) throws ConfigException {
        Optional<ScalarValue> value = scalar(key);
        if (value.isEmpty()) {
            return fallback;
        }
        Duration d = DurationSyntax.parse(value.get().text());
        if (d == null) {
            throw value.get().problem("expected a duration such as 250ms, 30s, 5m, 1h, 2d or PT30S, found "
                    + Quoted.of(value.get().text()));
        }
        if (d.isNegative() || d.isZero()) {
            throw value.get().problem("must be greater than zero, found " + Quoted.of(value.get().text()));
        }
        return d;
    }

    /**
     * A list of non-empty strings; a single value counts as a one-element list. Empty when the key is absent.
     * Lists are file-only: there is no environment override for them.
     */
    Optional<List<ScalarValue>> scalarList(String key) throws ConfigException {
        return scalarList(ctx, child(key), node(key));
    }

    /** Like {@link #scalarList(String)} for a node found outside a schema mapping (null or empty: absent). */
    static Optional<List<ScalarValue>> scalarList(LoadContext ctx, String childPath, YamlNode node) throws ConfigException {
        if (node == null || YamlNode.isEmptyScalar(node)) {
            return Optional.empty();
        }
        if (node instanceof YamlNode.Scalar s) {
            return Optional.of(List.of(new ScalarValue(childPath, s.text(), ctx.fileLabel())));
        }
        if (!(node instanceof YamlNode.Sequence sequence)) {
            throw ctx.problem(childPath, "expected a list of values, found " + YamlNode.describe(node));
        }
        List<ScalarValue> values = new ArrayList<>();
        for (int i = 0; i < sequence.items().size(); i++) {
            YamlNode item = sequence.items().get(i);
            String itemPath = childPath + "[" + i + "]";
            if (YamlNode.isEmptyScalar(item)) {
                throw ctx.problem(itemPath, "must not be empty");
            }
            if (!(item instanceof YamlNode.Scalar s)) {
                throw ctx.problem(itemPath, "expected a single value, found " + YamlNode.describe(item));
            }
            values.add(new ScalarValue(itemPath, s.text(), ctx.fileLabel()));
        }
        return Optional.of(values);
    }

    /** A list of strings, or the fallback when the key is absent. */
    List<String> strings(String key, List<String> fallback) throws ConfigException {
        Optional<List<ScalarValue>> values = scalarList(key);
        return values.isEmpty() ? fallback : values.get().stream().map(ScalarValue::text).toList();
    }
}
