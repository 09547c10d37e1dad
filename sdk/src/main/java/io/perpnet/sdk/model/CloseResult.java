package io.perpnet.sdk.model;

/** What a close answers: the position and whether the chain shows it closed. */
public record CloseResult(String id, String status) {}
