/**
 * The index and distance SPIs, exact search and vector storage. Only the API packages are
 * exported; storage, file and quantization helpers are exported to the library's own index
 * modules alone, and the kernels to none (applications reach them through {@code VectorUtil}).
 */
// The modules named in qualified exports are built after this one, so javac cannot see them here.
@SuppressWarnings("module")
module org.annlib.core {
  // Optional: without --add-modules jdk.incubator.vector the scalar kernels run (and say so once).
  requires static jdk.incubator.vector;

  exports org.annlib;
  exports org.annlib.exact;
  exports org.annlib.vector;
  exports org.annlib.vectors;
  exports org.annlib.io to org.annlib.hnsw, org.annlib.ivf;
  exports org.annlib.quant to org.annlib.hnsw, org.annlib.ivf;
  exports org.annlib.util to org.annlib.hnsw, org.annlib.ivf, org.annlib.datasets;

  uses org.annlib.IndexProvider;

  provides org.annlib.IndexProvider with org.annlib.exact.FlatIndexProvider;
}
