/**
 * Benchmark datasets: ann-benchmarks HDF5 files and TEXMEX vector files, resolution by name with
 * a resumable download, exact ground truth computed and cached when a file lacks it, and the
 * embedded default dataset.
 */
package org.annlib.datasets;
