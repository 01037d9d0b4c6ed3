package org.annlib.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.annlib.hnsw.HnswIndex;
import org.annlib.hnsw.HnswIndexBuilder;
import org.annlib.vectors.VectorValues;
import org.annlib.vectors.Vectors;
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.codecs.KnnFieldVectorsWriter;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.hnsw.FlatFieldVectorsWriter;
import org.apache.lucene.codecs.hnsw.FlatVectorsFormat;
import org.apache.lucene.codecs.hnsw.FlatVectorsReader;
import org.apache.lucene.codecs.hnsw.FlatVectorsWriter;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexFileNames;
import org.apache.lucene.index.MergeState;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;
import org.apache.lucene.index.Sorter;
import org.apache.lucene.index.VectorEncoding;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.util.IOUtils;
import org.apache.lucene.util.RamUsageEstimator;
import org.apache.lucene.util.IORunnable;

/**
 * Writes a segment: the flat format writes the raw vectors; this writer builds each float
 * field's annlib HNSW graph from them (at flush from the buffered vectors, at merge from the
 * merged segment's own flat file, so deleted documents are gone and the order is the new one) and
 * appends it to the graph file, 64-byte aligned, listed in the meta file.
 *
 * <p>Meta file: index header; per field: int field number, int vector count, long graph offset,
 * long graph length (0: no graph, for byte fields and empty ones); int -1; footer. Graph file:
 * index header, the graphs (annlib's graph-only HNSW file, with its own CRC32C), footer.
 */
final class GraphVectorsWriter extends KnnVectorsWriter {
  /** The component name of this writer's {@code InfoStream} messages. */
  static final String INFO_STREAM = "ANNLIB";
  private static final long SHALLOW_SIZE = RamUsageEstimator.shallowSizeOfInstance(GraphVectorsWriter.class);

  private final SegmentWriteState state;
  private final GraphParams params;
  private final FlatVectorsFormat flatFormat;
  private final FlatVectorsWriter flat;
  private final IndexOutput meta;
  private final IndexOutput graphs;
  private final List<FieldBuffer> fields = new ArrayList<>();
  private FlatVectorsReader mergedFlat;
  private boolean flatClosed;
  private boolean finished;

  private record FieldBuffer(FieldInfo info, FlatFieldVectorsWriter<?> flat) {}

  GraphVectorsWriter(SegmentWriteState state, GraphParams params, FlatVectorsFormat flatFormat,
      FlatVectorsWriter flat) throws IOException {
    this.state = state;
    this.params = params;
    this.flatFormat = flatFormat;
    this.flat = flat;
    boolean ok = false;
    IndexOutput m = null;
    IndexOutput g = null;
    try {
      m = state.directory.createOutput(fileName(state, AnnlibHnswVectorsFormat.META_EXTENSION), state.context);
      g = state.directory.createOutput(fileName(state, AnnlibHnswVectorsFormat.GRAPH_EXTENSION), state.context);
      CodecUtil.writeIndexHeader(m, AnnlibHnswVectorsFormat.META_CODEC, AnnlibHnswVectorsFormat.VERSION_CURRENT,
          state.segmentInfo.getId(), state.segmentSuffix);
      CodecUtil.writeIndexHeader(g, AnnlibHnswVectorsFormat.GRAPH_CODEC, AnnlibHnswVectorsFormat.VERSION_CURRENT,
          state.segmentInfo.getId(), state.segmentSuffix);
      ok = true;
    } finally {
      if (!ok) {
        IOUtils.closeWhileHandlingException(m, g, flat);
      }
    }
    this.meta = m;
    this.graphs = g;
  }

  static String fileName(SegmentWriteState state, String extension) {
    return IndexFileNames.segmentFileName(state.segmentInfo.name, state.segmentSuffix, extension);
  }

  @Override
  public KnnFieldVectorsWriter<?> addField(FieldInfo info) throws IOException {
    FlatFieldVectorsWriter<?> w = flat.addField(info);
    fields.add(new FieldBuffer(info, w));
    return w;
  }

  @Override
  public void flush(int maxDoc, Sorter.DocMap sortMap) throws IOException {
    flat.flush(maxDoc, sortMap);
    for (FieldBuffer f : fields) {
      if (f.info().getVectorEncoding() != VectorEncoding.FLOAT32) {
        writeMeta(f.info(), f.flat().getDocsWithFieldSet().cardinality(), 0, 0);
        continue;
      }
      @SuppressWarnings("unchecked")
      List<float[]> buffered = (List<float[]>) f.flat().getVectors();
      List<float[]> rows = buffered;
      if (sortMap != null) {
        // the flat writer stores the rows in the sorted order; the graph's ordinals must follow it
        int[] newToOld = new int[buffered.size()];
        mapOldOrdToNewOrd(f.flat().getDocsWithFieldSet(), sortMap, null, newToOld, null);
        rows = new ArrayList<>(buffered.size());
        for (int old : newToOld) {
          rows.add(buffered.get(old));
        }
      }
      if (LuceneSimilarity.normalizes(f.info().getVectorSimilarityFunction())) {
        List<float[]> unit = new ArrayList<>(rows.size());
        for (float[] v : rows) {
          unit.add(LuceneSimilarity.normalized(v));
        }
        rows = unit;
      }
      writeField(f.info(), rows.isEmpty() ? null : Vectors.of(rows), rows.size(), null, 1, () -> {}, null);
    }
  }

  @Override
  public IORunnable mergeOneField(FieldInfo info, MergeState mergeState) throws IOException {
    flat.mergeOneFlatVectorField(info, mergeState);
    return () -> {
      FlatVectorsReader merged = mergedFlat();
      if (info.getVectorEncoding() != VectorEncoding.FLOAT32) {
        writeMeta(info, merged.getByteVectorValues(info.name).size(), 0, 0);
        return;
      }
      FloatVectorValues values = merged.getFloatVectorValues(info.name);
      try (Arena arena = Arena.ofShared()) {
        VectorValues rows = values.size() == 0 ? null
            : SegmentVectors.of(values, LuceneSimilarity.normalizes(info.getVectorSimilarityFunction()), arena);
        Executor exec = mergeState.intraMergeTaskExecutor;
        int threads = exec == null ? 1 : Math.max(1, Runtime.getRuntime().availableProcessors());
        writeField(info, rows, values.size(), exec, threads, mergeState::checkAborted,
            rows == null ? null : MergeSeed.find(info, mergeState));
      }
    };
  }

  /** The merged segment's flat data, read back: the flat writer is finished first, as Lucene's HNSW writer does. */
  private FlatVectorsReader mergedFlat() throws IOException {
    if (mergedFlat == null) {
      flat.finish();
      flat.close();
      flatClosed = true;
      mergedFlat = flatFormat.fieldsReader(new SegmentReadState(state.directory, state.segmentInfo, state.fieldInfos,
          state.context, state.segmentSuffix));
    }
    return mergedFlat;
  }

  /** Builds and appends one field's graph; from {@code seed}'s graph when it can be reused. */
  private void writeField(FieldInfo info, VectorValues rows, int count, Executor exec, int threads,
      IORunnable abortCheck, MergeSeed seed) throws IOException {
    if (rows == null) {
      writeMeta(info, count, 0, 0);
      return;
    }
    HnswIndexBuilder builder = HnswIndex.builder(LuceneSimilarity.metric(info.getVectorSimilarityFunction()))
        .m(params.m()).efConstruction(params.efConstruction()).preset(params.preset()).executor(exec)
        .threads(threads).progress((stage, done, total) -> {
          try {
            abortCheck.run();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    boolean seeded = seed != null && builder.canSeedFrom(seed.index());
    long start = System.nanoTime();
    HnswIndex index;
    try {
      index = seeded ? builder.build(rows, seed.index(), seed.ordinals()) : builder.build(rows, null);
    } catch (UncheckedIOException e) {
      throw e.getCause(); // a merge aborted by IndexWriter
    }
    if (state.infoStream.isEnabled(INFO_STREAM)) {
      state.infoStream.message(INFO_STREAM, String.format(java.util.Locale.ROOT,
          "field %s: graph of %d vectors (preset %s, M %d) in %.1f ms, %s", info.name, count, params.preset(),
          params.m(), (System.nanoTime() - start) / 1e6,
          seeded ? "seeded from a segment's " + seed.index().size() + " at ordinal " + seed.base() : "from scratch"));
    }
    try (index) {
      long offset = graphs.alignFilePointer(64);
      long length = index.writeGraph(new IndexOutputChannel(graphs));
      writeMeta(info, count, offset, length);
    }
  }

  private void writeMeta(FieldInfo info, int count, long offset, long length) throws IOException {
    meta.writeInt(info.number);
    meta.writeInt(count);
    meta.writeLong(offset);
    meta.writeLong(length);
  }

  @Override
  public void finish() throws IOException {
    if (finished) {
      throw new IllegalStateException("already finished");
    }
    finished = true;
    if (!flatClosed) {
      flat.finish();
    }
    meta.writeInt(-1);
    CodecUtil.writeFooter(meta);
    CodecUtil.writeFooter(graphs);
  }

  @Override
  public long ramBytesUsed() {
    long total = SHALLOW_SIZE;
    for (FieldBuffer f : fields) {
      total += f.flat().ramBytesUsed();
    }
    return total;
  }

  @Override
  public void close() throws IOException {
    if (flatClosed) {
      IOUtils.close(meta, graphs, mergedFlat);
    } else {
      IOUtils.close(meta, graphs, flat, mergedFlat);
    }
  }
}
