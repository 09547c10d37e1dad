package io.perpnet.sdk.model;

/** The dead-man switch. */
public record Deadman(boolean armed, long deadlineMs, boolean tripped, boolean closePositions) {}
