/**
 * Clustering-based (IVF) index: k-means partitions, flat inverted lists, and a {@link
 * org.annlib.ivf.Router} that picks the partitions a query probes. Centroid routing is here; the
 * learned (learning-to-rank) router of Vecchiato et al. (SIGIR 2024) is to follow.
 */
package org.annlib.ivf;
