package dev.breakout.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The content library")
class ContentLibraryTest {

  @TempDir
  Path dir;

  private void write(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("bundles the documents listed in content/index.txt, Session 7 among them")
  void bundled() {
    assertThat(ContentLibrary.bundled()).extracting(Session::id).containsExactly("week1-day1-session7");
  }

  @Test
  @DisplayName("merges two lists in order when every id is distinct")
  void mergeDistinct() throws ContentException {
    Session a = Documents.parse(Documents.MINIMAL);
    Session b = Documents.parse(Documents.session7());
    assertThat(ContentLibrary.merge(List.of(a), List.of(b))).containsExactly(a, b);
  }

  @Test
  @DisplayName("refuses to merge when an id appears twice, naming the id")
  void mergeRefusesDuplicates() {
    Session bundled = ContentLibrary.bundled().get(0);
    assertThatThrownBy(() -> ContentLibrary.merge(ContentLibrary.bundled(), List.of(bundled)))
        .isInstanceOf(ContentException.class)
        .hasMessageContaining("the session id 'week1-day1-session7' appears twice");
  }

  @Test
  @DisplayName("loads every .md file of a directory sorted by file name and ignores other files")
  void loadDirectory() throws Exception {
    write("b.md", Documents.session7());
    write("a.md", Documents.MINIMAL);
    write("notes.txt", "not a session");
    assertThat(ContentLibrary.loadDirectory(dir)).extracting(Session::id)
        .containsExactly("week1-day2-session1", "week1-day1-session7");
  }

  @Test
  @DisplayName("reports the problems of all broken files of a directory together, each prefixed with its file name")
  void loadDirectoryAggregates() throws IOException {
    write("a.md", Documents.MINIMAL.replace("(5분)", "(분)"));
    write("b.md", Documents.MINIMAL);
    write("c.md", Documents.MINIMAL.replace("# Session 1: 최소 예시", "# 최소"));
    assertThatThrownBy(() -> ContentLibrary.loadDirectory(dir))
        .isInstanceOfSatisfying(ContentException.class, e -> assertThat(e.problems()).satisfiesExactly(
            p -> assertThat(p).extracting(Problem::line, Problem::message)
                .containsExactly(6, "a.md: cannot read the minute budget '(분)': expected (N분) with N a whole number"
                    + " of minutes from 1 to 1440, e.g. (25분)"),
            p -> assertThat(p.message()).startsWith("c.md: expected the title as # Session N: title")));
  }

  @Test
  @DisplayName("reports two files of a directory with the same id")
  void loadDirectoryDuplicateIds() throws IOException {
    write("a.md", Documents.MINIMAL);
    write("b.md", Documents.MINIMAL);
    assertThatThrownBy(() -> ContentLibrary.loadDirectory(dir))
        .isInstanceOf(ContentException.class)
        .hasMessageContaining("b.md: the session id 'week1-day2-session1' is already used by a.md");
  }

  @Test
  @DisplayName("reports a file that is not UTF-8 at the line of the first bad byte")
  void notUtf8() throws IOException {
    byte[] text = (Documents.MINIMAL + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] broken = new byte[text.length + 1];
    System.arraycopy(text, 0, broken, 0, text.length);
    broken[text.length] = (byte) 0xC3;
    Files.write(dir.resolve("a.md"), broken);
    assertThatThrownBy(() -> ContentLibrary.loadFile(dir.resolve("a.md")))
        .isInstanceOfSatisfying(ContentException.class, e -> assertThat(e.problems()).singleElement()
            .extracting(Problem::line).isEqualTo(19));
  }
}
