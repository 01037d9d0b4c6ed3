package org.annlib.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.annlib.ProgressListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from an HTTP server on loopback that honours (or ignores) Range and can fail mid-body. */
class DownloadTest {
  @TempDir Path dir;
  private HttpServer server;
  private final byte[] payload = new byte[300_000];
  private final List<String> ranges = new CopyOnWriteArrayList<>();
  private final AtomicInteger cutAfter = new AtomicInteger(-1); // bytes sent before dropping, once
  private volatile boolean honourRange = true;

  @BeforeEach
  void start() throws IOException {
    new SplittableRandom(11).nextBytes(payload);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::serve);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI uri(String name) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + name);
  }

  private void serve(HttpExchange ex) throws IOException {
    try (ex) {
      if (!ex.getRequestURI().getPath().equals("/data.hdf5")) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      String range = ex.getRequestHeaders().getFirst("Range");
      ranges.add(String.valueOf(range));
      int start = 0;
      if (range != null && honourRange) {
        start = Integer.parseInt(range.substring("bytes=".length(), range.indexOf('-')));
        if (start >= payload.length) {
          ex.getResponseHeaders().add("Content-Range", "bytes */" + payload.length);
          ex.sendResponseHeaders(416, -1);
          return;
        }
        ex.getResponseHeaders().add("Content-Range", "bytes " + start + "-" + (payload.length - 1) + "/" + payload.length);
        ex.sendResponseHeaders(206, payload.length - start);
      } else {
        ex.sendResponseHeaders(200, payload.length);
      }
      OutputStream out = ex.getResponseBody();
      int cut = cutAfter.getAndSet(-1);
      int end = cut >= 0 ? Math.min(payload.length, start + cut) : payload.length;
      out.write(payload, start, end - start);
      out.flush();
      if (cut >= 0) {
        // Drop the connection before the announced length: the client must notice.
        ex.getHttpContext().getServer().stop(0);
      }
    }
  }

  @Test
  void downloadsWholeAndReportsProgress() throws IOException {
    Path target = dir.resolve("data.hdf5");
    AtomicLong last = new AtomicLong();
    new Download().fetch(uri("data.hdf5"), target, (step, done, total) -> {
      assertEquals(payload.length, total);
      last.set(done);
    });
    assertArrayEquals(payload, Files.readAllBytes(target));
    assertEquals(payload.length, last.get());
    assertFalse(Files.exists(dir.resolve("data.hdf5.part")));
  }

  @Test
  void anInterruptedDownloadLeavesNoTargetAndResumesWithARange() throws IOException {
    Path target = dir.resolve("data.hdf5");
    cutAfter.set(100_000);
    IOException e = assertThrows(IOException.class, () -> new Download().fetch(uri("data.hdf5"), target, ProgressListener.NONE));
    assertFalse(Files.exists(target), "no half file under the final name: " + e.getMessage());
    long partial = Files.size(dir.resolve("data.hdf5.part"));
    assertTrue(partial > 0 && partial < payload.length, "kept " + partial + " bytes");
    start(); // the old server stopped itself when it cut the body
    new Download().fetch(uri("data.hdf5"), target, ProgressListener.NONE);
    assertArrayEquals(payload, Files.readAllBytes(target));
    assertEquals("bytes=" + partial + "-", ranges.getLast());
  }

  @Test
  void aServerThatIgnoresRangesRestartsTheFile() throws IOException {
    Path target = dir.resolve("data.hdf5");
    Files.write(dir.resolve("data.hdf5.part"), new byte[] {1, 2, 3, 4, 5});
    honourRange = false;
    new Download().fetch(uri("data.hdf5"), target, ProgressListener.NONE);
    assertArrayEquals(payload, Files.readAllBytes(target));
  }

  @Test
  void aCompletePartIsFinishedWithoutRefetching() throws IOException {
    Path target = dir.resolve("data.hdf5");
    Files.write(dir.resolve("data.hdf5.part"), payload);
    new Download().fetch(uri("data.hdf5"), target, ProgressListener.NONE);
    assertArrayEquals(payload, Files.readAllBytes(target));
  }

  @Test
  void httpErrorsAreNamed() {
    IOException e = assertThrows(IOException.class,
        () -> new Download().fetch(uri("missing.hdf5"), dir.resolve("m.hdf5"), ProgressListener.NONE));
    assertEquals("download of " + uri("missing.hdf5") + " failed: HTTP 404", e.getMessage());
  }

  @Test
  void theResolverSearchesFoldersThenDownloadsKnownNamesIntoTheCache() throws IOException {
    Path local = Files.createDirectories(dir.resolve("local"));
    Files.write(local.resolve("glove-25-angular.hdf5"), new byte[] {9});
    Path cache = dir.resolve("cache");
    server.removeContext("/");
    server.createContext("/", ex -> {
      try (ex) {
        byte[] body = ex.getRequestURI().getPath().equals("/mirror/sift-128-euclidean.hdf5") ? payload : null;
        if (body == null) {
          ex.sendResponseHeaders(404, -1);
          return;
        }
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
      }
    });
    DatasetResolver r = new DatasetResolver(List.of(local), cache, uri("mirror"), new Download());
    assertEquals(local.resolve("glove-25-angular.hdf5"), r.resolve("glove-25-angular", ProgressListener.NONE));
    Path got = r.resolve("sift-128-euclidean", ProgressListener.NONE);
    assertEquals(cache.resolve("sift-128-euclidean.hdf5"), got);
    assertArrayEquals(payload, Files.readAllBytes(got));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.resolve("nope-3-euclidean", ProgressListener.NONE));
    assertTrue(e.getMessage().startsWith("unknown dataset 'nope-3-euclidean': no nope-3-euclidean.hdf5 in "), e.getMessage());
    assertTrue(e.getMessage().contains("fashion-mnist-784-euclidean, gist-960-euclidean"), e.getMessage());
  }
}
