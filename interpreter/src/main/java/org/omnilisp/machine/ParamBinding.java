package org.omnilisp.machine;

/**
 * One value that {@code parameterize} gave a parameter, linked to the bindings outside it. The
 * chain is immutable, so a continuation or a new fiber keeps the bindings it saw by holding its
 * head.
 */
record ParamBinding(Parameter param, Object value, ParamBinding next) {}
