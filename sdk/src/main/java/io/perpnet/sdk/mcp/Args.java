package io.perpnet.sdk.mcp;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A tool call's arguments, checked against the tool's own list: an unknown name, a wrong type or a
 * missing required one is a {@link Bad} naming the field, before the node is asked anything.
 * Amounts are decimal strings (a JSON number is accepted only when it is a whole number, as
 * models often send sizes and prices as numbers: it is read exactly, never through a double).
 */
final class Args {
  /** A bad argument, by name. */
  static final class Bad extends Exception {
    final String field;

    Bad(final String field, final String message) {
      super(message);
      this.field = field;
    }
  }

  private final Map<String, Object> values;

  private Args(final Map<String, Object> values) {
    this.values = values;
  }

  static Args of(final Map<String, Object> values, final Set<String> known) throws Bad {
    final Map<String, Object> v = values == null ? Map.of() : values;
    for (final String name : v.keySet()) {
      if (!known.contains(name)) {
        throw new Bad(name, "unknown argument '" + name + "' (this tool takes " + known + ")");
      }
    }
    return new Args(v);
  }

  /** The arguments as given (a proposal keeps them to place later). */
  Map<String, Object> raw() {
    return values;
  }

  Optional<String> text(final String name) throws Bad {
    final Object o = values.get(name);
    if (o == null) {
      return Optional.empty();
    }
    if (!(o instanceof String s)) {
      throw new Bad(name, name + " must be a string");
    }
    return Optional.of(s);
  }

  String required(final String name) throws Bad {
    return text(name).orElseThrow(() -> new Bad(name, name + " is required"));
  }

  /** One of {@code allowed}. */
  String oneOf(final String name, final Set<String> allowed) throws Bad {
    final String v = required(name);
    if (!allowed.contains(v)) {
      throw new Bad(name, name + " must be one of " + allowed + ", not '" + v + "'");
    }
    return v;
  }

  Optional<BigDecimal> decimal(final String name) throws Bad {
    final Object o = values.get(name);
    if (o == null) {
      return Optional.empty();
    }
    try {
      if (o instanceof String s) {
        return Optional.of(new BigDecimal(s));
      }
      if (o instanceof Integer || o instanceof Long || o instanceof java.math.BigInteger) {
        return Optional.of(new BigDecimal(o.toString()));
      }
    } catch (NumberFormatException e) {
      throw new Bad(name, name + " must be a decimal string such as \"0.01\", not '" + o + "'");
    }
    throw new Bad(name, name + " must be a decimal string such as \"0.01\" (a fractional JSON number loses digits)");
  }

  Optional<Long> integer(final String name, final long min, final long max) throws Bad {
    final Object o = values.get(name);
    if (o == null) {
      return Optional.empty();
    }
    if (!(o instanceof Integer || o instanceof Long)) {
      throw new Bad(name, name + " must be a whole number");
    }
    final long v = ((Number) o).longValue();
    if (v < min || v > max) {
      throw new Bad(name, name + " must be between " + min + " and " + max);
    }
    return Optional.of(v);
  }

  boolean flag(final String name) throws Bad {
    final Object o = values.get(name);
    if (o == null) {
      return false;
    }
    if (!(o instanceof Boolean b)) {
      throw new Bad(name, name + " must be true or false");
    }
    return b;
  }
}
