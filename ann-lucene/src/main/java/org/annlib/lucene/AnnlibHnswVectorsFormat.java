package org.annlib.lucene;

import java.io.IOException;
import org.annlib.hnsw.HnswConfig;
import org.annlib.hnsw.HnswStrategies;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.hnsw.FlatVectorScorerUtil;
import org.apache.lucene.codecs.hnsw.FlatVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99FlatVectorsFormat;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;

/**
 * A Lucene vector format whose per-segment graph is annlib's HNSW, with the strategy preset of
 * one's choice ({@code default}, {@code glass}, {@code crinn}). Raw vectors stay in Lucene's own
 * flat format ({@code Lucene99FlatVectorsFormat}), which also serves byte vectors, sparse fields
 * and sorted indexes; this format adds one graph file per segment (extension {@value
 * #GRAPH_EXTENSION}) holding each float field's graph and the preset's codes, and searches it
 * without copying the vectors onto the heap.
 *
 * <p>Configure per field with {@code PerFieldKnnVectorsFormat} (or a codec's {@code
 * getKnnVectorsFormatForField}). A reader is always created from the no-argument instance that
 * Lucene's SPI finds: M, efConstruction and the preset are read back from the graph file, so a
 * segment searches as it was built, whatever instance reads it.
 */
public final class AnnlibHnswVectorsFormat extends KnnVectorsFormat {
  /** The SPI name written into segments; never change it. */
  public static final String NAME = "AnnlibHnsw";
  static final String META_CODEC = "AnnlibHnswMeta";
  static final String GRAPH_CODEC = "AnnlibHnswGraph";
  static final String META_EXTENSION = "agm";
  /** The graph file's extension, also its key in {@link KnnVectorsReader#getOffHeapByteSize}. */
  public static final String GRAPH_EXTENSION = "agx";
  static final int VERSION_START = 0;
  static final int VERSION_CURRENT = VERSION_START;
  /** Lucene's limit is 1,024; sentence and text embeddings reach 3,072 and 4,096 dimensions. */
  public static final int MAX_DIMENSIONS = 4096;

  private static final FlatVectorsFormat FLAT =
      new Lucene99FlatVectorsFormat(FlatVectorScorerUtil.getLucene99FlatVectorsScorer());

  private final GraphParams params;

  /** Plain HNSW with Lucene's defaults: M=16, efConstruction (beam width) 100. */
  public AnnlibHnswVectorsFormat() {
    this(16, 100, "default");
  }

  /**
   * @param m graph degree (level 0 has 2M links), as in Lucene and hnswlib
   * @param efConstruction the beam width while building
   * @param preset annlib's strategy preset: {@code default}, {@code glass} or {@code crinn}
   * @throws IllegalArgumentException naming the bad parameter or the unknown preset
   */
  public AnnlibHnswVectorsFormat(int m, int efConstruction, String preset) {
    super(NAME);
    // checked here, before any document is written: annlib's own checks and messages (the
    // preset's names the known presets and a missing ann-crinn-variants)
    new HnswConfig(m, efConstruction, Math.max(1, efConstruction), 0, 1 / Math.log(m));
    HnswStrategies.preset(preset);
    this.params = new GraphParams(m, efConstruction, preset);
  }

  @Override
  public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
    return new GraphVectorsWriter(state, params, FLAT, FLAT.fieldsWriter(state));
  }

  @Override
  public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
    return new GraphVectorsReader(state, FLAT.fieldsReader(state));
  }

  @Override
  public int getMaxDimensions(String fieldName) {
    return MAX_DIMENSIONS;
  }

  @Override
  public String toString() {
    return NAME + "(m=" + params.m() + ", efConstruction=" + params.efConstruction() + ", preset=" + params.preset()
        + ", flat=" + FLAT + ")";
  }
}
