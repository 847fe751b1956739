package dev.breakout.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads document bytes as UTF-8 text without ever holding more than the size limit in memory. */
final class SourceFiles {

  private SourceFiles() {}

  /**
   * @throws ContentException when the document is too large or not UTF-8 (the problem names the line)
   * @throws IOException when it cannot be read at all
   */
  static String read(Path file, String source) throws IOException, ContentException {
    long size = Files.size(file);
    if (size > SessionParser.MAX_BYTES) {
      throw new ContentException(source, List.of(SessionParser.tooLarge(size)));
    }
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, source);
    }
  }

  /**
   * @throws ContentException when the document is too large or not UTF-8 (the problem names the line)
   * @throws IOException when it cannot be read at all
   */
  static String read(InputStream in, String source) throws IOException, ContentException {
    byte[] bytes = in.readNBytes(SessionParser.MAX_BYTES + 1);
    if (bytes.length > SessionParser.MAX_BYTES) {
      long size = bytes.length + in.transferTo(OutputStream.nullOutputStream());
      throw new ContentException(source, List.of(SessionParser.tooLarge(size)));
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer input = ByteBuffer.wrap(bytes);
    CharBuffer output = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(input, output, true);
    if (result.isError()) {
      int line = 1;
      for (int i = 0; i < input.position(); i++) {
        line += bytes[i] == '\n' ? 1 : 0;
      }
      throw new ContentException(source, List.of(new Problem(line, "the text is not UTF-8 here: save the file"
          + " as UTF-8")));
    }
    decoder.flush(output);
    return output.flip().toString();
  }
}
