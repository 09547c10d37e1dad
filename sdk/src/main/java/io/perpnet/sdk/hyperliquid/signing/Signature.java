package io.perpnet.sdk.hyperliquid.signing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;

/**
 * A secp256k1 signature as Hyperliquid's exchange endpoint takes it: {@code r} and {@code s} as
 * 0x-prefixed hex without leading zeros (as the official SDK's {@code to_hex} writes them), {@code v}
 * 27 or 28.
 */
public record Signature(BigInteger r, BigInteger s, int v) {
  public Signature {
    if (v != 27 && v != 28) {
      throw new IllegalArgumentException("v is 27 or 28, not " + v);
    }
  }

  public static Signature of(final org.web3j.crypto.Sign.SignatureData d) {
    return new Signature(new BigInteger(1, d.getR()), new BigInteger(1, d.getS()), d.getV()[0] & 0xFF);
  }

  public String rHex() {
    return "0x" + r.toString(16);
  }

  public String sHex() {
    return "0x" + s.toString(16);
  }

  public ObjectNode toJson() {
    return JsonNodeFactory.instance.objectNode().put("r", rHex()).put("s", sHex()).put("v", v);
  }
}
