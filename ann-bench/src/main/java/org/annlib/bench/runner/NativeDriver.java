package org.annlib.bench.runner;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.annlib.Metric;
import org.annlib.Parameters;
import org.annlib.SearchResult;
import org.annlib.datasets.Dataset;
import org.annlib.datasets.Texmex;
import org.annlib.vectors.VectorChecks;

/**
 * The C++ peers {@code hnswlib-cpp}, {@code faiss-hnsw-cpp} and {@code faiss-ivf-cpp}: {@code
 * native_peer.cpp} (shipped in this jar) compiled on this machine with {@code -O3 -march=native}
 * against Debian's header-only hnswlib and static FAISS, cached under {@code
 * ~/.cache/annlib/native} by a hash of the source and the flags. One child process per index
 * builds it from fvecs files and then answers one command per line; the runner sends it "pass"
 * between the JVM indexes' timed passes, so native and JVM passes interleave.
 */
final class NativeDriver implements Closeable {
  private static final String SOURCE = "/org/annlib/bench/peers/native_peer.cpp";
  private static final List<String> FLAGS = List.of("-O3", "-march=native", "-std=c++17", "-fopenmp");

  private final Process process;
  private final BufferedReader in;
  private final BufferedWriter out;
  private final Path dir;
  private final double buildSeconds;
  private final String simd;

  private NativeDriver(Process process, Path dir) throws IOException {
    this.process = process;
    this.dir = dir;
    this.in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.out = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    String[] built = reply("built");
    this.buildSeconds = Double.parseDouble(built[1]);
    this.simd = built.length > 2 ? String.join(" ", Arrays.copyOfRange(built, 2, built.length)) : "unknown";
  }

  /** The Debian package a peer is built from. */
  static String packageOf(String name) {
    return name.startsWith("hnswlib") ? "libhnswlib-dev" : "libfaiss-dev";
  }

  /** The library's Debian version ("0.6.2-2"), or "unknown". */
  static String version(String name) {
    try {
      Process p = new ProcessBuilder("dpkg-query", "-W", "-f", "${Version}", packageOf(name)).start();
      String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.waitFor() == 0 && !v.isEmpty() ? v : "unknown";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  /** Compiles the driver unless this machine's cache has it; fails naming the packages it needs. */
  static Path binary(String name) throws IOException {
    boolean faiss = Files.isRegularFile(Path.of("/usr/include/faiss/IndexHNSW.h"));
    if (!Files.isRegularFile(Path.of("/usr/include/hnswlib/hnswlib.h")) || (name.startsWith("faiss") && !faiss)) {
      throw new IllegalStateException("index '" + name + "' is compiled against Debian's " + packageOf(name)
          + ": apt-get install g++ libhnswlib-dev" + (name.startsWith("faiss") ? " libfaiss-dev libblas-dev liblapack-dev" : ""));
    }
    byte[] source;
    try (InputStream s = NativeDriver.class.getResourceAsStream(SOURCE)) {
      source = s.readAllBytes();
    }
    List<String> cmd = new ArrayList<>(List.of("g++"));
    cmd.addAll(FLAGS);
    if (faiss) {
      cmd.add("-DWITH_FAISS");
    }
    String key;
    try {
      java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
      md.update(source);
      md.update(String.join(" ", cmd).getBytes(StandardCharsets.UTF_8));
      key = HexFormat.of().formatHex(md.digest(), 0, 8);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    Path cache = Path.of(System.getProperty("user.home"), ".cache", "annlib", "native", key);
    Path bin = cache.resolve("native_peer");
    if (Files.isExecutable(bin)) {
      return bin;
    }
    Files.createDirectories(cache);
    Path src = cache.resolve("native_peer.cpp");
    Files.write(src, source);
    Path tmp = cache.resolve("native_peer.tmp");
    cmd.addAll(List.of(src.toString(), "-o", tmp.toString()));
    if (faiss) {
      cmd.addAll(List.of("-lfaiss", "-lblas", "-llapack"));
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (p.waitFor() != 0) {
        throw new IllegalStateException("compiling the native peers failed (" + String.join(" ", cmd) + "): " + log);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted compiling the native peers", e);
    }
    Files.move(tmp, bin, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return bin;
  }

  /**
   * Starts the peer on {@code d} (vectors prepared as our indexes store them: unit length under
   * cosine, searched by inner product) and waits until it has built its index.
   */
  static NativeDriver start(String name, Dataset d, float[][] queries, int k, Map<String, String> build, int threads)
      throws IOException {
    Path bin = binary(name);
    Path dir = Files.createTempDirectory("annlib-native");
    Metric metric = d.metric();
    float[][] train = new float[d.train().size()][];
    for (int i = 0; i < train.length; i++) {
      train[i] = VectorChecks.prepare(d.train().vector(i), d.dimension(), metric, "vector " + i);
    }
    float[][] test = new float[queries.length][];
    for (int i = 0; i < test.length; i++) {
      test[i] = VectorChecks.prepare(queries[i], d.dimension(), metric, "query " + i);
    }
    Texmex.writeFvecs(dir.resolve("train.fvecs"), train);
    Texmex.writeFvecs(dir.resolve("test.fvecs"), test);
    String library = name.substring(0, name.length() - "-cpp".length());
    List<String> cmd = List.of(bin.toString(), library, metric == Metric.EUCLIDEAN ? "l2" : "ip",
        dir.resolve("train.fvecs").toString(), dir.resolve("test.fvecs").toString(), String.valueOf(k),
        String.valueOf(Parameters.intValue(build, "M", 16)), String.valueOf(Parameters.intValue(build, "efConstruction", 200)),
        String.valueOf(Parameters.intValue(build, "nlist", 256)), String.valueOf(threads));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    return new NativeDriver(p, dir);
  }

  double buildSeconds() {
    return buildSeconds;
  }

  /** What the driver reports of its kernels: hnswlib's SIMD path, FAISS's compile options. */
  String simd() {
    return simd;
  }

  private String[] reply(String expected) throws IOException {
    String line = in.readLine();
    if (line == null) {
      throw new IllegalStateException("the native peer exited (status "
          + (waitQuietly() ? process.exitValue() : -1) + "); its stderr is above");
    }
    String[] parts = line.strip().split(" ");
    if (!parts[0].equals(expected)) {
      throw new IllegalStateException("the native peer answered '" + line + "', expected " + expected);
    }
    return parts;
  }

  private boolean waitQuietly() {
    try {
      return process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private String[] send(String command, String expected) {
    try {
      out.write(command);
      out.newLine();
      out.flush();
      return reply(expected);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A cell of this peer at search value {@code value} (ef, or nprobe for IVF). */
  Cell cell(int value, float[][] queries, int k) {
    return new Cell() {
      private final List<Double> qpsRuns = new ArrayList<>();

      @Override
      public void warmUp() {
        send("set " + value, "ok");
        send("warm " + Cell.warmQueries(queries.length), "ok");
      }

      @Override
      public void timedPass() {
        qpsRuns.add(queries.length / Double.parseDouble(send("pass", "pass")[1]));
      }

      @Override
      public SearchMeasurement.Result result(Dataset d, double batchQps) {
        Path ids = dir.resolve("ids.bin");
        send("ids " + ids, "ok");
        SearchResult[] results = new SearchResult[queries.length];
        try {
          ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(ids)).order(ByteOrder.LITTLE_ENDIAN);
          for (int q = 0; q < queries.length; q++) {
            long[] row = new long[k];
            int n = 0;
            for (int j = 0; j < k; j++) {
              int id = b.getInt();
              if (id >= 0) {
                row[n++] = id;
              }
            }
            results[q] = new SearchResult(java.util.Arrays.copyOf(row, n), new float[n], 0);
          }
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        return SearchMeasurement.summarize(d, queries, results, k, qpsRuns, batchQps, Double.NaN, 0);
      }
    };
  }

  @Override
  public void close() throws IOException {
    try {
      out.write("quit");
      out.newLine();
      out.flush();
    } catch (IOException ignored) {
      // the process is gone already
    }
    if (!waitQuietly()) {
      process.destroyForcibly();
    }
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
    }
    Files.deleteIfExists(dir);
  }
}
