package io.perpnet.node.api.routes;

import io.perpnet.consensus.codec.Bytes32;
import io.perpnet.node.api.http.ApiError;
import java.util.HexFormat;

/** Ids in paths: 64 hex characters, the SHA-256 of the signed bytes. */
final class Ids {
  private Ids() {}

  static Bytes32 parse(final String field, final String hex) throws ApiError {
    if (hex == null || hex.length() != 64) {
      throw ApiError.field(field, "must be 64 hex characters");
    }
    try {
      return Bytes32.wrap(HexFormat.of().parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw ApiError.field(field, "must be 64 hex characters");
    }
  }
}
