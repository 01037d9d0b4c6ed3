package org.annlib.hnsw;

import org.annlib.IndexFormatException;

/** A saved index that cannot be loaded: wrong kind, wrong version, truncated or corrupted. */
public final class HnswFormatException extends IndexFormatException {
  public HnswFormatException(String message) {
    super(message);
  }
}
