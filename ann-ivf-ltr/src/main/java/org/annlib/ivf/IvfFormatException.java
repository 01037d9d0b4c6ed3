package org.annlib.ivf;

import org.annlib.IndexFormatException;

/** A saved IVF index that cannot be loaded: wrong kind, wrong version, truncated or corrupted. */
public final class IvfFormatException extends IndexFormatException {
  public IvfFormatException(String message) {
    super(message);
  }
}
