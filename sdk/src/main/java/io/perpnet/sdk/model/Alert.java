package io.perpnet.sdk.model;

import com.fasterxml.jackson.databind.JsonNode;

/** An event of the alert channel and whether it was acknowledged. */
public record Alert(long seq, String kind, String channel, JsonNode data, boolean acked) {}
