package org.annlib.bench.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.annlib.datasets.Datasets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The peers outside the JVM, where their Debian packages are installed (.ci/run installs them;
 * elsewhere these tests are skipped, and say which package is missing): the Python script and the
 * C++ driver each run on 200 embedded queries, and their recall, re-scored by the runner, is what
 * an HNSW at ef 64 reaches on this set (measured 0.99+; margin 0.95).
 */
class NativePeersTest {
  @TempDir Path dir;

  private static boolean python(String module) throws Exception {
    if (!Files.isExecutable(Path.of("/usr/bin/python3"))) {
      return false;
    }
    Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import h5py, numpy, " + module).start();
    return p.waitFor() == 0;
  }

  @Test
  void thePythonPeerScriptRunsAndReportsRecall() throws Exception {
    Assumptions.assumeTrue(python("hnswlib"), "needs python3-hnswlib, python3-h5py, python3-numpy");
    Path data = Datasets.copyEmbedded(dir.resolve("embedded.hdf5"));
    List<String> raw = new ArrayList<>();
    List<Map<String, Object>> rows = NativePeers.run("hnswlib", data, "embedded", Map.of("M", "16",
        "efConstruction", "100"), List.of("64"), 10, 200, 2, 2, raw);
    assertEquals(1, rows.size());
    assertEquals("ef=64", rows.get(0).get("search"));
    assertTrue((Double) rows.get(0).get("recall") >= 0.95, rows.toString());
    assertTrue(raw.get(0).contains("\"qps_runs\": ["), raw.get(0));
  }

  @Test
  void theCppDriverInterleavesWithTheJvmIndexesAndReportsItsKernels() throws Exception {
    Assumptions.assumeTrue(Files.isRegularFile(Path.of("/usr/include/hnswlib/hnswlib.h"))
        && Files.isRegularFile(Path.of("/usr/include/faiss/IndexHNSW.h")), "needs g++, libhnswlib-dev, libfaiss-dev");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Path jsonl = dir.resolve("run.jsonl");
    int status = AnnCommand.run(new String[] {"bench", "--index", "hnsw,hnswlib-cpp,faiss-hnsw-cpp", "--build",
        "M=16,efConstruction=100", "--search", "ef=64", "--queries", "200", "--runs", "2", "--out", jsonl.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    List<String> lines = Files.readAllLines(jsonl);
    assertEquals(3, lines.size(), String.join("\n", lines));
    for (String line : lines.subList(1, 3)) {
      assertTrue(line.contains("\"variant\":\"native\""), line);
      // hnswlib names the SIMD path its headers compiled in; FAISS its compile options.
      assertTrue(line.matches(".*\"kernels\":\"[^\"]+ (hnswlib (AVX-512|AVX|SSE|scalar)|faiss_\\w+)\".*"),
          "kernels recorded: " + line);
      assertTrue(line.matches(".*\"qps_runs\":\\[[^,\\]]+,[^,\\]]+\\].*"), "two timed passes: " + line);
      double recall = Double.parseDouble(line.replaceAll(".*\"recall\":([0-9.eE+-]+).*", "$1"));
      assertTrue(recall >= 0.95, line);
    }
  }
}
