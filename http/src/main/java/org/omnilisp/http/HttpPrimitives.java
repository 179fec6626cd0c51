package org.omnilisp.http;

import org.omnilisp.fibers.StageOp;
import org.omnilisp.interp.Interpreter;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.Nothing;
import org.omnilisp.lang.Procedure;
import org.omnilisp.machine.Machine;
import org.omnilisp.machine.MachinePrimitive;
import org.omnilisp.machine.Primitive;

/** The HTTP procedures of LANGUAGE.md §13; each wait (bind, stop, response) is a park. */
final class HttpPrimitives {
  private final HttpEngine engine;
  private final HttpClient client;

  private HttpPrimitives(HttpEngine engine) {
    this.engine = engine;
    this.client = new HttpClient(engine);
  }

  static void install(HttpEngine engine) {
    HttpPrimitives p = new HttpPrimitives(engine);
    Interpreter interp = engine.fibers.interpreter();
    interp.define("http-serve", new MachinePrimitive("http-serve", 2, 3, p::serve));
    interp.define("http-server-port", Primitive.of1("http-server-port", p::port));
    interp.define("http-stop", new MachinePrimitive("http-stop", 1, 1, p::stop));
    interp.define("http-request", new MachinePrimitive("http-request", 2, 4, p::request));
    interp.define(
        "http-get",
        new MachinePrimitive(
            "http-get",
            1,
            1,
            (m, a) ->
                m.park(
                    p.client.request("http-get", "GET", a[0], Nothing.NOTHING, Nothing.NOTHING))));
  }

  /** {@code (http-serve port handler [host])}: parks until bound, returns the server. */
  private void serve(Machine m, Object[] args) {
    if (!(args[0] instanceof Long port) || port < 0 || port > 65535) {
      throw Errors.wrongType("http-serve", "a port number from 0 to 65535", args[0]);
    }
    if (!(args[1] instanceof Procedure handler)) {
      throw Errors.wrongType("http-serve", "a handler procedure", args[1]);
    }
    Object host = args.length > 2 ? args[2] : "127.0.0.1";
    if (!(host instanceof String hostName)) {
      throw Errors.wrongType("http-serve", "a host name string", host);
    }
    RequestHandler requests = new RequestHandler(engine, handler);
    m.push(
        new org.omnilisp.machine.Frame() {
          @Override
          public void resume(Machine m) {
            ((HttpServer) m.value()).claim(m); // stopped if this fiber ends canceled
          }
        });
    m.park(
        new StageOp(
            engine.fibers,
            "http-serve " + hostName + ":" + port,
            () ->
                engine
                    .parts()
                    .http()
                    .newServerAt(hostName, (int) (long) port)
                    .bind(requests)
                    .thenApply(
                        binding -> {
                          HttpServer server = new HttpServer(engine, binding);
                          requests.boundTo(server);
                          return server;
                        }),
            failure -> bindError(hostName + ":" + port, failure),
            dropped -> ((HttpServer) dropped).stop()));
  }

  /** {@code http-serve: cannot listen on 127.0.0.1:8080: address already in use}. */
  private static Object bindError(String where, Throwable failure) {
    String text = String.valueOf(StageOp.unwrap(failure).getMessage());
    String why = text.contains("Address already in use") ? "address already in use" : text;
    return new org.omnilisp.lang.ErrorObject("http-serve: cannot listen on " + where + ": " + why)
        .withCause(failure);
  }

  private Object port(Object server) {
    return server(server, "http-server-port").port();
  }

  private void stop(Machine m, Object[] args) {
    HttpServer s = server(args[0], "http-stop");
    m.park(
        new StageOp(
            engine.fibers,
            "http-stop " + s.printForm(),
            () -> s.stop().thenApply(done -> Nothing.NOTHING),
            failure -> new org.omnilisp.lang.ErrorObject("http-stop: " + failure.getMessage()),
            dropped -> {}));
  }

  private void request(Machine m, Object[] args) {
    Object body = args.length > 2 ? args[2] : Nothing.NOTHING;
    Object headers = args.length > 3 ? args[3] : Nothing.NOTHING;
    m.park(client.request("http-request", args[0], args[1], body, headers));
  }

  private static HttpServer server(Object x, String op) {
    if (x instanceof HttpServer s) {
      return s;
    }
    throw Errors.wrongType(op, "an http server", x);
  }
}
