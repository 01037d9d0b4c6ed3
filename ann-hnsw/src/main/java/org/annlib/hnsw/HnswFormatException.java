package org.annlib.hnsw;

import java.io.IOException;

/** A saved index that cannot be loaded: wrong kind, wrong version, truncated or corrupted. */
public final class HnswFormatException extends IOException {
  public HnswFormatException(String message) {
    super(message);
  }
}
