package org.annlib.bench.runner;

/** A command line the runner cannot make sense of; the message says what and how to fix it. */
public final class UsageException extends Exception {
  public UsageException(String message) {
    super(message);
  }
}
