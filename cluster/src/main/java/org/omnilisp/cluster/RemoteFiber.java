package org.omnilisp.cluster;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.omnilisp.cluster.Messages.CancelRequest;
import org.omnilisp.cluster.Messages.FiberEvent;
import org.omnilisp.cluster.Messages.SpawnerCommand;
import org.omnilisp.fibers.ForeignFiber;
import org.omnilisp.machine.Fiber;
import org.omnilisp.machine.FiberState;
import org.omnilisp.machine.ParkOp;
import org.omnilisp.machine.Waker;

/**
 * The calling node's side of a fiber started by {@code spawn-at}: the {@link Fiber} value the
 * program holds ({@code running} until the far end reports how it ended), the {@code spawn-at}
 * waiting for the start, and the joiners. Completed from {@link RemoteFibers} (events from the far
 * node, or that node going down); joined and canceled from fibers: every change is synchronized.
 */
final class RemoteFiber implements ForeignFiber {
  final long id;
  final Fiber fiber;
  final ActorRef<SpawnerCommand> spawner;
  final String address;
  private final ActorRef<FiberEvent> events;
  private Waker starter; // the spawn-at waiting for the fiber to start
  private final List<Waker> joiners = new ArrayList<>(1);

  RemoteFiber(
      long id,
      Fiber fiber,
      ActorRef<SpawnerCommand> spawner,
      String address,
      ActorRef<FiberEvent> events) {
    this.id = id;
    this.fiber = fiber;
    this.spawner = spawner;
    this.address = address;
    this.events = events;
    fiber.setState(FiberState.RUNNING);
    fiber.setHost(this);
  }

  synchronized void awaitStart(Waker w) {
    starter = w;
  }

  /** The far node started the fiber ({@code error} null) or refused to. */
  void started(Object error) {
    Waker w;
    synchronized (this) {
      w = starter;
      starter = null;
    }
    if (w == null) {
      return;
    }
    if (error == null) {
      w.wake(fiber);
    } else {
      end(false, error);
      w.fail(error);
    }
  }

  /** The fiber ended there: its result, or the error it raised. */
  void end(boolean ok, Object value) {
    List<Waker> waiting;
    synchronized (this) {
      if (fiber.state().isFinished()) {
        return;
      }
      fiber.complete(ok ? FiberState.DONE : Fiber.stateForError(value), value);
      waiting = List.copyOf(joiners);
      joiners.clear();
    }
    for (Waker w : waiting) {
      deliver(w);
    }
  }

  /** The fiber's node left or was downed: the start, the joiners and later joins fail. */
  void nodeDown() {
    Waker w;
    synchronized (this) {
      w = starter;
      starter = null;
    }
    if (w != null) {
      w.fail(ChannelProxy.nodeDown("spawn-at", address));
    }
    end(false, ChannelProxy.nodeDown("join", address));
  }

  private void deliver(Waker w) {
    if (fiber.state() == FiberState.DONE) {
      w.wake(fiber.result());
    } else {
      w.fail(fiber.result());
    }
  }

  @Override
  public ParkOp join() {
    return new ParkOp() {
      private volatile Waker waker;

      @Override
      public void start(Waker w) {
        waker = w;
        synchronized (RemoteFiber.this) {
          if (!fiber.state().isFinished()) {
            joiners.add(w);
            return;
          }
        }
        deliver(w);
      }

      @Override
      public boolean cancel() {
        Waker w = waker;
        synchronized (RemoteFiber.this) {
          return w != null && joiners.remove(w);
        }
      }

      @Override
      public String describe() {
        return "join " + fiber.printForm() + " on " + address;
      }
    };
  }

  @Override
  public void cancel() {
    fiber.requestCancel(); // what (canceled?) and fiber-state see here
    if (!fiber.state().isFinished()) {
      spawner.tell(new CancelRequest(id, events));
    }
  }
}
