import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The virtual-thread peer of the echo benchmark (issue 12): a virtual thread per connection echoes
 * each line (blocking java.net sockets, which park the virtual thread). Prints its port, then
 * serves until killed.
 */
public class EchoServer {
  public static void main(String[] args) throws Exception {
    ServerSocket server = new ServerSocket(0, 1024, InetAddress.getByName("127.0.0.1"));
    System.out.println(server.getLocalPort());
    System.out.flush();
    while (true) {
      Socket s = server.accept();
      Thread.ofVirtual().start(() -> serve(s));
    }
  }

  private static void serve(Socket s) {
    try (s;
        BufferedReader in =
            new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        BufferedWriter out =
            new BufferedWriter(
                new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        out.write(line);
        out.write('\n');
        out.flush();
      }
    } catch (Exception e) {
      // the client went away
    }
  }
}
