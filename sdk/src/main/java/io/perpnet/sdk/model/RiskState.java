package io.perpnet.sdk.model;

/** {@code GET /v1/risk}: limits and their use, the switches and breakers, and why the node is halted (null when it is not). */
public record RiskState(boolean killSwitch, Deadman deadman, String halted, Breakers breakers, RiskLimits limits, Usage usage) {}
