package org.annlib.tools.embed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The definitions of the GNU Collaborative International Dictionary of English as Debian's
 * {@code dict-gcide} package ships them ({@code /usr/share/dictd/gcide.dict.dz}, dictzip, which
 * any gzip reader reads). A definition is one paragraph of an entry: a blank line ends it and a
 * source tag such as {@code [1913 Webster]} closes it. The entry's headword line (headword,
 * pronunciation, part of speech, etymology) is dropped, so what is embedded is English prose, as
 * in a retrieval corpus, not dictionary markup.
 */
final class GcideDefinitions {
  // "[1913 Webster]", "[WordNet 1.5]", "[PJC]", "[Webster 1913 Suppl.]": where the sense came from
  private static final Pattern SOURCE_TAG = Pattern.compile("\\s*\\[[^\\]]*(Webster|WordNet|PJC|Century|Chambers|Suppl)[^\\]]*\\]\\s*");
  private static final Pattern SENSE_NUMBER = Pattern.compile("^(\\d+\\.|\\([a-z]\\))\\s*");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  // {Gallows frame}, {Alectryon excelsum}: GCIDE's markup for cross-references and names
  private static final Pattern BRACES = Pattern.compile("[{}]");
  private static final int MIN_CHARS = 24;

  private GcideDefinitions() {}

  /** Distinct definitions in file order, each at least {@value #MIN_CHARS} characters. */
  static List<String> read(Path dictDz) throws IOException {
    Set<String> out = new LinkedHashSet<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(dictDz), 1 << 16), StandardCharsets.UTF_8))) {
      List<String> paragraph = new ArrayList<>();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isBlank()) {
          add(paragraph, out);
          paragraph.clear();
        } else {
          paragraph.add(line);
        }
      }
      add(paragraph, out);
    }
    return new ArrayList<>(out);
  }

  private static void add(List<String> paragraph, Set<String> out) {
    StringBuilder text = new StringBuilder();
    for (String line : paragraph) {
      // An unindented line starts an entry: headword, pronunciation, part of speech, etymology.
      if (!line.startsWith(" ")) {
        continue;
      }
      text.append(' ').append(line.strip());
    }
    String s = SOURCE_TAG.matcher(text).replaceAll(" ");
    s = BRACES.matcher(s).replaceAll("");
    s = SPACES.matcher(s).replaceAll(" ").strip();
    s = SENSE_NUMBER.matcher(s).replaceFirst("");
    if (s.length() >= MIN_CHARS && !s.startsWith("Syn.") && !s.startsWith("Note:")) {
      out.add(s);
    }
  }
}
