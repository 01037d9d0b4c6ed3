package org.annlib.hnsw;

import java.util.List;

/** Strategy implementations by the names recorded in saved indexes. */
public final class HnswStrategies {
  private HnswStrategies() {}

  /** The neighbour selectors ann-hnsw ships. */
  public static final List<String> NEIGHBOR_SELECTORS = List.of("heuristic", "heuristic-keep-pruned");

  /**
   * @throws IllegalArgumentException naming the known selectors
   */
  public static NeighborSelector neighborSelector(String name) {
    return switch (name) {
      case "heuristic" -> new HeuristicNeighborSelector(false);
      case "heuristic-keep-pruned" -> new HeuristicNeighborSelector(true);
      default -> throw new IllegalArgumentException(
          "unknown neighbour selector '" + name + "'; known: " + String.join(", ", NEIGHBOR_SELECTORS));
    };
  }
}
