package org.annlib.datasets;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.annlib.ProgressListener;

/**
 * Finds a dataset by its ann-benchmarks name: {@code NAME.hdf5} in each search folder, then in
 * the cache folder; failing that, a known name is downloaded from the ann-benchmarks site (or
 * the configured mirror) into the cache.
 */
public final class DatasetResolver {
  /** Where ann-benchmarks publishes its files; {@code NAME.hdf5} is appended. */
  public static final URI ANN_BENCHMARKS = URI.create("http://ann-benchmarks.com/");

  /** The datasets ann-benchmarks publishes. */
  public static final List<String> KNOWN = List.of(
      "deep-image-96-angular",
      "fashion-mnist-784-euclidean",
      "gist-960-euclidean",
      "glove-25-angular",
      "glove-50-angular",
      "glove-100-angular",
      "glove-200-angular",
      "lastfm-64-dot",
      "mnist-784-euclidean",
      "nytimes-256-angular",
      "sift-128-euclidean",
      "coco-i2i-512-angular",
      "coco-t2i-512-angular");

  private final List<Path> searchPath;
  private final Path cacheDir;
  private final URI baseUri;
  private final Download download;

  public DatasetResolver(List<Path> searchPath, Path cacheDir, URI baseUri, Download download) {
    this.searchPath = List.copyOf(searchPath);
    this.cacheDir = cacheDir;
    this.baseUri = baseUri.toString().endsWith("/") ? baseUri : URI.create(baseUri + "/");
    this.download = download;
  }

  /**
   * The resolver configured from the environment: search folders in {@code ANN_DATASET_PATH}
   * (separated by the path separator), cache in {@code ANN_DATASET_CACHE} or {@code
   * ~/.cache/annlib/datasets}, site from {@code ANN_DATASET_URL} or {@link #ANN_BENCHMARKS}.
   */
  public static DatasetResolver fromEnvironment() {
    List<Path> path = folders(System.getenv("ANN_DATASET_PATH"));
    String cache = System.getenv("ANN_DATASET_CACHE");
    Path cacheDir = cache != null ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache", "annlib", "datasets");
    String url = System.getenv("ANN_DATASET_URL");
    return new DatasetResolver(path, cacheDir, url != null ? URI.create(url) : ANN_BENCHMARKS, new Download());
  }

  /**
   * This resolver with the folders of {@code pathList} (separated by the path separator, blank
   * entries skipped, null for none) searched after its own, before the cache.
   */
  public DatasetResolver searchingAlso(String pathList) {
    List<Path> path = new ArrayList<>(searchPath);
    path.addAll(folders(pathList));
    return new DatasetResolver(path, cacheDir, baseUri, download);
  }

  private static List<Path> folders(String pathList) {
    List<Path> out = new ArrayList<>();
    if (pathList != null) {
      for (String s : pathList.split(java.io.File.pathSeparator)) {
        if (!s.isBlank()) {
          out.add(Path.of(s));
        }
      }
    }
    return out;
  }

  public Path cacheDir() {
    return cacheDir;
  }

  /**
   * The dataset called {@code name}: the embedded set, a {@code synthetic-<n>-<dim>-<metric>} set
   * (generated into the cache on first use), or a file found by {@link #resolve}.
   */
  public Dataset open(String name, int threads, ProgressListener progress) throws IOException {
    if (name.equals(Datasets.EMBEDDED_NAME)) {
      return Datasets.embedded();
    }
    if (SyntheticDataset.isSyntheticName(name)) {
      return SyntheticDataset.open(SyntheticDataset.parse(name), cacheDir, threads, progress);
    }
    return Datasets.load(resolve(name, progress), null, cacheDir, threads, progress);
  }

  /** The local file for {@code name}, downloading it first if needed. */
  public Path resolve(String name, ProgressListener progress) throws IOException {
    String base = name.endsWith(".hdf5") ? name.substring(0, name.length() - 5) : name;
    if (base.isEmpty() || base.contains("/") || base.contains("\\") || base.startsWith(".")) {
      throw new IllegalArgumentException("dataset name '" + name + "' is not a plain name; use --data FILE for paths");
    }
    List<Path> looked = new ArrayList<>(searchPath);
    looked.add(cacheDir);
    for (Path dir : looked) {
      Path f = dir.resolve(base + ".hdf5");
      if (Files.isRegularFile(f)) {
        return f;
      }
    }
    if (!KNOWN.contains(base)) {
      throw new IllegalArgumentException("unknown dataset '" + name + "': no " + base + ".hdf5 in " + looked
          + ", and not an ann-benchmarks name; known: " + String.join(", ", KNOWN) + ", "
          + Datasets.EMBEDDED_NAME + ", synthetic-<n>-<dim>-<metric>");
    }
    Path target = cacheDir.resolve(base + ".hdf5");
    download.fetch(baseUri.resolve(base + ".hdf5"), target, progress);
    return target;
  }
}
