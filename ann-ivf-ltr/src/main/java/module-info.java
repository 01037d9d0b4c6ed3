/**
 * IVF with centroid or learned routing: {@code IvfIndex} and its builder. The training code
 * ({@code org.annlib.ivf.train}) is not exported: the builder is its API.
 */
module org.annlib.ivf {
  requires transitive org.annlib.core;

  exports org.annlib.ivf;

  provides org.annlib.IndexProvider with org.annlib.ivf.IvfIndexProvider;
}
