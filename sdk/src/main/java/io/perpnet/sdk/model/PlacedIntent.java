package io.perpnet.sdk.model;

import java.util.List;

/** {@code /v1/intents/{id}}: an intent placed through the API, its status (open, filled, partial, unfilled, cancelled) and fills. */
public record PlacedIntent(String id, String status, long placedMs, String clientId, String reason, Intent intent, List<Fill> fills) {
  /** The fills that became matches (both sides signed). */
  public List<Fill> matched() {
    return fills == null ? List.of() : fills.stream().filter(f -> "countersigned".equals(f.state())).toList();
  }

  public boolean isOpen() {
    return "open".equals(status);
  }
}
