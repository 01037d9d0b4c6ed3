/** The contract tests every {@code Index} implementation passes, and shared test data. */
module org.annlib.testkit {
  requires transitive org.annlib.core;
  requires transitive org.annlib.datasets;
  requires transitive org.junit.jupiter.api;
  requires org.junit.jupiter.params;

  exports org.annlib.testkit;
}
