import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/** The peer of bench/http/hello.omni: raw Pekko HTTP answering every request directly. */
public class PekkoHello {
  public static void main(String[] args) throws Exception {
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "hello");
    HttpResponse hello =
        HttpResponse.create()
            .withEntity(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, "Hello, World!"));
    var binding =
        Http.get(system)
            .newServerAt("127.0.0.1", 0)
            .bind(
                (org.apache.pekko.japi.function.Function<
                        org.apache.pekko.http.javadsl.model.HttpRequest,
                        java.util.concurrent.CompletionStage<HttpResponse>>)
                    request -> CompletableFuture.completedFuture(hello))
            .toCompletableFuture()
            .get();
    System.out.println(binding.localAddress().getPort());
    System.out.flush();
    Thread.currentThread().join();
  }
}
