package org.annlib.bench.runner;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/** {@code --out FILE}: appends one JSON object per row, flushed as each row is measured. */
final class JsonLinesSink implements RowSink, Closeable {
  private final BufferedWriter writer;

  JsonLinesSink(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    writer = Files.newBufferedWriter(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Override
  public void row(Map<String, Object> row, String json) throws IOException {
    writer.write(json);
    writer.newLine();
    writer.flush();
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}
