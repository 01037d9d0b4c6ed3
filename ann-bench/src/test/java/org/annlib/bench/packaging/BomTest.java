package org.annlib.bench.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * ann-bom has no parent (so importing it brings only our versions), which means nothing keeps it
 * in step with the build but this test: its version is the parent's, and it lists every library
 * module of the reactor (every module but the runner and the BOM itself).
 */
class BomTest {
  private static final Path ROOT = Path.of("..");

  @Test
  void theBomListsEveryLibraryModuleAtTheParentsVersion() throws Exception {
    Document parent = parse(ROOT.resolve("pom.xml"));
    Document bom = parse(ROOT.resolve("ann-bom/pom.xml"));
    assertEquals(child(parent.getDocumentElement(), "version"), child(bom.getDocumentElement(), "version"));
    TreeSet<String> modules = new TreeSet<>(texts(parent, "module"));
    modules.remove("ann-bench");
    modules.remove("ann-bom");
    NodeList deps = bom.getElementsByTagName("dependency");
    TreeSet<String> listed = new TreeSet<>();
    for (int i = 0; i < deps.getLength(); i++) {
      Element d = (Element) deps.item(i);
      assertEquals("org.annlib", child(d, "groupId"));
      assertEquals("${project.version}", child(d, "version"));
      listed.add(child(d, "artifactId"));
    }
    assertEquals(modules, listed);
  }

  private static Document parse(Path pom) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
  }

  private static String child(Element e, String name) {
    NodeList n = e.getChildNodes();
    for (int i = 0; i < n.getLength(); i++) {
      if (n.item(i) instanceof Element c && c.getTagName().equals(name)) {
        return c.getTextContent().trim();
      }
    }
    return null;
  }

  private static List<String> texts(Document d, String tag) {
    List<String> out = new ArrayList<>();
    NodeList n = d.getElementsByTagName(tag);
    for (int i = 0; i < n.getLength(); i++) {
      out.add(n.item(i).getTextContent().trim());
    }
    return out;
  }
}
