package dev.breakout.server.auth;

import dev.breakout.server.config.ServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The JWT signing key and the instructor password: from configuration, or made once and kept in
 * the data directory, so that a restart logs no one out. Blocking file I/O: call at start-up, before
 * any event loop serves a request, or from a worker.
 *
 * @param jwtSecret         the HMAC key
 * @param passwordHash      the instructor password, hashed ({@link PasswordHasher})
 * @param generatedPassword the password made on this start, to show once; empty otherwise
 */
public record Secrets(String jwtSecret, String passwordHash, Optional<String> generatedPassword) {

  static final String JWT_SECRET_FILE = "jwt-secret";
  static final String PASSWORD_FILE = "instructor-password.hash";
  /** HS256 wants a key at least as long as its output. */
  public static final int MIN_SECRET_BYTES = 32;

  public static Secrets loadOrCreate(ServerConfig config) throws IOException {
    Path dir = config.dataDir();
    Files.createDirectories(dir);
    String secret = config.jwtSecret().orElse(null);
    if (secret == null) {
      secret = readOrCreate(dir.resolve(JWT_SECRET_FILE), () -> randomText(48));
    }
    if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("the JWT secret must have at least " + MIN_SECRET_BYTES
          + " bytes; set WORKSHOP_JWT_SECRET to a longer value");
    }
    if (config.instructorPassword().isPresent()) {
      return new Secrets(secret, PasswordHasher.hash(config.instructorPassword().get()), Optional.empty());
    }
    Path passwordFile = dir.resolve(PASSWORD_FILE);
    if (Files.exists(passwordFile)) {
      String hash = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
      if (!PasswordHasher.isHash(hash)) {
        throw new IOException(passwordFile + " is damaged; delete it to make a new instructor password");
      }
      return new Secrets(secret, hash, Optional.empty());
    }
    String password = randomText(12);
    String hash = PasswordHasher.hash(password);
    writePrivate(passwordFile, hash);
    return new Secrets(secret, hash, Optional.of(password));
  }

  private static String readOrCreate(Path file, java.util.function.Supplier<String> make) throws IOException {
    if (Files.exists(file)) {
      String value = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (value.isEmpty()) {
        throw new IOException(file + " is empty; delete it to make a new key (everyone logs in again)");
      }
      return value;
    }
    String value = make.get();
    writePrivate(file, value);
    return value;
  }

  private static void writePrivate(Path file, String value) throws IOException {
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    } catch (FileAlreadyExistsException e) {
      throw new IOException(file + " appeared while it was being made; start again", e);
    }
    Files.writeString(file, value + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
  }

  private static String randomText(int bytes) {
    byte[] raw = new byte[bytes];
    new SecureRandom().nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }
}
