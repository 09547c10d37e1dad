package io.perpnet.node.api.routes;

import io.perpnet.consensus.validation.RejectedException;
import io.perpnet.escrow.client.EscrowError;
import io.perpnet.escrow.rpc.RpcError;
import io.perpnet.node.api.http.ApiError;
import io.perpnet.node.api.http.ErrorCode;
import java.util.concurrent.CompletionException;

/**
 * A failure of the node's machinery as an API error: the escrow's and consensus's own reasons by
 * their names, an unreachable chain as CHAIN_UNAVAILABLE.
 */
final class Refusals {
  private Refusals() {}

  static ApiError of(final Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof java.util.concurrent.ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    if (c instanceof RejectedException r) {
      return ApiError.passthrough(r.reason().name(), r.getMessage());
    }
    if (c instanceof RpcError r) {
      final EscrowError e = r.customError() >= 0 ? EscrowError.of(r.customError()) : null;
      if (e != null) {
        return ApiError.passthrough(e.name(), "the escrow refused: " + r.getMessage());
      }
      return new ApiError(ErrorCode.CHAIN_UNAVAILABLE, "the chain did not answer: " + r.getMessage());
    }
    final String m = String.valueOf(c.getMessage());
    for (final var reason : io.perpnet.consensus.validation.Rejection.values()) {
      if (m.startsWith(reason.name())) {
        return ApiError.passthrough(reason.name(), m);
      }
    }
    return new ApiError(ErrorCode.INTERNAL, m);
  }
}
