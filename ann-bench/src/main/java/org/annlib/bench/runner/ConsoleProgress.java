package org.annlib.bench.runner;

import java.io.PrintStream;
import java.util.Locale;
import org.annlib.ProgressListener;

/**
 * A progress bar on stderr for long steps. On a terminal it redraws one line at most five times
 * a second; in a log (no console) it prints a line every 10%, so CI output stays short.
 */
final class ConsoleProgress implements ProgressListener {
  private final PrintStream err;
  private final boolean terminal = System.console() != null;
  private final long startNanos = System.nanoTime();
  private long lastDraw;
  private int lastDecile = -1;
  private String lastStep;

  ConsoleProgress(PrintStream err) {
    this.err = err;
  }

  @Override
  public synchronized void progress(String step, long done, long total) {
    long now = System.nanoTime();
    if (!step.equals(lastStep)) {
      lastStep = step;
      lastDecile = -1;
    }
    boolean finished = total > 0 && done >= total;
    if (terminal) {
      if (!finished && now - lastDraw < 200_000_000L) {
        return;
      }
      lastDraw = now;
      err.print("\r" + line(step, done, total, now) + (finished ? "\n" : ""));
      err.flush();
    } else {
      int decile = total > 0 ? (int) (10 * done / total) : -1;
      if (decile > lastDecile && total > 0) {
        lastDecile = decile;
        err.println(line(step, done, total, now));
      }
    }
  }

  private String line(String step, long done, long total, long now) {
    double secs = (now - startNanos) / 1e9;
    if (total <= 0) {
      return String.format(Locale.ROOT, "%-24s %,d  %.1fs", step, done, secs);
    }
    int width = 30;
    int filled = (int) (width * done / total);
    String bar = "#".repeat(filled) + " ".repeat(width - filled);
    boolean bytes = step.startsWith("download");
    String amount = bytes
        ? String.format(Locale.ROOT, "%.1f/%.1f MB", done / 1e6, total / 1e6)
        : String.format(Locale.ROOT, "%,d/%,d", done, total);
    return String.format(Locale.ROOT, "%-24s [%s] %3d%% %s  %.1fs", step, bar, 100 * done / total, amount, secs);
  }
}
