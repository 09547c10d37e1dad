package io.perpnet.sdk.model;

import java.util.List;

/** {@code GET /v1/agent}: who the node is and what it may do. */
public record Agent(String address, String peerId, List<String> roles, AgentLimits limits, List<String> listen) {}
