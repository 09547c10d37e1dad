package io.perpnet.sdk.stream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One event of the node's log, as {@code GET /v1/events} and the WebSocket carry it: its sequence
 * number (increasing, never reused, kept across restarts), its kind (e.g. {@code position.opened}),
 * its channel, and its data (the API's view of the object).
 */
public record Event(long seq, String kind, String channel, JsonNode data) {
  /** The match, intent or position id the event is about, if it names one. */
  public String subjectId() {
    for (final String f : new String[] {"matchId", "id"}) {
      if (data != null && data.hasNonNull(f)) {
        return data.get(f).asText();
      }
    }
    return null;
  }
}
