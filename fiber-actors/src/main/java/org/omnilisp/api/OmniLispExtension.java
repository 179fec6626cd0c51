package org.omnilisp.api;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.ExtensionId;

/** The Pekko extension id of {@link OmniLisp}: one runtime per actor system. */
public final class OmniLispExtension extends ExtensionId<OmniLisp> {
  /** The one extension id. */
  public static final OmniLispExtension INSTANCE = new OmniLispExtension();

  private OmniLispExtension() {}

  @Override
  public OmniLisp createExtension(ActorSystem<?> system) {
    return OmniLisp.create(system, System.out);
  }
}
