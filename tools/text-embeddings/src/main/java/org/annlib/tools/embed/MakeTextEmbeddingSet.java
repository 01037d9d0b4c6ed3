package org.annlib.tools.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.annlib.Metric;
import org.annlib.ProgressListener;
import org.annlib.exact.GroundTruth;
import org.annlib.exact.Neighbors;
import org.annlib.datasets.AnnBenchmarksHdf5Writer;
import org.annlib.datasets.Dataset;
import org.annlib.vectors.Vectors;

/**
 * Writes {@code gcide-minilm-384-angular}: GCIDE definitions embedded by all-MiniLM-L6-v2 (384
 * dimensions), the shape of a retrieval corpus of short English passages. The definitions are
 * shuffled with a fixed seed; the first {@code queries} become the queries and the next {@code
 * base} the base vectors, so no query text is also a base text (the corpus is deduplicated).
 * Ground truth: exact cosine, 100 deep, distances {@code 1 - cos} as ann-benchmarks stores them.
 *
 * <p>Usage: {@code MakeTextEmbeddingSet GCIDE_DICT_DZ OUT.hdf5 [BASE [QUERIES]]}.
 */
public final class MakeTextEmbeddingSet {
  static final long SEED = 1;
  static final int DEFAULT_BASE = 100_000;
  static final int DEFAULT_QUERIES = 10_000;
  static final int GROUND_TRUTH_DEPTH = 100;
  private static final int BATCH = 512;

  private MakeTextEmbeddingSet() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2 || args.length > 4) {
      System.err.println("usage: MakeTextEmbeddingSet GCIDE_DICT_DZ OUT.hdf5 [BASE [QUERIES]]");
      System.exit(2);
    }
    Path corpus = Path.of(args[0]);
    Path out = Path.of(args[1]);
    int base = args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_BASE;
    int queries = args.length > 3 ? Integer.parseInt(args[3]) : DEFAULT_QUERIES;

    List<String> texts = new ArrayList<>(GcideDefinitions.read(corpus));
    if (texts.size() < base + queries) {
      throw new IllegalArgumentException(
          corpus + " holds " + texts.size() + " definitions, fewer than " + base + " + " + queries);
    }
    Collections.shuffle(texts, new Random(SEED));
    System.err.printf("%s: %d distinct definitions; embedding %d queries and %d base texts%n",
        corpus, texts.size(), queries, base);

    EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel();
    float[][] test = embed(model, texts.subList(0, queries));
    float[][] train = embed(model, texts.subList(queries, queries + base));

    Neighbors gt = GroundTruth.compute(Vectors.of(train), Vectors.of(test), Metric.COSINE, GROUND_TRUTH_DEPTH,
        Runtime.getRuntime().availableProcessors(), ProgressListener.NONE);
    Dataset d = new Dataset("gcide-minilm-384-angular", corpus.toString(), Metric.COSINE, Vectors.of(train),
        Vectors.of(test), gt.ids(), gt.distances());
    AnnBenchmarksHdf5Writer.write(d, out);
    System.err.printf("wrote %s: %d x %d base, %d queries, ground truth %d deep%n",
        out, base, train[0].length, queries, GROUND_TRUTH_DEPTH);
  }

  private static float[][] embed(EmbeddingModel model, List<String> texts) {
    float[][] out = new float[texts.size()][];
    long start = System.nanoTime();
    for (int from = 0; from < texts.size(); from += BATCH) {
      int to = Math.min(texts.size(), from + BATCH);
      List<TextSegment> batch = new ArrayList<>(to - from);
      for (String t : texts.subList(from, to)) {
        batch.add(TextSegment.from(t));
      }
      List<Embedding> e = model.embedAll(batch).content();
      for (int i = 0; i < e.size(); i++) {
        out[from + i] = e.get(i).vector();
      }
      double s = (System.nanoTime() - start) / 1e9;
      System.err.printf("  embedded %d / %d (%.0f texts/s)%n", to, texts.size(), to / s);
    }
    return out;
  }
}
