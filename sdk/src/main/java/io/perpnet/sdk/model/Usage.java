package io.perpnet.sdk.model;

import java.math.BigDecimal;

/** What the limits are measured against. */
public record Usage(int openPositions, BigDecimal pendingMargin) {}
