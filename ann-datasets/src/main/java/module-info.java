/** Benchmark datasets: ann-benchmarks HDF5 and TEXMEX files, the embedded set, synthetic sets. */
// jhdf is an automatic module (Automatic-Module-Name io.jhdf): a name its maintainers chose.
@SuppressWarnings("requires-automatic")
module org.annlib.datasets {
  requires transitive org.annlib.core;
  requires io.jhdf;
  // Download takes the caller's HttpClient.
  requires transitive java.net.http;

  exports org.annlib.datasets;
}
