/**
 * CRINN's changes to GLASS/HNSW (Li et al., arXiv 2508.02091), as ann-hnsw strategies selectable by
 * name and recorded in saved indexes: relaxed adaptive pruning ({@link
 * org.annlib.crinn.RelaxedAdaptiveSelector}), nearest-first level-0 lists ({@link
 * org.annlib.crinn.NearestFirstOrder}) and momentum termination of the pool search ({@link
 * org.annlib.crinn.MomentumTermination}), plus presets combining them. Deterministic per search,
 * unlike CRINN's process-global adaptive state. See docs/crinn-variants.md.
 */
package org.annlib.crinn;
