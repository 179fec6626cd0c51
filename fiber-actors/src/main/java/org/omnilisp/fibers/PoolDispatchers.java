package org.omnilisp.fibers;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.dispatch.DispatcherConfigurator;
import org.apache.pekko.dispatch.Dispatchers;

/**
 * The fiber dispatchers. The one in configuration ({@code omni.fiber-dispatcher}) runs fibers at
 * the configured size; a different size asked for at run time registers a fork-join dispatcher of
 * exactly that many threads ({@code omni.fiber-dispatcher-N}), which new work is scheduled on.
 */
final class PoolDispatchers {
  static final String ID = "omni.fiber-dispatcher";

  private PoolDispatchers() {}

  static int defaultSize(Config config) {
    Config fj = config.getConfig(ID + ".fork-join-executor");
    int cores = Runtime.getRuntime().availableProcessors();
    int n = (int) Math.ceil(cores * fj.getDouble("parallelism-factor"));
    return Math.max(fj.getInt("parallelism-min"), Math.min(fj.getInt("parallelism-max"), n));
  }

  static String idFor(ActorSystem<?> system, int n) {
    return n == defaultSize(system.settings().config()) ? ID : ID + "-" + n;
  }

  /** The executor of a pool of {@code n} threads, registering its dispatcher if needed. */
  static Executor executor(ActorSystem<?> system, int n, boolean configured) {
    String id = configured ? ID : idFor(system, n);
    Dispatchers dispatchers = Adapter.toClassic(system).dispatchers();
    if (!dispatchers.hasDispatcher(id)) {
      Config c =
          ConfigFactory.parseString(
                  "id = \""
                      + id
                      + "\"\nfork-join-executor { parallelism-min = "
                      + n
                      + ", parallelism-max = "
                      + n
                      + ", parallelism-factor = 1.0 }")
              .withFallback(system.settings().config().getConfig(ID))
              .withFallback(dispatchers.defaultDispatcherConfig());
      dispatchers.registerConfigurator(
          id, new DispatcherConfigurator(c, dispatchers.prerequisites()));
    }
    return system.dispatchers().lookup(DispatcherSelector.fromConfig(id));
  }
}
