import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A peer of bench/http/hello.omni: the JDK's own {@code com.sun.net.httpserver.HttpServer} with a
 * virtual thread per request (JDK 25). Prints its port, then serves until killed.
 */
public class VthreadsHello {
  public static void main(String[] args) throws Exception {
    byte[] hello = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/",
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
          exchange.sendResponseHeaders(200, hello.length);
          try (var out = exchange.getResponseBody()) {
            out.write(hello);
          }
        });
    server.start();
    System.out.println(server.getAddress().getPort());
    System.out.flush();
  }
}
