package io.perpnet.node.config;

import java.util.List;
import java.util.Locale;

/**
 * One node setting: its key in the config file, its flag ({@code --key}) and its environment
 * variable ({@code PERP_KEY}, dashes as underscores), with a default ({@code null}: required) and
 * whether it takes a list (comma-separated in flags and the environment, an array in the file).
 */
public record Setting(String key, String defaultValue, boolean list, String description) {
  public String flag() {
    return "--" + key;
  }

  public String environmentVariable() {
    return "PERP_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  public boolean required() {
    return defaultValue == null;
  }

  static Setting of(final String key, final String defaultValue, final String description) {
    return new Setting(key, defaultValue, false, description);
  }

  static Setting listOf(final String key, final List<String> defaults, final String description) {
    return new Setting(key, String.join(",", defaults), true, description);
  }
}
