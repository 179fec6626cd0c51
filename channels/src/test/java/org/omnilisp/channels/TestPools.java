package org.omnilisp.channels;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;

/**
 * A test kit with small fixed dispatchers, "pool-1", "pool-2" and "pool-4", for the channel actors.
 */
final class TestPools {
  private TestPools() {}

  private static final Config CONFIG =
      ConfigFactory.parseString(
          String.join(
              "\n",
              "pool-1 { type = Dispatcher, executor = thread-pool-executor,",
              "  thread-pool-executor { fixed-pool-size = 1 }, throughput = 5 }",
              "pool-2 { type = Dispatcher, executor = thread-pool-executor,",
              "  thread-pool-executor { fixed-pool-size = 2 }, throughput = 5 }",
              "pool-4 { type = Dispatcher, executor = thread-pool-executor,",
              "  thread-pool-executor { fixed-pool-size = 4 }, throughput = 5 }"));

  static ActorTestKit testKit(String name) {
    return ActorTestKit.create(name, CONFIG);
  }

  static Props pool(int threads) {
    return DispatcherSelector.fromConfig("pool-" + threads);
  }
}
