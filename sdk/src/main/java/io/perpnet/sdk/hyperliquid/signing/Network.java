package io.perpnet.sdk.hyperliquid.signing;

import java.net.URI;

/**
 * A Hyperliquid deployment: what its signatures are bound to (the L1 phantom agent's
 * {@code source}, a user-signed action's {@code hyperliquidChain}) and where its API is by default.
 */
public enum Network {
  MAINNET("a", "Mainnet", URI.create("https://api.hyperliquid.xyz")),
  TESTNET("b", "Testnet", URI.create("https://api.hyperliquid-testnet.xyz"));

  /** The chain id of the EIP-712 domain of L1 actions (the same on both networks). */
  public static final long L1_CHAIN_ID = 1337;
  /** The chain id user-signed actions name as {@code signatureChainId} (Arbitrum Sepolia's, as the official SDK). */
  public static final long USER_SIGNED_CHAIN_ID = 0x66eee;

  private final String source;
  private final String chainName;
  private final URI defaultBaseUrl;

  Network(final String source, final String chainName, final URI defaultBaseUrl) {
    this.source = source;
    this.chainName = chainName;
    this.defaultBaseUrl = defaultBaseUrl;
  }

  /** The phantom agent's {@code source}: "a" on mainnet, "b" on testnet. */
  public String source() {
    return source;
  }

  /** A user-signed action's {@code hyperliquidChain}: "Mainnet" or "Testnet". */
  public String chainName() {
    return chainName;
  }

  public URI defaultBaseUrl() {
    return defaultBaseUrl;
  }
}
