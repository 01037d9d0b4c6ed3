package org.annlib.internal.vector;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses the kernels once per JVM. The system property {@code ann.vectorization} = {@code auto}
 * (default) | {@code panama} | {@code scalar} forces a choice; {@code auto} takes Panama when the
 * {@code jdk.incubator.vector} module is in the boot layer ({@code --add-modules
 * jdk.incubator.vector}) on HotSpot, and otherwise falls back to scalar and logs once how to
 * enable Panama. Library code never sets system properties.
 */
public final class VectorizationProvider {
  static final String PROPERTY = "ann.vectorization";
  private static final String PANAMA_CLASS =
      "org.annlib.internal.vector.panama.PanamaVectorKernels";
  /** Measured end to end; docs/benchmarks.md, "Without the Vector API" (2026-12-04). */
  static final String SCALAR_COST =
      "HNSW searches ran 3.3x to 4.9x slower than with the Panama kernels on full Fashion-MNIST";
  private static final System.Logger LOG = System.getLogger(VectorizationProvider.class.getName());

  private VectorizationProvider() {}

  /** The kernels every facade call goes to. */
  public static VectorKernels kernels() {
    return Holder.KERNELS;
  }

  /** The scalar oracle. */
  public static VectorKernels scalar() {
    return Holder.SCALAR;
  }

  /** The Panama kernels, or empty when the Vector API is not available in this JVM. */
  public static Optional<VectorKernels> panama() {
    return Optional.ofNullable(Holder.PANAMA);
  }

  /** Why Panama is not in use, or empty when it is. */
  public static Optional<String> fallbackReason() {
    return Optional.ofNullable(Holder.REASON);
  }

  /** The line logged once when the scalar kernels are in use for a reason, with their cost. */
  static Optional<String> fallbackMessage() {
    return fallbackReason().map(reason -> "annlib uses scalar vector kernels: " + reason + "; " + SCALAR_COST);
  }

  private static final class Holder {
    static final VectorKernels SCALAR = new ScalarVectorKernels();
    static final VectorKernels PANAMA;
    static final VectorKernels KERNELS;
    static String REASON;

    static {
      String unavailable = null;
      VectorKernels panama = null;
      if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
        unavailable =
            "the jdk.incubator.vector module is not loaded; start the JVM with"
                + " --add-modules jdk.incubator.vector";
      } else if (!System.getProperty("java.vm.name", "").toLowerCase(Locale.ROOT).contains("server")
          && !System.getProperty("java.vm.name", "").contains("HotSpot")) {
        unavailable = "the Vector API is only fast on HotSpot's server compiler";
      } else {
        try {
          Class<?> cls = Class.forName(PANAMA_CLASS);
          panama =
              (VectorKernels)
                  // Our own lookup, not publicLookup(): on the module path the Panama package is
                  // not exported, and only code of this module may reach it.
                  MethodHandles.lookup()
                      .findConstructor(cls, MethodType.methodType(void.class))
                      .invoke();
        } catch (UnsupportedOperationException e) {
          unavailable = e.getMessage();
        } catch (Throwable t) {
          unavailable = "the Panama kernels failed to load: " + t;
        }
      }
      PANAMA = panama;
      String mode = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
      switch (mode) {
        case "scalar" -> {
          KERNELS = SCALAR;
          REASON = PROPERTY + "=scalar";
        }
        case "panama" -> {
          if (panama == null) {
            throw new IllegalStateException(PROPERTY + "=panama, but " + unavailable);
          }
          KERNELS = panama;
        }
        case "auto" -> {
          KERNELS = panama != null ? panama : SCALAR;
          REASON = unavailable;
        }
        default ->
            throw new IllegalStateException(
                "unknown " + PROPERTY + " '" + mode + "'; known: auto, panama, scalar");
      }
      if (KERNELS == SCALAR && REASON != null) {
        // Asked for (ann.vectorization=scalar) is information; fallen back to is a warning, with
        // the cost, so a user who forgot the flag sees what it costs them.
        LOG.log(mode.equals("scalar") ? System.Logger.Level.INFO : System.Logger.Level.WARNING,
            fallbackMessage().orElseThrow());
      } else {
        LOG.log(System.Logger.Level.DEBUG, "annlib uses Panama vector kernels");
      }
    }
  }
}
