// Runs Neo4j Community embedded with only the Bolt connector, on loopback, until SIGTERM.
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

public class Launcher {
  public static void main(String[] args) {
    String home = arg(args, "--home", ".weerbaar/neo4j");
    String host = arg(args, "--host", "127.0.0.1");
    int port = Integer.parseInt(arg(args, "--port", "7687"));
    long pageCacheMb = Long.parseLong(arg(args, "--pagecache-mb", "512"));
    long txMaxMb = Long.parseLong(arg(args, "--tx-memory-mb", "0"));
    Path homePath = Path.of(home).toAbsolutePath();
    DatabaseManagementService dbms;
    try {
      Files.createDirectories(homePath);
      DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(homePath)
          .setConfig(BoltConnector.enabled, true)
          .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
          .setConfig(HttpConnector.enabled, false)
          .setConfig(GraphDatabaseSettings.auth_enabled, false)
          .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
          .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(10));
      if (txMaxMb > 0) {
        builder.setConfig(GraphDatabaseSettings.memory_transaction_max_size, ByteUnit.mebiBytes(txMaxMb));
      }
      dbms = builder.build();
      // Opening the default database forces the store to start (and its lock to be taken) before we say ready.
      dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).isAvailable(60_000);
    } catch (Throwable e) {
      System.err.println("weerbaar-neo4j: failed to start: " + explain(e, port));
      System.exit(3);
      return;
    }
    final DatabaseManagementService running = dbms;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("weerbaar-neo4j: shutting down");
      running.shutdown();
      System.out.println("weerbaar-neo4j: stopped");
    }));
    System.out.println("weerbaar-neo4j: ready bolt://" + host + ":" + port + " home " + homePath);
    System.out.flush();
    try {
      Thread.currentThread().join();
    } catch (InterruptedException ignored) {
      Thread.currentThread().interrupt();
    }
  }

  private static String explain(Throwable e, int port) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append(" | ");
    }
    String s = all.toString();
    if (s.contains("Address already in use") || s.contains("BindException")) {
      return "port " + port + " is already in use by another process (set WEERBAAR_NEO4J_PORT to use another port)";
    }
    if (s.contains("StoreLock") || s.contains("FileLockException") || s.contains("Lock file has been locked")) {
      return "the data folder is locked by another Neo4j process; stop it first (weerbaar db stop) — " + s;
    }
    return s;
  }

  private static String arg(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) return args[i + 1];
    }
    return fallback;
  }
}
