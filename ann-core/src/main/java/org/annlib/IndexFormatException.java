package org.annlib;

import java.io.IOException;

/** A saved index that cannot be loaded: wrong kind, wrong version, truncated or corrupted. */
public class IndexFormatException extends IOException {
  public IndexFormatException(String message) {
    super(message);
  }
}
