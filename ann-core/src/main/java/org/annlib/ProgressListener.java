package org.annlib;

/** Progress of a long step (build, ground truth, download). Called from any thread. */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = (step, done, total) -> {};

  /**
   * @param step short name of the step, such as "build" or "ground truth"
   * @param done units finished so far
   * @param total units in all, or -1 when unknown
   */
  void progress(String step, long done, long total);
}
