package org.omnilisp.io;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.omnilisp.builtins.Args;
import org.omnilisp.interp.Interpreter;
import org.omnilisp.lang.ErrorObject;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.Nothing;
import org.omnilisp.lang.Printer;
import org.omnilisp.machine.Frame;
import org.omnilisp.machine.IoSupport;
import org.omnilisp.machine.Machine;
import org.omnilisp.machine.MachinePrimitive;
import org.omnilisp.machine.Primitive;
import org.omnilisp.ports.BlockingOp;
import org.omnilisp.ports.Port;

/**
 * TCP (LANGUAGE.md §13) on Pekko IO: {@code tcp-listen}, {@code tcp-listener-port}, {@code
 * tcp-accept}, {@code tcp-connect}, {@code tcp-close}. Every wait (bind, accept, connect, and the
 * reads and writes of the connection ports) parks the fiber; no thread waits on a socket.
 */
final class TcpPrimitives {
  private final IoRuntime runtime;
  private final IoSupport io;
  private final AtomicLong ids = new AtomicLong();

  private TcpPrimitives(IoRuntime runtime, IoSupport io) {
    this.runtime = runtime;
    this.io = io;
  }

  static void install(Interpreter interp, IoRuntime runtime, IoSupport io) {
    TcpPrimitives t = new TcpPrimitives(runtime, io);
    interp.define("tcp-listen", new MachinePrimitive("tcp-listen", 1, 2, t::listen));
    interp.define("tcp-accept", new MachinePrimitive("tcp-accept", 1, 1, t::accept));
    interp.define("tcp-connect", new MachinePrimitive("tcp-connect", 2, 2, t::connect));
    interp.define(
        "tcp-listener-port",
        Primitive.of1("tcp-listener-port", x -> (long) listener("tcp-listener-port", x).port));
    interp.define("tcp-listener?", Primitive.of1("tcp-listener?", x -> x instanceof TcpListener));
    interp.define("tcp-close", new MachinePrimitive("tcp-close", 1, 1, t::close));
  }

  static TcpListener listener(String op, Object x) {
    if (x instanceof TcpListener l) {
      return l;
    }
    throw Errors.wrongType(op, "a tcp listener", x);
  }

  private ActorRef spawn(Props props, String prefix) {
    ExtendedActorSystem classic = (ExtendedActorSystem) Adapter.toClassic(runtime.system());
    return classic.systemActorOf(props, prefix + ids.incrementAndGet());
  }

  private static int portNumber(String op, Object x) {
    if (x instanceof Long l && l >= 0 && l <= 65535) {
      return (int) (long) l;
    }
    throw Errors.wrongType(op, "a port number (0 to 65535)", x);
  }

  /** A connection port and its actor; {@code tcp} is Pekko's connection (null: not yet). */
  Port connection(ActorRef tcp, InetSocketAddress remote) {
    ActorRef actor = spawn(ConnectionActor.props(tcp), "omni-tcp-");
    return TcpPorts.port(actor, io, remote.getHostString() + ":" + remote.getPort());
  }

  /** Resolves {@code host} (may block: on the I/O executor in fibers), then runs {@code then}. */
  private void resolve(Machine m, String op, String host, int port, Frame then) {
    m.push(then);
    if (host.matches("[0-9.]+") || host.indexOf(':') >= 0) { // a literal address: no lookup
      try {
        m.setValue(new InetSocketAddress(InetAddress.getByName(host), port));
        return;
      } catch (UnknownHostException e) {
        throw Errors.error(op + ": unknown host: " + Printer.write(host));
      }
    }
    BlockingOp.run(
        m,
        op + " resolving " + host,
        () -> new InetSocketAddress(InetAddress.getByName(host), port),
        e ->
            new ErrorObject(
                e instanceof UnknownHostException
                    ? op + ": unknown host: " + Printer.write(host)
                    : op + ": " + e.getMessage()));
  }

  private void listen(Machine m, Object[] a) {
    int port = portNumber("tcp-listen", a[0]);
    String host = a.length > 1 ? Args.string("tcp-listen", a[1]) : "127.0.0.1";
    resolve(
        m,
        "tcp-listen",
        host,
        port,
        new Frame() {
          @Override
          public void resume(Machine m) {
            InetSocketAddress address = (InetSocketAddress) m.value();
            ActorRef actor =
                spawn(ListenerActor.props(TcpPrimitives.this::connection), "omni-tcp-listener-");
            m.push(
                new Frame() {
                  @Override
                  public void resume(Machine m) {
                    TcpListener l =
                        new TcpListener(
                            TcpPrimitives.this, actor, host, (int) (long) (Long) m.value());
                    l.claim(m);
                    m.setValue(l);
                  }
                });
            m.park(
                new ActorOp(
                    actor,
                    io,
                    "tcp-listen",
                    "tcp-listen " + host + ":" + port,
                    c -> new ListenerActor.Bind(address, host + ":" + port, c)));
          }
        });
  }

  private void accept(Machine m, Object[] a) {
    TcpListener l = listener("tcp-accept", a[0]);
    if (l.closed) {
      throw Errors.error("tcp-accept: listener is closed: " + l.printForm());
    }
    m.push(new Owning());
    m.park(acceptOp(l));
  }

  /** The connection just accepted (in m.value) becomes the accepting fiber's. */
  private static final class Owning extends Frame {
    @Override
    public void resume(Machine m) {
      ((Port) m.value()).opened(m);
    }
  }

  ActorOp acceptOp(TcpListener l) {
    return new ActorOp(
        l.actor,
        io,
        "tcp-accept",
        "tcp-accept on " + l.host + ":" + l.port,
        ListenerActor.Accept::new);
  }

  private void connect(Machine m, Object[] a) {
    String host = Args.string("tcp-connect", a[0]);
    int port = portNumber("tcp-connect", a[1]);
    if (port == 0) {
      throw Errors.wrongType("tcp-connect", "a port number (1 to 65535)", a[1]);
    }
    String shown = host + ":" + port;
    resolve(
        m,
        "tcp-connect",
        host,
        port,
        new Frame() {
          @Override
          public void resume(Machine m) {
            InetSocketAddress address = (InetSocketAddress) m.value();
            ActorRef actor = spawn(ConnectionActor.props(null), "omni-tcp-");
            Port p = TcpPorts.port(actor, io, shown);
            m.push(
                new Frame() {
                  @Override
                  public void resume(Machine m) {
                    p.opened(m);
                    m.setValue(p);
                  }
                });
            m.park(
                new ActorOp(
                    actor,
                    io,
                    "tcp-connect",
                    "tcp-connect " + shown,
                    c -> new ConnectionActor.Connect(address, shown, c)));
          }
        });
  }

  /** Stops listening; parks until the port is released, so a connect after it is refused. */
  private void close(Machine m, Object[] a) {
    TcpListener l = listener("tcp-close", a[0]);
    if (l.closed) {
      m.setValue(Nothing.NOTHING);
      return;
    }
    l.closed = true;
    m.parkWithoutCancellation(
        new ActorOp(
            l.actor,
            io,
            "tcp-close",
            "tcp-close " + l.host + ":" + l.port,
            ListenerActor.Unbind::new));
  }
}
