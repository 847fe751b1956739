package dev.breakout.server;

import dev.breakout.server.config.ServerConfig;

/** The one startup banner: where to open the server, and the instructor password once. */
final class Banner {
  private Banner() {}

  static String text(WorkshopServer server) {
    ServerConfig config = server.config();
    String host = "0.0.0.0".equals(config.host()) ? "localhost" : config.host();
    String url = config.publicUrl().orElse("http://" + host + ":" + server.port());
    StringBuilder b = new StringBuilder();
    String line = "=".repeat(64);
    b.append('\n').append(line).append('\n');
    b.append("  Workshop server is ready / 워크숍 서버가 준비되었습니다\n");
    b.append("  Open / 열기:            ").append(url).append('\n');
    b.append("  Instructor / 강사:      ").append(url).append("/instructor.html\n");
    b.append("  Data / 데이터:          ").append(config.dataDir().toAbsolutePath().normalize()).append('\n');
    server.metricsPort().ifPresent(port -> b.append("  Metrics / 메트릭:       http://")
        .append(config.metrics().orElseThrow().host()).append(':').append(port).append("/metrics\n"));
    server.generatedPassword().ifPresentOrElse(
        p -> b.append("  Instructor password / 강사 비밀번호: ").append(p).append('\n')
            .append("    (shown once; stored hashed in the data directory / 한 번만 표시됩니다)\n"),
        () -> b.append("  Instructor password / 강사 비밀번호: ")
            .append(config.instructorPassword().isPresent() ? "from WORKSHOP_INSTRUCTOR_PASSWORD"
                : "as shown on the first start (delete data/instructor-password.hash to make a new one)")
            .append('\n'));
    b.append(line).append('\n');
    return b.toString();
  }
}
