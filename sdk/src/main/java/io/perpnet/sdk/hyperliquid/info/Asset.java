package io.perpnet.sdk.hyperliquid.info;

/** A perpetual of {@code meta}'s universe: its index is the {@code a} of an order. */
public record Asset(int index, String name, int szDecimals, int maxLeverage) {}
