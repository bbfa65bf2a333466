package org.citewatch.cli;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * SIGTERM and SIGINT as requests, not as the end: the daemon finishes the source in hand and exits
 * 0. The JDK's only way to catch a signal is sun.misc.Signal (module jdk.unsupported), reached
 * here by reflection so that the build stays free of internal-API warnings; without it, the JVM's
 * own shutdown still stops the daemon through a shutdown hook, only with exit status 143.
 */
final class Signals {

  private Signals() {}

  static boolean on(Runnable handler, String... names) {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> signalHandler = Class.forName("sun.misc.SignalHandler");
      Object proxy = Proxy.newProxyInstance(signalHandler.getClassLoader(), new Class<?>[] {signalHandler},
          (self, method, args) -> switch (method.getName()) {
            case "handle" -> {
              handler.run();
              yield null;
            }
            case "hashCode" -> System.identityHashCode(self);
            case "equals" -> self == args[0];
            default -> "citewatch signal handler";
          });
      Method handle = signal.getMethod("handle", signal, signalHandler);
      for (String name : names) {
        handle.invoke(null, signal.getConstructor(String.class).newInstance(name), proxy);
      }
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }
}
