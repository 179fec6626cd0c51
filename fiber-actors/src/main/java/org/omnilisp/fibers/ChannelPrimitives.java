package org.omnilisp.fibers;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.omnilisp.channels.api.ChannelFactory;
import org.omnilisp.channels.api.ChannelProtocol;
import org.omnilisp.interp.Interpreter;
import org.omnilisp.lang.Errors;
import org.omnilisp.lang.LispThrow;
import org.omnilisp.lang.Nothing;
import org.omnilisp.lang.Pair;
import org.omnilisp.lang.Symbol;
import org.omnilisp.machine.Frame;
import org.omnilisp.machine.Machine;
import org.omnilisp.machine.MachinePrimitive;
import org.omnilisp.machine.Primitive;
import org.omnilisp.ports.IoOffer;

/**
 * The channel primitives of LANGUAGE.md §6. {@code send}, {@code recv} and {@code select} are
 * one-liners over parking operations ({@link ChannelOps}, {@link SelectOp}); {@code select} is a
 * macro that turns each clause into data plus a procedure for its body.
 */
final class ChannelPrimitives {
  private final FiberRuntime runtime;
  private final AtomicLong ids = new AtomicLong();
  private final ChannelFactory factory; // actors on the fiber dispatcher, made when first needed

  private ChannelPrimitives(FiberRuntime runtime) {
    this.runtime = runtime;
    this.factory = new ChannelFactory(new SystemOf(runtime), new PropsOf(runtime));
  }

  // Classes rather than method references (runtime::system, runtime::dispatcher): linking a method
  // reference loads the types of its method (Pekko's ActorSystem and Props, and with them Scala's
  // library, a 160 KB manifest to parse) at start-up, when a script may never make a channel.

  /** The runtime's actor system, started when a channel first needs it. */
  private static final class SystemOf
      implements java.util.function.Supplier<org.apache.pekko.actor.typed.ActorSystem<Void>> {
    private final FiberRuntime runtime;

    SystemOf(FiberRuntime runtime) {
      this.runtime = runtime;
    }

    @Override
    public org.apache.pekko.actor.typed.ActorSystem<Void> get() {
      return runtime.system();
    }
  }

  /** Where channel actors run: the fiber dispatcher. */
  private static final class PropsOf
      implements java.util.function.Supplier<org.apache.pekko.actor.typed.Props> {
    private final FiberRuntime runtime;

    PropsOf(FiberRuntime runtime) {
      this.runtime = runtime;
    }

    @Override
    public org.apache.pekko.actor.typed.Props get() {
      return runtime.dispatcher();
    }
  }

  /** Defines the channel primitives; returns them, so that Java code can make channels too. */
  static ChannelPrimitives install(FiberRuntime runtime) {
    ChannelPrimitives p = new ChannelPrimitives(runtime);
    Interpreter interp = runtime.interp;
    interp.define("chan", Primitive.ofN("chan", 0, 1, p::chan));
    interp.define("chan?", Primitive.of1("chan?", x -> x instanceof LispChannel));
    interp.define(
        "closed?", Primitive.of1("closed?", ch -> channel("closed?", ch).handle.isClosed()));
    interp.define("close", Primitive.of1("close", ChannelPrimitives::close));
    interp.define(
        "send",
        new MachinePrimitive("send", 2, 2, ChannelPrimitives::send, ChannelPrimitives::sendNow));
    interp.define(
        "recv",
        new MachinePrimitive(
            "recv",
            1,
            1,
            ChannelPrimitives::recv,
            ChannelPrimitives::recvNow,
            (m, args) -> recvNow(m, args[0])));
    interp.define("try-send", new MachinePrimitive("try-send", 2, 2, ChannelPrimitives::trySend));
    interp.define("try-recv", new MachinePrimitive("try-recv", 1, 1, ChannelPrimitives::tryRecv));
    interp.define("%select", new MachinePrimitive("select", 1, 1, p::select));
    interp.defineMacro(Symbol.of("select"), Primitive.ofN("select", 0, -1, SelectSyntax::expand));
    return p;
  }

  static LispChannel channel(String op, Object x) {
    if (x instanceof LispChannel c) {
      return c;
    }
    throw Errors.wrongType(op, "a channel", x);
  }

  private Object chan(Object[] args) {
    int capacity = 0;
    if (args.length == 1) {
      if (!(args[0] instanceof Long n) || n < 0 || n > Integer.MAX_VALUE) {
        throw Errors.wrongType("chan", "a non-negative integer capacity", args[0]);
      }
      capacity = (int) (long) n;
    }
    return newChannel(capacity);
  }

  LispChannel newChannel(int capacity) {
    return new LispChannel(runtime, factory.create(capacity, ids.incrementAndGet()));
  }

  private static Object close(Object ch) {
    channel("close", ch).handle.close();
    return Nothing.NOTHING;
  }

  static Object sendable(String op, Object v) {
    if (v == Nothing.NOTHING) {
      throw Errors.error(op + ": cannot send nothing (it marks a closed channel)");
    }
    return v;
  }

  /**
   * {@code send}: the fast path first (buffer room, a parked receiver), in this thread; parks only
   * when it must wait. Still a cancellation point when it need not wait, as every parking
   * operation.
   */
  private static void send(Machine m, Object[] args) {
    LispChannel ch = channel("send", args[0]);
    Object v = ch.outgoing("send", sendable("send", args[1]));
    if (ch.handle.isClosed()) {
      throw new LispThrow(ChannelOps.closedError());
    }
    if (m.isCanceled()) {
      m.park(ChannelOps.Transfer.send(ch, v)); // raises canceled
      return;
    }
    Object r = ch.handle.offerNow(v);
    if (r == ChannelProtocol.SENT) {
      m.setValue(Nothing.NOTHING);
    } else if (r == ChannelProtocol.CLOSED) {
      throw new LispThrow(ChannelOps.closedError());
    } else {
      m.park(ChannelOps.Transfer.send(ch, v));
    }
  }

  /**
   * {@code send}'s fast path for direct-style calls: into buffer room or to a parked receiver, in
   * this thread; SLOW (nothing done) when it must wait, when the fiber is canceled (the body raises
   * canceled) or when the channel is another node's (its value is converted once, by the body).
   */
  private static Object sendNow(Machine m, Object[] args) {
    LispChannel ch = channel("send", args[0]);
    Object v = sendable("send", args[1]);
    if (!ch.handle.isLocal() || m.isCanceled()) {
      return MachinePrimitive.SLOW;
    }
    Object r = ch.handle.offerNow(v); // answers CLOSED when the channel is closed
    if (r == ChannelProtocol.SENT) {
      return Nothing.NOTHING;
    }
    if (r == ChannelProtocol.CLOSED) {
      throw new LispThrow(ChannelOps.closedError());
    }
    return MachinePrimitive.SLOW;
  }

  /** {@code recv}: a ready value at once (fast path), else parks; a cancellation point. */
  private static void recv(Machine m, Object[] args) {
    LispChannel ch = channel("recv", args[0]);
    Object r = m.isCanceled() ? ChannelProtocol.EMPTY : ch.handle.takeNow();
    if (r == ChannelProtocol.CLOSED) {
      m.setValue(Nothing.NOTHING);
    } else if (r != ChannelProtocol.EMPTY) {
      m.setValue(m.received(r));
    } else {
      m.park(ChannelOps.Transfer.recv(ch));
    }
  }

  /** {@code recv}'s fast path without an argument array: the value, or SLOW (the body parks). */
  private static Object recvNow(Machine m, Object x) {
    if (m.isCanceled()) {
      return MachinePrimitive.SLOW;
    }
    Object r = channel("recv", x).handle.takeNow();
    return r == ChannelProtocol.EMPTY
        ? MachinePrimitive.SLOW
        : r == ChannelProtocol.CLOSED ? Nothing.NOTHING : m.received(r);
  }

  private static void trySend(Machine m, Object[] args) {
    LispChannel ch = channel("try-send", args[0]);
    Object v = ch.outgoing("try-send", sendable("try-send", args[1]));
    if (ch.handle.isLocal()) {
      m.setValue(ch.handle.offerNow(v) == ChannelProtocol.SENT);
    } else {
      m.parkWithoutCancellation(new ChannelOps.Try(ch, v));
    }
  }

  private static void tryRecv(Machine m, Object[] args) {
    LispChannel ch = channel("try-recv", args[0]);
    if (ch.handle.isLocal()) {
      Object r = ch.handle.takeNow();
      m.setValue(r == ChannelProtocol.EMPTY || r == ChannelProtocol.CLOSED ? Nothing.NOTHING : r);
    } else {
      m.parkWithoutCancellation(new ChannelOps.Try(ch, null));
    }
  }

  /** {@code (%select clauses)}: each clause is {@code (kind operand... body-procedure)}. */
  private void select(Machine m, Object[] args) {
    List<SelectOp.Clause> clauses = new ArrayList<>();
    List<Object> bodies = new ArrayList<>();
    List<IoOffer> offers = new ArrayList<>();
    for (Object cur = args[0]; cur instanceof Pair p; cur = p.cdr) {
      Object[] parts = toArray(p.car);
      String kind = ((Symbol) parts[0]).name();
      IoOffer offer = null;
      SelectOp.Clause clause =
          switch (kind) {
            case "recv" ->
                new SelectOp.Clause(SelectOp.Kind.RECV, channel("select", parts[1]), null, 0);
            case "send" -> {
              LispChannel ch = channel("select", parts[1]);
              yield new SelectOp.Clause(
                  SelectOp.Kind.SEND, ch, ch.outgoing("select", sendable("select", parts[2])), 0);
            }
            case "timeout" ->
                new SelectOp.Clause(
                    SelectOp.Kind.TIMEOUT, null, System.nanoTime(), millis(parts[1]));
            case "read-line", "accept" -> {
              offer =
                  kind.equals("accept")
                      ? org.omnilisp.io.AcceptOffer.of(parts[1])
                      : org.omnilisp.ports.PortSelect.readLine(parts[1]);
              yield new SelectOp.Clause(SelectOp.Kind.IO, null, null, 0);
            }
            default -> new SelectOp.Clause(SelectOp.Kind.ELSE, null, null, 0);
          };
      clauses.add(clause);
      bodies.add(parts[parts.length - 1]);
      offers.add(offer);
    }
    runSelect(m, new Parsed(clauses, bodies, offers));
  }

  /** A parsed select: its clauses (a timeout's value is its start time), bodies, I/O offers. */
  private record Parsed(List<SelectOp.Clause> clauses, List<Object> bodies, List<IoOffer> offers) {}

  /**
   * Runs a parsed select: an I/O clause whose answer is already buffered fires at once; otherwise
   * every clause is offered and the fiber parks. Run again when an I/O clause's wait brought too
   * little (half a line): the timeouts keep their deadline.
   */
  private void runSelect(Machine m, Parsed s) {
    m.push(new RunClause(s));
    for (int i = 0; i < s.offers().size(); i++) {
      IoOffer offer = s.offers().get(i);
      Object now = offer == null ? null : offer.now();
      if (now != null) {
        m.setValue(new SelectOp.Fired(i, now));
        return;
      }
    }
    List<SelectOp.Clause> clauses = new ArrayList<>();
    for (int i = 0; i < s.clauses().size(); i++) {
      SelectOp.Clause c = s.clauses().get(i);
      IoOffer offer = s.offers().get(i);
      if (offer != null) {
        c = new SelectOp.Clause(SelectOp.Kind.IO, null, new SelectOp.IoWait(offer, offer.op(m)), 0);
      } else if (c.kind() == SelectOp.Kind.TIMEOUT) {
        long elapsed = (System.nanoTime() - (Long) c.value()) / 1_000_000;
        c =
            new SelectOp.Clause(
                SelectOp.Kind.TIMEOUT, null, null, Math.max(0, c.millis() - elapsed));
      }
      clauses.add(c);
    }
    SelectOp op = new SelectOp(runtime, clauses);
    if (clauses.stream().anyMatch(c -> c.kind() == SelectOp.Kind.ELSE)) {
      m.parkWithoutCancellation(op); // with else it never waits: not a cancellation point
    } else {
      m.park(op);
    }
  }

  private static long millis(Object x) {
    if (x instanceof Long ms && ms >= 0) {
      return ms;
    }
    throw Errors.wrongType("select", "a non-negative timeout in milliseconds", x);
  }

  private static Object[] toArray(Object list) {
    List<Object> items = new ArrayList<>();
    for (Object cur = list; cur instanceof Pair p; cur = p.cdr) {
      items.add(p.car);
    }
    return items.toArray();
  }

  /** After the select fired: runs the body of the clause that fired, in tail position. */
  private final class RunClause extends Frame {
    private final Parsed select;

    RunClause(Parsed select) {
      this.select = select;
    }

    @Override
    public void resume(Machine m) {
      SelectOp.Fired fired = (SelectOp.Fired) m.value();
      Object value = fired.value();
      if (value instanceof SelectOp.Arrived a) {
        value = select.offers().get(fired.clause()).resolve(a.value());
        if (value == null) { // half a line: wait again
          runSelect(m, select);
          return;
        }
      }
      m.apply(select.bodies().get(fired.clause()), new Object[] {value});
    }
  }
}
