package io.perpnet.escrow.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A JSON-RPC error or a transaction that failed on chain, with everything the node said: the
 * code, the message, the transaction error (e.g. {"InstructionError":[0,{"Custom":11}]}) and
 * the program logs. Solanaj's own exception keeps only the message.
 */
public final class RpcError extends Exception {
  private final int code;
  private final JsonNode transactionError;
  private final List<String> logs;
  private final String signature;

  public RpcError(final int code, final String message, final JsonNode transactionError, final List<String> logs) {
    this(code, message + (logs.isEmpty() ? "" : "\n" + String.join("\n", logs)), transactionError, logs, null);
  }

  private RpcError(final int code, final String fullMessage, final JsonNode transactionError, final List<String> logs,
      final String signature) {
    super(fullMessage);
    this.code = code;
    this.transactionError = transactionError;
    this.logs = List.copyOf(logs);
    this.signature = signature;
  }

  /** This error, naming the transaction it is about (base58): the one signed, whether or not it got on chain. */
  public RpcError withSignature(final String transactionSignature) {
    final RpcError e = new RpcError(code, getMessage(), transactionError, logs, transactionSignature);
    e.setStackTrace(getStackTrace());
    return e;
  }

  /** The signature of the transaction that failed, when the error came from sending one. */
  public java.util.Optional<String> signature() {
    return java.util.Optional.ofNullable(signature);
  }

  /** Whether the cluster ran the transaction (in preflight or in a block) and refused it. */
  public boolean refusedByChain() {
    return transactionError != null && !transactionError.isNull() && !transactionError.isMissingNode();
  }

  /** The JSON-RPC error code; 0 when the transaction landed and failed. */
  public int code() {
    return code;
  }

  public JsonNode transactionError() {
    return transactionError;
  }

  public List<String> logs() {
    return logs;
  }

  /** The index of the failed instruction in its transaction, or -1 if the failure names none. */
  public int failedInstruction() {
    final JsonNode ie = transactionError == null ? null : transactionError.get("InstructionError");
    return ie == null || !ie.isArray() || ie.size() != 2 ? -1 : ie.get(0).asInt();
  }

  /** The program's Custom(n) error of the failed instruction, or -1 if it is another kind of error. */
  public long customError() {
    final JsonNode ie = transactionError == null ? null : transactionError.get("InstructionError");
    if (ie == null || !ie.isArray() || ie.size() != 2 || !ie.get(1).has("Custom")) {
      return -1;
    }
    return ie.get(1).get("Custom").asLong();
  }
}
