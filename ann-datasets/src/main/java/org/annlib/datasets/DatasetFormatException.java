package org.annlib.datasets;

import java.io.IOException;

/** A dataset file that is not what it claims: wrong format, truncated, or inconsistent. */
public final class DatasetFormatException extends IOException {
  public DatasetFormatException(String message) {
    super(message);
  }

  public DatasetFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
