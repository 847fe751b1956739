package dev.breakout.server.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The embedded store's write-ahead journal: numbered append-only files under {@code journal/} in
 * the data directory. A batch of appends is one {@code write} (and one {@code force} with fsync),
 * which is what makes an acknowledgement cheap; the database gets the same rows later, in bulk.
 *
 * <p>A file is a header ({@link #MAGIC}, its generation) and records of {@code [length][crc32c]
 * [payload]}. A write that fails is cut off again, so a record that does not check out can only be
 * the last one, torn by a crash during its write: it was never acknowledged, and reading stops there.
 */
final class Journal implements AutoCloseable {
  static final String DIRECTORY = "journal";
  static final int HEADER_BYTES = 16;
  private static final byte[] MAGIC = "BRKJRNL1".getBytes(StandardCharsets.US_ASCII);
  private static final int RECORD_HEADER_BYTES = 8;
  /** Larger than any append the server makes; a length above it is damage, not a record. */
  static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;

  private final Path file;
  private final long generation;
  private final FileChannel channel;
  private long end;

  private Journal(Path file, long generation, FileChannel channel, long end) {
    this.file = file;
    this.generation = generation;
    this.channel = channel;
    this.end = end;
  }

  /** Starts a new, empty file of generation {@code generation} in {@code dir}. */
  static Journal create(Path dir, long generation) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(name(generation));
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).put(MAGIC).putLong(generation).flip();
      writeFully(channel, header, 0);
      channel.force(true);
      return new Journal(file, generation, channel, HEADER_BYTES);
    } catch (IOException e) {
      channel.close();
      Files.deleteIfExists(file);
      throw e;
    }
  }

  long generation() {
    return generation;
  }

  Path directory() {
    return file.getParent();
  }

  /** Where the next record goes: the end of the last whole record. */
  long end() {
    return end;
  }

  /**
   * Writes the records in one go. On failure the file is cut back to where it ended, so that the
   * next batch does not land behind a half-written one; if even that fails, so does every later
   * write.
   */
  void write(List<byte[]> payloads) throws IOException {
    int total = 0;
    for (byte[] p : payloads) {
      total += RECORD_HEADER_BYTES + p.length;
    }
    ByteBuffer buffer = ByteBuffer.allocate(total);
    CRC32C crc = new CRC32C();
    for (byte[] p : payloads) {
      crc.reset();
      crc.update(p);
      buffer.putInt(p.length).putInt((int) crc.getValue()).put(p);
    }
    buffer.flip();
    try {
      writeFully(channel, buffer, end);
    } catch (IOException e) {
      try {
        channel.truncate(end);
      } catch (IOException cut) {
        e.addSuppressed(cut);
        end = -1;
      }
      throw e;
    }
    end += total;
  }

  /** Forces the written records to the disk, for acknowledgements that survive a power loss. */
  void force() throws IOException {
    channel.force(false);
  }

  private static void writeFully(FileChannel channel, ByteBuffer buffer, long at) throws IOException {
    if (at < 0) {
      throw new IOException("an earlier journal write failed and could not be undone; restart the server");
    }
    long position = at;
    while (buffer.hasRemaining()) {
      position += channel.write(buffer, position);
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  void delete() throws IOException {
    channel.close();
    Files.deleteIfExists(file);
  }

  // ------------------------------------------------------------------ reading back

  static String name(long generation) {
    return String.format("%020d.journal", generation);
  }

  /** The generations of the journal files in {@code dir}, oldest first. */
  static List<Long> generations(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Long> found = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String n = f.getFileName().toString();
        if (n.matches("\\d{20}\\.journal")) {
          found.add(Long.parseLong(n.substring(0, 20)));
        }
      }
    }
    found.sort(null);
    return found;
  }

  /** Receives the records of a file in order, each with the offset just past it. */
  interface Reader {
    void record(AppendRows rows, long endOffset) throws IOException;
  }

  /**
   * Reads the records of generation {@code generation} from {@code from} on. A torn last record is
   * cut off the file when {@code last} (a crash during its write); anywhere else it is damage.
   *
   * @return the number of bytes cut off
   */
  static long read(Path dir, long generation, long from, boolean last, Reader reader) throws IOException {
    Path file = dir.resolve(name(generation));
    ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file));
    if (all.remaining() < HEADER_BYTES) {
      return cutOrFail(file, 0, all.limit(), last, "it is shorter than its header");
    }
    byte[] magic = new byte[MAGIC.length];
    all.get(magic);
    if (!java.util.Arrays.equals(magic, MAGIC) || all.getLong() != generation) {
      throw new IOException("journal file " + file + " does not start with this server's journal header");
    }
    int at = (int) Math.max(from, HEADER_BYTES);
    CRC32C crc = new CRC32C();
    while (at < all.limit()) {
      if (all.limit() - at < RECORD_HEADER_BYTES) {
        return cutOrFail(file, at, all.limit(), last, "a record header is cut short");
      }
      int length = all.getInt(at);
      int expected = all.getInt(at + 4);
      if (length < 0 || length > MAX_RECORD_BYTES || length > all.limit() - at - RECORD_HEADER_BYTES) {
        return cutOrFail(file, at, all.limit(), last, "a record's length does not fit");
      }
      ByteBuffer payload = all.slice(at + RECORD_HEADER_BYTES, length);
      crc.reset();
      crc.update(payload.duplicate());
      if ((int) crc.getValue() != expected) {
        return cutOrFail(file, at, all.limit(), last, "a record's checksum does not match");
      }
      // A record that checks out but does not decode is not a torn write: stop, do not cut.
      AppendRows rows = AppendRows.decode(payload);
      at += RECORD_HEADER_BYTES + length;
      reader.record(rows, at);
    }
    return 0;
  }

  private static long cutOrFail(Path file, int at, int size, boolean last, String why) throws IOException {
    if (!last) {
      throw new IOException("journal file " + file + " is damaged at byte " + at + " (" + why
          + ") and later files exist; restore the data directory from a backup");
    }
    try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
      c.truncate(at);
      c.force(true);
    }
    return size - at;
  }
}
