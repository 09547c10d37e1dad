package io.perpnet.sdk.model;

import java.math.BigDecimal;

/** One USDC token account of the agent. */
public record TokenAccount(String address, BigDecimal usdc) {}
