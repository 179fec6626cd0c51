package org.omnilisp.cluster;

import org.omnilisp.fibers.FiberRuntime;
import org.omnilisp.fibers.RuntimeModule;

/**
 * Installs the cluster primitives of LANGUAGE.md §14 ({@code cluster-self}, {@code
 * cluster-members}, {@code chan-publish}, {@code chan-lookup}) into every runtime with this jar on
 * its class path. They work when the runtime's actor system is a cluster node (the runner's {@code
 * --cluster}, or an embedder's own configuration); otherwise they raise a clear error.
 */
public final class ClusterModule implements RuntimeModule {
  @Override
  public void install(FiberRuntime runtime) {
    ClusterNode node = new ClusterNode(runtime);
    runtime.onSystemStart(node::started);
    ClusterPrimitives.install(node);
  }
}
