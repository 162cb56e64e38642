package io.tokencheck.config;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.config.yaml.YamlConfigParser;
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

/** Reads the YAML file into a {@link YamlNode} tree with Helidon Config; the only class here that touches Helidon. */
final class YamlFileReader {

    private YamlFileReader() {
    }

    /** The file's top-level mapping, or a one-line error prefixed with {@code label}. */
    static YamlNode.Mapping read(Path file, String label) throws ConfigException {
        String text = readText(file, label);
        YamlStructureCheck.check(text, label);
        Config root;
        try {
            // Only the file's content: Helidon's own environment, system property and ${...} resolution
            // would let values in that this loader never validated.
            root = Config.builder()
                    .disableEnvironmentVariablesSource()
                    .disableSystemPropertiesSource()
                    .disableValueResolving()
                    .disableKeyResolving()
                    .disableFilterServices()
                    .disableParserServices()
                    .addParser(YamlConfigParser.create())
                    .sources(ConfigSources.create(text, MediaTypes.APPLICATION_YAML))
                    .build();
        } catch (RuntimeException e) {
            throw new ConfigException(label + ": " + parseProblem(e));
        }
        YamlNode node = convert(root);
        if (node instanceof YamlNode.Mapping mapping) {
            return mapping;
        }
        throw new ConfigException(label + ": the top level must be a mapping of options (key: value), found "
                + YamlNode.describe(node));
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

    private static YamlNode convert(Config node) {
        return switch (node.type()) {
            case OBJECT -> {
                Map<String, YamlNode> entries = new TreeMap<>();
                for (Config child : node.asNodeList().orElse(List.of())) {
                    entries.put(child.name(), convert(child));
                }
                yield new YamlNode.Mapping(entries);
            }
            case LIST -> {
                List<Config> children = new ArrayList<>(node.asNodeList().orElse(List.of()));
                children.sort((a, b) -> Integer.compare(index(a), index(b)));
                List<YamlNode> items = new ArrayList<>();
                for (Config child : children) {
                    items.add(convert(child));
                }
                yield new YamlNode.Sequence(items);
            }
            case VALUE -> new YamlNode.Scalar(node.asString().orElse(""));
            case MISSING -> new YamlNode.Mapping(Map.of());
        };
    }

    private static int index(Config listItem) {
        try {
            return Integer.parseInt(listItem.name());
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static String parseProblem(RuntimeException e) {
        Throwable deepest = e;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        if (deepest instanceof ClassCastException) {
            // Helidon casts the document to a map; a list or a bare value at the top level ends here.
            return "the top level must be a mapping of options (key: value)";
        }
        String message = deepest.getMessage() == null ? deepest.getClass().getSimpleName() : deepest.getMessage();
        return "cannot parse the file as YAML: " + message.lines().findFirst().orElse("").strip();
    }
}
