package org.omnilisp.cluster;

import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.omnilisp.cluster.Messages.ExporterCommand;
import org.omnilisp.lang.ErrorObject;
import org.omnilisp.machine.ParkOp;
import org.omnilisp.machine.Waker;

/**
 * {@code chan-lookup}: a short-lived actor subscribes to the name's key at the receptionist and
 * wakes the fiber with the first channel listed (the one whose actor path sorts first), or fails it
 * when the time is up. Canceling the fiber stops the actor.
 */
final class LookupOp implements ParkOp {
  private enum Stop {
    INSTANCE
  }

  private enum Timeout {
    INSTANCE
  }

  private final ClusterNode node;
  private final String name;
  private final long millis; // negative: no limit
  private final AtomicBoolean done = new AtomicBoolean();
  private volatile ActorRef<Object> actor;

  LookupOp(ClusterNode node, String name, long millis) {
    this.node = node;
    this.name = name;
    this.millis = millis;
  }

  static ServiceKey<ExporterCommand> key(String name) {
    return ServiceKey.create(ExporterCommand.class, "omni-chan:" + name);
  }

  @Override
  public void start(Waker w) {
    ActorSystem<Void> system = node.system("chan-lookup");
    ServiceKey<ExporterCommand> key = key(name);
    Behavior<Object> behavior =
        Behaviors.setup(
            ctx -> {
              system.receptionist().tell(Receptionist.subscribe(key, ctx.getSelf().narrow()));
              return Behaviors.withTimers(
                  timers -> {
                    if (millis >= 0) {
                      timers.startSingleTimer(Timeout.INSTANCE, Duration.ofMillis(millis));
                    }
                    return Behaviors.receive(Object.class)
                        .onMessage(
                            Receptionist.Listing.class,
                            listing -> {
                              Optional<ActorRef<ExporterCommand>> first =
                                  listing.getServiceInstances(key).stream()
                                      .min(Comparator.comparing(r -> r.path().toString()));
                              if (first.isEmpty()) {
                                return Behaviors.same();
                              }
                              if (done.compareAndSet(false, true)) {
                                try {
                                  w.wake(node.importExporter(first.get()));
                                } catch (RuntimeException e) {
                                  w.fail(new ErrorObject("chan-lookup: " + e.getMessage()));
                                }
                              }
                              return Behaviors.stopped();
                            })
                        .onMessageEquals(
                            Timeout.INSTANCE,
                            () -> {
                              if (done.compareAndSet(false, true)) {
                                w.fail(
                                    new ErrorObject(
                                        "chan-lookup: no channel named \""
                                            + name
                                            + "\" within "
                                            + millis
                                            + " ms"));
                              }
                              return Behaviors.stopped();
                            })
                        .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
                        .build();
                  });
            });
    actor =
        system.systemActorOf(
            behavior, "omni-chan-lookup-" + java.util.UUID.randomUUID(), Props.empty());
  }

  @Override
  public boolean cancel() {
    if (!done.compareAndSet(false, true)) {
      return false;
    }
    ActorRef<Object> a = actor;
    if (a != null) {
      a.tell(Stop.INSTANCE);
    }
    return true;
  }

  @Override
  public String describe() {
    return "chan-lookup of \"" + name + "\"";
  }
}
