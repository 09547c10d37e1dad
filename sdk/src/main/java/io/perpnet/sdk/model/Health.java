package io.perpnet.sdk.model;

/** {@code GET /v1/health}: the node serves; its chain watch ({@code subscribed} or {@code connecting}) and peer count. */
public record Health(String status, String chainWatch, int peers) {}
