package io.perpnet.consensus.commitment;

/** Which side of a match this node signs for. */
public enum Role {
  TRADER,
  MAKER
}
