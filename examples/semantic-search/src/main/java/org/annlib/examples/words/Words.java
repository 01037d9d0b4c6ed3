package org.annlib.examples.words;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The embedded text-embedding set: the 5,000 most frequent alphabetic words of GloVe
 * glove.6B.100d (PDDL 1.0), one "word TAB 100 components" line each, in frequency order.
 */
record Words(List<String> words, List<float[]> vectors) {
  static final String RESOURCE = "/words-5000-100d.tsv.gz";

  static Words load() {
    List<String> words = new ArrayList<>();
    List<float[]> vectors = new ArrayList<>();
    try (InputStream in = Words.class.getResourceAsStream(RESOURCE);
        BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        int tab = line.indexOf('\t');
        String[] parts = line.substring(tab + 1).split(" ");
        float[] v = new float[parts.length];
        for (int i = 0; i < v.length; i++) {
          v[i] = Float.parseFloat(parts[i]);
        }
        words.add(line.substring(0, tab));
        vectors.add(v);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    return new Words(words, vectors);
  }

  int size() {
    return words.size();
  }
}
