package org.omnilisp.fibers;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Spawned fibers' tasks go straight to the {@link FiberExecutor} that runs the fiber dispatcher,
 * past Pekko's dispatcher wrapper ({@code MessageDispatcher.execute}: a {@code TaskInvocation} per
 * task and two atomic updates of the dispatcher's inhabitants count, a cache line that the spawner
 * and the worker running the task both write; about a quarter of the main thread's samples in
 * {@code spawn.omni}).
 *
 * <p>Why a wrapper is there at all: Pekko shuts a dispatcher's executor down once the dispatcher
 * has had no inhabitants for its {@code shutdown-timeout}, and a task submitted past the wrapper is
 * no inhabitant. So each dispatcher used this way first gets an <em>anchor</em>: an actor on it
 * that lives as long as the actor system (an attached actor is an inhabitant, so the executor is
 * never shut down under the fibers), and the executor is learnt inside that actor, on one of its
 * threads: the executor that stays. Until the anchor has started, and whenever the executor refuses
 * a task (the system is terminating), tasks go through the dispatcher as before.
 */
final class DirectPool {
  /** A dispatcher and where its new fibers go: its fiber executor, or the dispatcher itself. */
  private record Direct(Executor dispatcher, Executor target) {}

  /** The anchor has not run yet. */
  private static final Object PENDING = new Object();

  /** The dispatcher's executor is not a {@link FiberExecutor}: tasks go through the dispatcher. */
  private static final Object NONE = new Object();

  private volatile Direct last; // the dispatcher used most recently: one read per spawn
  // each dispatcher seen: PENDING, NONE or its FiberExecutor
  private final ConcurrentHashMap<Executor, Object> known = new ConcurrentHashMap<>();
  private final List<ActorRef<Object>> anchors = new CopyOnWriteArrayList<>();
  private final String namePrefix;

  /** {@code namePrefix}: unique to the runtime among the system's actors. */
  DirectPool(String namePrefix) {
    this.namePrefix = namePrefix;
  }

  /**
   * Submits a new fiber's task to {@code dispatcher}'s executor in spawn order (see {@link
   * FiberExecutor#executeInSpawnOrder}), directly once the dispatcher is anchored. The first call
   * for a dispatcher starts its anchor in {@code system}, asking {@code dispatcherId} for its name.
   */
  void submit(
      ActorSystem<?> system, Supplier<String> dispatcherId, Executor dispatcher, Runnable task) {
    Direct d = last;
    Executor target = dispatcher;
    if (d != null && d.dispatcher == dispatcher) {
      target = d.target;
    } else {
      Object k = known.putIfAbsent(dispatcher, PENDING);
      if (k == null) {
        anchor(system, dispatcherId.get(), dispatcher);
      } else if (k != PENDING) {
        target = k instanceof FiberExecutor e ? e : dispatcher;
        last = new Direct(dispatcher, target);
      }
    }
    if (target != dispatcher) {
      try {
        FiberExecutor.executeInSpawnOrder(target, task);
        return;
      } catch (RejectedExecutionException e) {
        // the system is terminating: the dispatcher decides what becomes of the task
      }
    }
    FiberExecutor.executeInSpawnOrder(dispatcher, task);
  }

  /** Where new fibers for {@code dispatcher} go now: its fiber executor once anchored (tests). */
  Executor targetFor(Executor dispatcher) {
    return known.get(dispatcher) instanceof FiberExecutor e ? e : dispatcher;
  }

  /** Starts the anchor of {@code dispatcher} (named {@code id}); it learns the executor. */
  private void anchor(ActorSystem<?> system, String id, Executor dispatcher) {
    anchors.add(
        system.systemActorOf(
            Behaviors.setup(
                context -> {
                  FiberExecutor here = FiberExecutor.current();
                  boolean same = context.getExecutionContext() == dispatcher;
                  known.put(dispatcher, here != null && same ? here : NONE);
                  return Behaviors.receiveMessage(stop -> Behaviors.stopped());
                }),
            namePrefix + "-anchor-" + id,
            DispatcherSelector.fromConfig(id)));
  }

  /**
   * The runtime closes: the anchors stop (in an application's actor system, which lives on). Tasks
   * submitted later go through the dispatcher once the executor refuses them.
   */
  void close() {
    for (ActorRef<Object> a : anchors) {
      a.tell(Boolean.TRUE);
    }
    anchors.clear();
  }
}
