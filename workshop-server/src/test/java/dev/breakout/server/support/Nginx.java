package dev.breakout.server.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Debian's nginx as a process of the test, with its own prefix, running the server block the
 * README documents (taken from the README itself, so the documented configuration is the tested
 * one): only the listen address, the certificate paths and the upstream ports are filled in. TLS
 * with a certificate the test makes for 127.0.0.1.
 */
public final class Nginx implements AutoCloseable {
  private static final Path BINARY = Path.of("/usr/sbin/nginx");

  private final Process process;
  private final Path prefix;
  private final int port;
  private final Path certificate;
  private final HttpClient http;

  private Nginx(Process process, Path prefix, int port, Path certificate, HttpClient http) {
    this.process = process;
    this.prefix = prefix;
    this.port = port;
    this.certificate = certificate;
    this.http = http;
  }

  /** The ```nginx block of the README. */
  public static String readmeConfig(Path readme) throws IOException {
    Matcher m = Pattern.compile("```nginx\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(readme));
    if (!m.find()) {
      throw new IllegalStateException("no ```nginx block in " + readme);
    }
    return m.group(1);
  }

  public static Nginx start(Path readme, List<Integer> upstreamPorts) throws Exception {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException("no " + BINARY + "; run bin/test to install Debian's nginx");
    }
    Path prefix = Files.createTempDirectory("nginx-test");
    Files.createDirectories(prefix.resolve("logs"));
    Files.createDirectories(prefix.resolve("tmp"));
    Path cert = prefix.resolve("cert.pem");
    Path key = prefix.resolve("key.pem");
    run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
        "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", key.toString(), "-out", cert.toString()));
    int port = ServerProcess.freePort();
    String server = readmeConfig(readme)
        .replace("listen 443 ssl;", "listen 127.0.0.1:" + port + " ssl;")
        .replace("/etc/ssl/certs/class.example.org.pem", cert.toString())
        .replace("/etc/ssl/private/class.example.org.key", key.toString());
    for (int i = 0; i < upstreamPorts.size(); i++) {
      server = server.replace("127.0.0.1:808" + (i + 1) + " ", "127.0.0.1:" + upstreamPorts.get(i) + " ");
    }
    String tmp = prefix.resolve("tmp").toString();
    String conf = "worker_processes 1;\n"
        + "pid " + prefix.resolve("nginx.pid") + ";\n"
        + "error_log " + prefix.resolve("logs/error.log") + " info;\n"
        + ("root".equals(System.getProperty("user.name")) ? "user root;\n" : "")
        + "events { worker_connections 1024; }\n"
        + "http {\n"
        + "  access_log " + prefix.resolve("logs/access.log") + ";\n"
        + "  client_body_temp_path " + tmp + "/body;\n  proxy_temp_path " + tmp + "/proxy;\n"
        + "  fastcgi_temp_path " + tmp + "/fastcgi;\n  uwsgi_temp_path " + tmp + "/uwsgi;\n"
        + "  scgi_temp_path " + tmp + "/scgi;\n"
        + server
        + "}\n";
    Files.writeString(prefix.resolve("nginx.conf"), conf);
    Process process = new ProcessBuilder(BINARY.toString(), "-p", prefix.toString(), "-c",
        prefix.resolve("nginx.conf").toString(), "-g", "daemon off;")
        .redirectErrorStream(true).redirectOutput(prefix.resolve("logs/stdout.log").toFile()).start();
    Nginx nginx = new Nginx(process, prefix, port, cert, HttpClient.newBuilder().sslContext(trusting(cert))
        .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        if (nginx.get("/health").statusCode() == 200) {
          return nginx;
        }
      } catch (IOException e) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          nginx.close();
          throw new IllegalStateException("nginx did not start: " + nginx.log(), e);
        }
      }
      if (System.nanoTime() > deadline) {
        nginx.close();
        throw new IllegalStateException("nginx did not answer /health: " + nginx.log());
      }
      process.waitFor(100, TimeUnit.MILLISECONDS);
    }
  }

  private static SSLContext trusting(Path cert) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    try (InputStream in = Files.newInputStream(cert)) {
      store.setCertificateEntry("test", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  private static void run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("command failed: " + command + "\n" + out);
    }
  }

  public int port() {
    return port;
  }

  public Path certificate() {
    return certificate;
  }

  public String base() {
    return "https://127.0.0.1:" + port;
  }

  public HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> post(String path, String json, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      b.header("authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  public String log() {
    try {
      return Files.readString(prefix.resolve("logs/error.log")) + Files.readString(prefix.resolve("logs/stdout.log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
