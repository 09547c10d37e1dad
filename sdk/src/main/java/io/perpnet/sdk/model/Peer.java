package io.perpnet.sdk.model;

/** A connected peer and its GossipSub v1.1 score at our node (null when the router did not answer). */
public record Peer(String peerId, Double score) {}
