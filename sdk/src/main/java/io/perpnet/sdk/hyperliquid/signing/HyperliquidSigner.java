package io.perpnet.sdk.hyperliquid.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;

/**
 * Signs Hyperliquid actions with one secp256k1 key (web3j): L1 actions (orders, cancels, leverage,
 * schedule cancel; by the account or by an API wallet approved for it) through the "phantom agent"
 * EIP-712 message {@code Agent(string source, bytes32 connectionId)} over the
 * {@link ActionHash}, and user-signed actions (transfers, withdrawals, agent approval) as EIP-712
 * messages of their own type. Deterministic (RFC 6979): the same action gives the same signature.
 */
public final class HyperliquidSigner {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

  private final ECKeyPair key;
  private final String address;

  public HyperliquidSigner(final ECKeyPair key) {
    this.key = key;
    this.address = Credentials.create(key).getAddress();
  }

  /** From a 0x-prefixed (or bare) 32-byte hex private key. */
  public static HyperliquidSigner fromPrivateKey(final String hex) {
    return new HyperliquidSigner(ECKeyPair.create(new BigInteger(hex.startsWith("0x") ? hex.substring(2) : hex, 16)));
  }

  /** The signer's address, 0x and 40 lower-case hex digits. */
  public String address() {
    return address;
  }

  /** The phantom agent's {@code connectionId} for an action: its {@link ActionHash}. */
  public static byte[] connectionId(final JsonNode action, final Optional<String> vault, final long nonce,
      final OptionalLong expiresAfter) {
    return ActionHash.of(action, vault, nonce, expiresAfter);
  }

  public Signature signL1(final JsonNode action, final Optional<String> vault, final long nonce,
      final OptionalLong expiresAfter, final Network network) {
    return sign(l1Digest(action, vault, nonce, expiresAfter, network));
  }

  /** The EIP-712 digest an L1 action's signature is over (for a verifier: the signer's address recovers from it). */
  public static byte[] l1Digest(final JsonNode action, final Optional<String> vault, final long nonce,
      final OptionalLong expiresAfter, final Network network) {
    final ObjectNode typed = JSON.createObjectNode();
    final ObjectNode types = typed.putObject("types");
    domainType(types);
    final ArrayNode agent = types.putArray("Agent");
    agent.addObject().put("name", "source").put("type", "string");
    agent.addObject().put("name", "connectionId").put("type", "bytes32");
    typed.put("primaryType", "Agent");
    typed.putObject("domain").put("name", "Exchange").put("version", "1").put("chainId", Network.L1_CHAIN_ID)
        .put("verifyingContract", ZERO_ADDRESS);
    typed.putObject("message").put("source", network.source()).put("connectionId",
        "0x" + HexFormat.of().formatHex(connectionId(action, vault, nonce, expiresAfter)));
    return digest(typed);
  }

  /**
   * Signs a user-signed action; sets its {@code hyperliquidChain} and {@code signatureChainId}
   * (as the official SDK does) before signing, so the action sent is the one signed.
   */
  public Signature signUserAction(final ObjectNode action, final UserSignedType type, final Network network) {
    return signUserAction(action, type, network, Network.USER_SIGNED_CHAIN_ID);
  }

  /**
   * As {@link #signUserAction(ObjectNode, UserSignedType, Network)}, in the EIP-712 domain of the
   * chain the signing wallet is on ({@code signatureChainId}: any; {@code hyperliquidChain} is what
   * binds the action to mainnet or testnet).
   */
  public Signature signUserAction(final ObjectNode action, final UserSignedType type, final Network network,
      final long signatureChainId) {
    action.put("signatureChainId", "0x" + Long.toHexString(signatureChainId));
    action.put("hyperliquidChain", network.chainName());
    final ObjectNode typed = JSON.createObjectNode();
    final ObjectNode types = typed.putObject("types");
    domainType(types);
    final ArrayNode fields = types.putArray(type.primaryType());
    for (final UserSignedType.Field f : type.fields()) {
      fields.addObject().put("name", f.name()).put("type", f.type());
    }
    typed.put("primaryType", type.primaryType());
    typed.putObject("domain").put("name", "HyperliquidSignTransaction").put("version", "1")
        .put("chainId", signatureChainId).put("verifyingContract", ZERO_ADDRESS);
    final ObjectNode message = typed.putObject("message");
    for (final UserSignedType.Field f : type.fields()) {
      final JsonNode v = action.get(f.name());
      if (v == null || v.isNull()) {
        throw new IllegalArgumentException(type.primaryType() + " needs " + f.name());
      }
      message.set(f.name(), v);
    }
    return sign(digest(typed));
  }

  private static void domainType(final ObjectNode types) {
    final ArrayNode d = types.putArray("EIP712Domain");
    d.addObject().put("name", "name").put("type", "string");
    d.addObject().put("name", "version").put("type", "string");
    d.addObject().put("name", "chainId").put("type", "uint256");
    d.addObject().put("name", "verifyingContract").put("type", "address");
  }

  private static byte[] digest(final ObjectNode typed) {
    try {
      return new StructuredDataEncoder(JSON.writeValueAsString(typed)).hashStructuredData();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Signature sign(final byte[] digest) {
    return Signature.of(Sign.signMessage(digest, key, false));
  }

  /** The address that signed {@code digest} with {@code s}. */
  public static String recover(final byte[] digest, final Signature s) {
    try {
      final BigInteger publicKey = Sign.signedMessageHashToKey(digest, new Sign.SignatureData((byte) s.v(),
          fixed(s.r()), fixed(s.s())));
      return "0x" + org.web3j.crypto.Keys.getAddress(publicKey);
    } catch (java.security.SignatureException e) {
      throw new IllegalArgumentException("no key recovers from this signature: " + e.getMessage(), e);
    }
  }

  private static byte[] fixed(final BigInteger v) {
    return org.web3j.utils.Numeric.toBytesPadded(v, 32);
  }
}
