package smbkit.cli;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The same in every script: {@code -v} says on stderr each call to a server and each step, {@code -vv} adds
 * how long each took, {@code --debug} adds the stack trace to a failure's one line.
 */
public class VerbosityOptions {

    @Option(names = {"-v", "--verbose"}, description = "Say on stderr each call and step; -vv with the time each took.")
    public boolean[] verbose = new boolean[0];

    @Option(names = "--debug", description = "On failure, print the stack trace as well.")
    public boolean debug;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** 0 quiet, 1 each call and step, 2 with timings. */
    public int level() {
        return verbose.length;
    }

    public boolean verbose() {
        return level() > 0;
    }

    /** Where the lines go: the command's stderr. */
    PrintWriter err() {
        return mixee == null || mixee.commandLine() == null ? new PrintWriter(System.err, true) : mixee.commandLine().getErr();
    }

    String name() {
        return mixee == null ? "smbkit" : mixee.name();
    }

    /** With -v, "NAME: what"; printed before the work, so a hang shows where. */
    public void say(String what) {
        if (verbose()) {
            PrintWriter err = err();
            err.println(name() + ": " + what);
            err.flush();
        }
    }

    /** A step: said with -v before it runs, its time with -vv after. */
    public <T> T step(String what, Supplier<T> work) {
        say(what);
        long start = System.nanoTime();
        T result = work.get();
        timed(what, start);
        return result;
    }

    void timed(String what, long startNanos) {
        if (level() > 1) {
            PrintWriter err = err();
            err.println(name() + ": " + what + ": " + (System.nanoTime() - startNanos) / 1_000_000 + " ms");
            err.flush();
        }
    }

    /**
     * The same object, with each call through {@code type} said with -v (and timed with -vv); without -v, the
     * object itself. Every interface the object implements is kept.
     */
    @SuppressWarnings("unchecked")
    public <T> T traced(T object, Class<T> type, String where) {
        if (!verbose() || object == null) {
            return object;
        }
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        for (Class<?> c = object.getClass(); c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (java.lang.reflect.Modifier.isPublic(i.getModifiers())) {
                    interfaces.add(i);
                }
            }
        }
        interfaces.add(type);
        InvocationHandler h = (proxy, method, args) -> {
            boolean quiet = method.getDeclaringClass() == Object.class || method.getName().equals("where")
                    || method.getName().equals("close");
            String what = method.getName() + "(" + (args == null ? "" : String.join(", ",
                    java.util.Arrays.stream(args).map(a -> a == null ? "-" : a instanceof char[] ? "****" : String.valueOf(a)).toList()))
                    + ") on " + where;
            if (!quiet) {
                say(what);
            }
            long start = System.nanoTime();
            try {
                return method.invoke(object, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                if (!quiet) {
                    timed(what, start);
                }
            }
        };
        return (T) Proxy.newProxyInstance(type.getClassLoader(), interfaces.toArray(Class<?>[]::new), h);
    }
}
