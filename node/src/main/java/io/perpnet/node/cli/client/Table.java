package io.perpnet.node.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A JSON list as an aligned text table of chosen fields (missing ones as "-"). */
final class Table {
  private Table() {}

  static void print(final PrintWriter out, final JsonNode rows, final List<String> fields) {
    final List<String[]> lines = new ArrayList<>();
    lines.add(fields.toArray(String[]::new));
    for (final JsonNode r : rows) {
      final String[] line = new String[fields.size()];
      for (int i = 0; i < fields.size(); i++) {
        final JsonNode v = r.at("/" + fields.get(i).replace('.', '/'));
        line[i] = v.isMissingNode() || v.isNull() ? "-" : v.asText();
      }
      lines.add(line);
    }
    final int[] width = new int[fields.size()];
    for (final String[] l : lines) {
      for (int i = 0; i < l.length; i++) {
        width[i] = Math.max(width[i], l[i].length());
      }
    }
    for (final String[] l : lines) {
      final StringBuilder b = new StringBuilder();
      for (int i = 0; i < l.length; i++) {
        b.append(i == 0 ? "" : "  ").append(i == l.length - 1 ? l[i] : String.format("%-" + width[i] + "s", l[i]));
      }
      out.println(b);
    }
    if (rows.isEmpty()) {
      out.println("(none)");
    }
  }

  /** An object as "key: value" lines. */
  static void fields(final PrintWriter out, final JsonNode o) {
    o.fields().forEachRemaining(e -> out.println(e.getKey() + ": " + (e.getValue().isValueNode()
        ? e.getValue().asText() : e.getValue().toString())));
  }
}
