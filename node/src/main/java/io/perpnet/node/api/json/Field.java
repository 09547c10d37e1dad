package io.perpnet.node.api.json;

import java.util.List;

/**
 * One field of a request body: what the route validates and what the OpenAPI document says.
 *
 * @param type JSON Schema's type of the value ({@code string}, {@code integer}, {@code boolean})
 * @param format for strings: {@code decimal} (a decimal string), {@code hex32}, or empty
 * @param choices the allowed values of an enumerated string (empty: any)
 * @param min the least value of an integer; {@code max} the largest
 */
public record Field(String name, String type, String format, boolean required, List<String> choices, long min,
    long max, String description) {

  public static Field decimal(final String name, final boolean required, final String description) {
    return new Field(name, "string", "decimal", required, List.of(), 0, 0, description);
  }

  public static Field text(final String name, final boolean required, final int maxLength, final String description) {
    return new Field(name, "string", "", required, List.of(), 0, maxLength, description);
  }

  public static Field choice(final String name, final boolean required, final List<String> choices,
      final String description) {
    return new Field(name, "string", "", required, choices, 0, 0, description);
  }

  public static Field integer(final String name, final boolean required, final long min, final long max,
      final String description) {
    return new Field(name, "integer", "", required, List.of(), min, max, description);
  }

  public static Field bool(final String name, final boolean required, final String description) {
    return new Field(name, "boolean", "", required, List.of(), 0, 0, description);
  }
}
