package org.annlib.bench.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.annlib.Index;
import org.annlib.IndexProvider;
import org.annlib.Metric;
import org.annlib.Parameters;
import org.annlib.ProgressListener;
import org.annlib.SearchParams;
import org.annlib.lucene.AnnlibHnswVectorsFormat;
import org.annlib.lucene.AnnlibSearchStrategy;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues.ScalarEncoding;
import org.annlib.vectors.VectorChecks;
import org.annlib.vectors.VectorValues;

/**
 * Vector formats inside Lucene, compared at Lucene's API level ({@code lucene-codec}): documents
 * indexed with {@code IndexWriter} into a memory-mapped directory (a temporary one, deleted at
 * exit), {@code segments} flushed segments force-merged into one unless {@code merge=false}, and
 * every query an {@code IndexSearcher} running a {@code KnnFloatVectorQuery}. Variants:
 *
 * <ul>
 *   <li>{@code annlib}, {@code annlib-glass}, {@code annlib-crinn}: our format
 *       ({@link AnnlibHnswVectorsFormat}) with that preset, beam ef through {@link
 *       AnnlibSearchStrategy} and k hits;
 *   <li>{@code lucene99}: Lucene's HNSW format on float32 vectors, which searches with a beam of its
 *       k, so ef is applied as luceneutil applies it: collect the top ef, keep k;
 *   <li>{@code lucene104-int7}: Lucene's 7-bit scalar-quantized HNSW, whose walk on the codes
 *       collects the top ef and RescoreTopNQuery re-ranks them at full precision down to k: the
 *       like-for-like peer of our code presets.
 * </ul>
 *
 * Merges use Lucene's intra-merge executor with up to {@code threads} workers in every format;
 * flushes build on the indexing thread in every format.
 */
public final class LuceneCodecIndexProvider implements IndexProvider {
  private static final List<String> VARIANTS = List.of("annlib", "annlib-glass", "annlib-crinn", "lucene99",
      "lucene104-int7");

  @Override
  public String name() {
    return "lucene-codec";
  }

  @Override
  public List<String> variants() {
    return VARIANTS;
  }

  @Override
  public List<String> buildParameters() {
    return List.of("M", "efConstruction", "segments", "merge");
  }

  @Override
  public List<String> searchParameters() {
    return List.of("ef");
  }

  @Override
  public String kernels() {
    return new LuceneHnswIndexProvider().kernels() + " (annlib variants: " + org.annlib.vector.VectorUtil.provider()
        + ")";
  }

  @Override
  public SearchParams searchParams(Map<String, String> params) {
    Parameters.checkKnown(name(), "search", params, searchParameters());
    return SearchParams.builder().ef(Parameters.optionalPositive(params, "ef")).build();
  }

  @Override
  public Index build(Metric metric, VectorValues vectors, String variant, Map<String, String> params, int threads,
      ProgressListener progress) {
    Parameters.checkVariant(name(), variant, VARIANTS);
    Parameters.checkKnown(name(), "build", params, buildParameters());
    int m = Parameters.intValue(params, "M", 16);
    int efConstruction = Parameters.intValue(params, "efConstruction", 200);
    int segments = Parameters.intValue(params, "segments", 1);
    String merge = params.getOrDefault("merge", "true");
    if (!merge.equals("true") && !merge.equals("false")) {
      throw new IllegalArgumentException(name() + ": merge must be true or false, got '" + merge + "'");
    }
    int dim = vectors.dimension();
    List<float[]> prepared = new ArrayList<>(vectors.size());
    for (int i = 0; i < vectors.size(); i++) {
      prepared.add(VectorChecks.prepare(vectors.vector(i), dim, metric, "vector " + i));
    }
    VectorSimilarityFunction sim = LuceneHnswIndexProvider.similarity(metric);
    int workers = Math.max(1, threads);
    KnnVectorsFormat format = switch (variant) {
      case "annlib" -> new AnnlibHnswVectorsFormat(m, efConstruction, "default");
      case "annlib-glass" -> new AnnlibHnswVectorsFormat(m, efConstruction, "glass");
      case "annlib-crinn" -> new AnnlibHnswVectorsFormat(m, efConstruction, "crinn");
      case "lucene99" -> new Lucene99HnswVectorsFormat(m, efConstruction, workers, null);
      default -> new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.SEVEN_BIT, m, efConstruction, workers,
          null);
    };
    CodecPeerIndex.CodecQuery query = variant.startsWith("annlib")
        ? (searcher, q, k, ef) -> searcher.search(
            new KnnFloatVectorQuery(LuceneSegments.FIELD, q, k, null, new AnnlibSearchStrategy(ef)), k)
        : variant.equals("lucene99")
            ? (searcher, q, k, ef) -> searcher.search(new KnnFloatVectorQuery(LuceneSegments.FIELD, q, ef), ef)
            : LuceneQuantizedIndex::rescored;
    try {
      Path dir = Files.createTempDirectory("annlib-lucene-codec-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
      LuceneSegments written = LuceneSegments.write(new MMapDirectory(dir), format, sim, prepared, dim, segments,
          merge.equals("true"));
      progress.progress("build " + name(), vectors.size(), vectors.size());
      return new CodecPeerIndex(metric, dim, vectors.size(), written, query);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory; the OS cleans it eventually
    }
  }
}
