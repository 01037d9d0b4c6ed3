package org.annlib.examples.words;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The application's own keys (words) and the {@code long} ids the index stores for them. The
 * index knows only ids; this map is the application's, saved beside the index file. Ids are
 * handed out from a counter and never reused, so an id in a result always names one word.
 */
final class Keys {
  private final Map<String, Long> ids = new ConcurrentHashMap<>();
  private final Map<Long, String> words = new ConcurrentHashMap<>();
  private long next = 1_000_000_000_000L; // far from 0..n: the index keeps our ids, not its ordinals

  synchronized long assign(String word) {
    Long id = ids.get(word);
    if (id != null) {
      return id;
    }
    long fresh = next;
    next += 7;
    ids.put(word, fresh);
    words.put(fresh, word);
    return fresh;
  }

  Long id(String word) {
    return ids.get(word);
  }

  String word(long id) {
    return words.get(id);
  }

  void forget(String word) {
    Long id = ids.remove(word);
    if (id != null) {
      words.remove(id);
    }
  }

  int size() {
    return ids.size();
  }

  void save(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    ids.forEach((w, id) -> lines.add(id + "\t" + w));
    lines.sort(null);
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  static Keys load(Path file) throws IOException {
    Keys k = new Keys();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int tab = line.indexOf('\t');
      long id = Long.parseLong(line.substring(0, tab));
      String w = line.substring(tab + 1);
      k.ids.put(w, id);
      k.words.put(id, w);
      k.next = Math.max(k.next, id + 7);
    }
    return k;
  }
}
