package io.perpnet.sdk.hyperliquid.signing;

import java.util.List;

/**
 * The user-signed actions (EIP-712 in the {@code HyperliquidSignTransaction} domain, signed by the
 * master account itself, never by an API wallet): their primary type and fields, in order, as the
 * official SDK declares them.
 */
public enum UserSignedType {
  USD_SEND("HyperliquidTransaction:UsdSend", List.of(f("hyperliquidChain", "string"), f("destination", "string"),
      f("amount", "string"), f("time", "uint64"))),
  SPOT_SEND("HyperliquidTransaction:SpotSend", List.of(f("hyperliquidChain", "string"), f("destination", "string"),
      f("token", "string"), f("amount", "string"), f("time", "uint64"))),
  WITHDRAW("HyperliquidTransaction:Withdraw", List.of(f("hyperliquidChain", "string"), f("destination", "string"),
      f("amount", "string"), f("time", "uint64"))),
  USD_CLASS_TRANSFER("HyperliquidTransaction:UsdClassTransfer", List.of(f("hyperliquidChain", "string"),
      f("amount", "string"), f("toPerp", "bool"), f("nonce", "uint64"))),
  /** Approves an API wallet (agent) to sign L1 actions for this account. */
  APPROVE_AGENT("HyperliquidTransaction:ApproveAgent", List.of(f("hyperliquidChain", "string"),
      f("agentAddress", "address"), f("agentName", "string"), f("nonce", "uint64")));

  /** One field of the primary type. */
  public record Field(String name, String type) {}

  private final String primaryType;
  private final List<Field> fields;

  UserSignedType(final String primaryType, final List<Field> fields) {
    this.primaryType = primaryType;
    this.fields = fields;
  }

  private static Field f(final String name, final String type) {
    return new Field(name, type);
  }

  public String primaryType() {
    return primaryType;
  }

  public List<Field> fields() {
    return fields;
  }
}
