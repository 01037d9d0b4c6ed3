package org.annlib.bench.runner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.annlib.Parameters;

/**
 * hnswlib and FAISS, run through their Debian Python packages in a child process
 * ({@code python_peer.py}, shipped in this jar): index names {@code hnswlib}, {@code faiss-hnsw}
 * and {@code faiss-ivf}. The child measures exactly as the runner does (same warm-up, passes,
 * median, exact re-scoring for recall) and prints rows in the runner's format. Its timed passes
 * run after the in-process indexes', not interleaved with them, and each query pays a Python call:
 * the {@code -cpp} peers ({@link NativeDriver}) are the like-for-like native comparison.
 */
final class NativePeers {
  static final List<String> NAMES =
      List.of("hnswlib", "faiss-hnsw", "faiss-ivf", "hnswlib-cpp", "faiss-hnsw-cpp", "faiss-ivf-cpp");
  private static final Map<String, String> PACKAGES =
      Map.of("hnswlib", "python3-hnswlib", "faiss-hnsw", "python3-faiss", "faiss-ivf", "python3-faiss");

  private NativePeers() {}

  static boolean isNative(String name) {
    return NAMES.contains(name);
  }

  /** The C++ peers, driven in the run's interleaved passes; the others run through Python after them. */
  static boolean isCpp(String name) {
    return name.endsWith("-cpp");
  }

  static List<String> buildParameters(String name) {
    return name.startsWith("faiss-ivf") ? List.of("nlist") : List.of("M", "efConstruction");
  }

  static String searchParameter(String name) {
    return name.startsWith("faiss-ivf") ? "nprobe" : "ef";
  }

  /** Fails early, before any work, on parameters the peer does not take. */
  static void check(String name, Map<String, String> build, Map<String, List<String>> search) {
    Parameters.checkKnown(name, "build", build, buildParameters(name));
    Map<String, String> keys = new LinkedHashMap<>();
    search.keySet().forEach(key -> keys.put(key, ""));
    Parameters.checkKnown(name, "search", keys, List.of(searchParameter(name)));
  }

  /** Runs the peer on {@code file} and returns its rows; the raw JSON lines go to {@code raw}. */
  static List<Map<String, Object>> run(String name, Path file, String dataset, Map<String, String> build,
      List<String> sweep, int k, int queries, int threads, int runs, List<String> raw) throws IOException {
    Path script = Files.createTempFile("annlib-peer", ".py");
    try (InputStream in = NativePeers.class.getResourceAsStream("/org/annlib/bench/peers/python_peer.py")) {
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
    }
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), file.toString(), "--library", name,
        "--name", dataset, "--k", String.valueOf(k), "--threads", String.valueOf(threads), "--runs",
        String.valueOf(runs), "--sweep", String.join(",", sweep)));
    if (queries > 0) {
      cmd.addAll(List.of("--queries", String.valueOf(queries)));
    }
    build.forEach((key, v) -> cmd.addAll(List.of("--" + key, v)));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
    List<Map<String, Object>> rows = new ArrayList<>();
    StringBuilder err = new StringBuilder();
    Thread drain = Thread.ofVirtual().start(() -> {
      try {
        err.append(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException ignored) {
        // the exit status reports the failure
      }
    });
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.startsWith("{")) {
          raw.add(line);
          rows.add(parse(line));
        }
      }
    }
    try {
      int status = p.waitFor();
      drain.join();
      if (status != 0) {
        String last = err.toString().strip();
        last = last.substring(last.lastIndexOf('\n') + 1);
        throw new IllegalStateException("index '" + name + "' needs Debian's " + PACKAGES.get(name)
            + " (apt-get install " + PACKAGES.get(name) + " python3-h5py python3-numpy); the child process said: " + last);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted waiting for " + name, e);
    } finally {
      Files.deleteIfExists(script);
    }
    return rows;
  }

  private static final Pattern NUMBER = Pattern.compile("\"(recall|qps|build_seconds)\": ([0-9.eE+-]+)");
  private static final Pattern STRING = Pattern.compile("\"(index|variant)\": \"([^\"]*)\"");
  private static final Pattern SEARCH = Pattern.compile("\"search_params\": \\{\"(\\w+)\": \"([^\"]*)\"\\}");

  /** The fields the table and plot need, from a row the Python peer printed. */
  static Map<String, Object> parse(String line) {
    Map<String, Object> m = new LinkedHashMap<>();
    Matcher s = STRING.matcher(line);
    while (s.find()) {
      m.put(s.group(1), s.group(2));
    }
    Matcher n = NUMBER.matcher(line);
    while (n.find()) {
      m.put(n.group(1), Double.parseDouble(n.group(2)));
    }
    Matcher sp = SEARCH.matcher(line);
    m.put("search", sp.find() ? sp.group(1) + "=" + sp.group(2) : "-");
    return m;
  }
}
