package io.perpnet.sdk.model;

import java.math.BigDecimal;
import java.util.List;

/** The agent's holdings outside the escrow: USDC over all its token accounts, SOL, and each account. */
public record Wallet(BigDecimal usdc, BigDecimal sol, List<TokenAccount> tokenAccounts) {}
