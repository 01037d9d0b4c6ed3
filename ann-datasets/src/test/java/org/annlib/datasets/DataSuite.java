package org.annlib.datasets;

import java.io.IOException;
import java.nio.file.Path;
import org.annlib.ProgressListener;

/**
 * Files for tests tagged {@code data} ({@code mvn -B verify -Pdata}), found by name the way the
 * runner finds them: {@code $ANN_DATASET_PATH}, then {@code tests.datasetPath} (set by the build to
 * {@code ../shared/datasets/data} beside the clone), then the cache, then a download.
 */
final class DataSuite {
  private DataSuite() {}

  static Path file(String name) {
    DatasetResolver r = DatasetResolver.fromEnvironment().searchingAlso(System.getProperty("tests.datasetPath"));
    try {
      return r.resolve(name, ProgressListener.NONE);
    } catch (IOException | IllegalArgumentException e) {
      throw new AssertionError("the data suite needs dataset " + name + ": " + e, e);
    }
  }
}
