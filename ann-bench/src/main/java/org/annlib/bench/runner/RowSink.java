package org.annlib.bench.runner;

import java.io.IOException;
import java.util.Map;

/** Where a run's rows go as they are measured: the console table, a JSON-lines file. */
interface RowSink {
  /**
   * @param row the fields tables and plots read
   * @param json the row as one JSON line (a Python peer's own line, which has more fields)
   */
  void row(Map<String, Object> row, String json) throws IOException;
}
