package org.annlib.ivf;

/**
 * Routing learned as a ranking problem (Vecchiato et al., SIGIR 2024, arXiv 2404.11731): rows of
 * {@code W} and a bias trained with softmax cross-entropy to put the partition holding a query's
 * nearest neighbours first. Built by {@link org.annlib.ivf.train.RouterTrainer}.
 */
public final class LearnedRouter extends LinearRouter {
  public static final String NAME = "ltr";

  LearnedRouter(float[] weights, float[] bias, int dim) {
    super(weights, bias, dim);
  }

  @Override
  public String name() {
    return NAME;
  }
}
