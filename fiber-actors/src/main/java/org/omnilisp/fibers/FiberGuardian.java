package org.omnilisp.fibers;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * A parent of fiber actors: the runtime's guardian, and the actor of each {@code with-fibers}
 * scope. A fiber that parks for the first time asks its scope's actor (or the guardian) to adopt
 * it; the parent spawns the {@link FiberActor} as its child, which starts the pending park. A
 * scope's actor is a child of its enclosing scope's actor (or of the guardian), so the actor tree
 * mirrors the scopes; when a scope ends its actor stops, and with it any child still there.
 */
final class FiberGuardian extends AbstractBehavior<FiberGuardian.Command> {
  interface Command {}

  /** Give this parked fiber an actor, as a child of this one. */
  record Adopt(FiberTask task, org.apache.pekko.actor.Props props) implements Command {}

  /** Start the actor of a nested scope, as a child of this one. */
  record OpenScope(Scope scope, Props props) implements Command {}

  /** The scope ended: stop, and with it every child. */
  enum Close implements Command {
    INSTANCE
  }

  private FiberGuardian(ActorContext<Command> context) {
    super(context);
  }

  /** The runtime's guardian. */
  static Behavior<Command> create() {
    return Behaviors.setup(FiberGuardian::new);
  }

  /** The actor of {@code scope}: it tells the scope it is there. */
  static Behavior<Command> forScope(Scope scope) {
    return Behaviors.setup(
        context -> {
          scope.opened(context.getSelf());
          return new FiberGuardian(context);
        });
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Adopt.class, this::onAdopt)
        .onMessage(OpenScope.class, this::onOpenScope)
        .onMessageEquals(Close.INSTANCE, Behaviors::stopped)
        .build();
  }

  private Behavior<Command> onAdopt(Adopt a) {
    // A classic child (see FiberActor); Start makes the new actor take the fiber (it must be the
    // actor that begins the park: its completion may arrive at once, as a message to the actor).
    Adapter.actorOf(getContext(), a.props())
        .tell(new FiberActor.Start(a.task()), org.apache.pekko.actor.ActorRef.noSender());
    return this;
  }

  private Behavior<Command> onOpenScope(OpenScope o) {
    getContext().spawnAnonymous(forScope(o.scope()), o.props());
    return this;
  }
}
