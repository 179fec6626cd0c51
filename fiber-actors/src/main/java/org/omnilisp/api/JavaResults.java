package org.omnilisp.api;

/**
 * Converts a Java value from {@link Values#toJava} to the return type of an interface method that a
 * script implements ({@code getInterface}): integers to {@code int}, {@code short}, ...; numbers to
 * {@code double} or {@code float}; {@code void} drops the value.
 */
final class JavaResults {
  private JavaResults() {}

  static Object convert(Object value, Class<?> type) {
    if (type == void.class || type == Void.class) {
      return null;
    }
    if (value instanceof Number n) {
      if (type == int.class || type == Integer.class) {
        return n.intValue();
      }
      if (type == long.class || type == Long.class) {
        return n.longValue();
      }
      if (type == double.class || type == Double.class) {
        return n.doubleValue();
      }
      if (type == float.class || type == Float.class) {
        return n.floatValue();
      }
      if (type == short.class || type == Short.class) {
        return n.shortValue();
      }
      if (type == byte.class || type == Byte.class) {
        return n.byteValue();
      }
    }
    if (value == null && type.isPrimitive()) {
      throw new IllegalStateException("the script returned nothing where " + type + " is expected");
    }
    return type == Object.class || value == null || type.isInstance(value) || type.isPrimitive()
        ? value
        : type.cast(value);
  }
}
