package io.perpnet.sdk.model;

import java.math.BigDecimal;

/** {@code GET /v1/balance}: the margin account in the escrow and the wallet outside it. */
public record Balance(BigDecimal free, BigDecimal locked, int openPositions, BigDecimal deposited, Wallet wallet) {}
