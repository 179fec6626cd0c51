package org.omnilisp.fibers;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The parent of every fiber actor of a runtime. A fiber that parks for the first time asks to be
 * adopted; the guardian spawns its {@link FiberActor} as a child (cheap inside an actor, and the
 * fiber now sits in the supervision tree), and the child starts the pending park.
 */
final class FiberGuardian extends AbstractBehavior<FiberGuardian.Adopt> {
  /** Give this parked fiber an actor. */
  record Adopt(FiberTask task, Props props) {}

  private FiberGuardian(ActorContext<Adopt> context) {
    super(context);
  }

  static Behavior<Adopt> create() {
    return Behaviors.setup(FiberGuardian::new);
  }

  @Override
  public Receive<Adopt> createReceive() {
    return newReceiveBuilder().onMessage(Adopt.class, this::onAdopt).build();
  }

  private Behavior<Adopt> onAdopt(Adopt a) {
    getContext().spawnAnonymous(FiberActor.create(a.task()), a.props());
    return this;
  }
}
