package io.tokencheck.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/** Reads the YAML file into a {@link YamlNode} tree, keeping every value as the text the operator wrote. */
final class YamlFileReader {

    private YamlFileReader() {
    }

    /** The file's top-level mapping, or a one-line error prefixed with {@code label}. */
    static YamlNode.Mapping read(Path file, String label) throws ConfigException {
        String text = readText(file, label);
        YamlStructureCheck.check(text, label);
        Object root;
        try {
            root = textOnlyYaml().load(text);
        } catch (RuntimeException e) {
            throw new ConfigException(label + ": " + parseProblem(e));
        }
        // An empty file is an empty mapping, so that the schema can say what is missing.
        YamlNode node = root == null ? new YamlNode.Mapping(Map.of()) : convert(root);
        if (node instanceof YamlNode.Mapping mapping) {
            return mapping;
        }
        throw new ConfigException(label + ": the top level must be a mapping of options (key: value), found "
                + YamlNode.describe(node));
    }

    /**
     * A YAML loader that keeps every scalar as the text written. YAML 1.1 implicit typing (what Helidon's and
     * SnakeYAML's default parsers do) would turn {@code 0042} into 34, {@code yes} into true and {@code 1e3} into
     * 1000.0 before the schema sees them, silently changing audiences, issuers and policy claim values.
     * Only null ({@code ~}, empty) and merge keys ({@code <<}) keep their YAML meaning.
     */
    private static Yaml textOnlyYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setAllowRecursiveKeys(false);
        DumperOptions dumper = new DumperOptions();
        Resolver textOnly = new Resolver() {
            @Override
            protected void addImplicitResolvers() {
                addImplicitResolver(Tag.MERGE, Resolver.MERGE, "<");
                addImplicitResolver(Tag.NULL, Resolver.NULL, "~nN\0");
                addImplicitResolver(Tag.NULL, Resolver.EMPTY, null);
            }
        };
        return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options, textOnly);
    }

    private static String readText(Path file, String label) throws ConfigException {
        if (Files.isDirectory(file)) {
            throw new ConfigException(label + ": cannot read the configuration file: it is a directory");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(label + ": cannot read the configuration file: no such file");
        } catch (AccessDeniedException e) {
            throw new ConfigException(label + ": cannot read the configuration file: permission denied");
        } catch (IOException | SecurityException e) {
            throw new ConfigException(label + ": cannot read the configuration file: " + e);
        }
        try {
            // Strict decoding: a replaced byte inside a secret or an issuer would fail much later and obscurely.
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(label + ": line " + firstBadUtf8Line(bytes) + ": the file is not valid UTF-8 text");
        }
    }

    private static int firstBadUtf8Line(byte[] bytes) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                try {
                    StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, lineStart, i - lineStart));
                } catch (CharacterCodingException e) {
                    return line;
                }
                line++;
                lineStart = i + 1;
            }
        }
        return line;
    }

    private static YamlNode convert(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, YamlNode> entries = new TreeMap<>();
            map.forEach((k, v) -> entries.put(k == null ? "" : k.toString(), convert(v)));
            return new YamlNode.Mapping(entries);
        }
        if (node instanceof List<?> list) {
            List<YamlNode> items = new ArrayList<>();
            list.forEach(item -> items.add(convert(item)));
            return new YamlNode.Sequence(items);
        }
        return new YamlNode.Scalar(node == null ? "" : node.toString());
    }

    private static String parseProblem(RuntimeException e) {
        Throwable deepest = e;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        String message = deepest.getMessage() == null ? deepest.getClass().getSimpleName() : deepest.getMessage();
        return "cannot parse the file as YAML: " + message.lines().findFirst().orElse("").strip();
    }
}
