package org.annlib.util;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs one worker on several daemon threads and waits, rethrowing the first failure as is. */
public final class Parallel {
  private Parallel() {}

  /**
   * Runs {@code worker} on {@code threads} threads named {@code name} (on the caller's thread
   * when {@code threads == 1}); workers share their work through state of their own, such as an
   * atomic counter.
   */
  public static void run(int threads, String name, Runnable worker) {
    if (threads <= 1) {
      worker.run();
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(worker));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(name + " interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(name + " failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
