package io.perpnet.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The documented example config names every setting, in the table's order, and loads. */
class ExampleConfigTest {
  private static final Path EXAMPLE = Path.of("node.example.toml");

  @Test
  void theExampleListsEverySettingAndLoads() throws Exception {
    final List<String> keys = new ArrayList<>();
    new TomlMapper().readTree(Files.readString(EXAMPLE)).fieldNames().forEachRemaining(keys::add);
    assertEquals(Settings.ALL.stream().map(Setting::key).toList(), keys);
    final NodeConfig c = ConfigLoader.load(Map.of(), Map.of(), Optional.of(EXAMPLE));
    assertEquals(EXAMPLE.toAbsolutePath().getParent().resolve("agent.json"), c.keyFile());
    assertEquals(List.of("BTC-PERP"), c.markets());
  }
}
