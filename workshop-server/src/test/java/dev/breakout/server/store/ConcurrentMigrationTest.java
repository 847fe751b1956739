package dev.breakout.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.support.Postgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Nodes of a cluster started together on a fresh PostgreSQL migrate it once, and none fails. */
@DisplayName("Several nodes migrating one fresh PostgreSQL at the same moment")
class ConcurrentMigrationTest {
  private static Postgres postgres;

  @BeforeAll
  static void database() throws Exception {
    postgres = Postgres.start();
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    postgres.close();
  }

  @Test
  @DisplayName("four nodes released together: every one starts, the migrations are applied once each")
  void fourNodesAtOnce() throws Exception {
    int nodes = 4;
    CyclicBarrier together = new CyclicBarrier(nodes);
    ExecutorService pool = Executors.newFixedThreadPool(nodes);
    try {
      List<Future<?>> started = new ArrayList<>();
      for (int i = 0; i < nodes; i++) {
        started.add(pool.submit(() -> {
          try (Connection c = DriverManager.getConnection(postgres.url(), postgres.user(), "")) {
            c.setAutoCommit(false);
            together.await(30, TimeUnit.SECONDS);
            Schema.migrate(c);
          }
          return null;
        }));
      }
      for (Future<?> f : started) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    try (Connection c = DriverManager.getConnection(postgres.url(), postgres.user(), "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
      List<Integer> versions = new ArrayList<>();
      while (rs.next()) {
        versions.add(rs.getInt(1));
      }
      assertThat(versions).containsExactly(1, 2, 3);
    }
  }
}
