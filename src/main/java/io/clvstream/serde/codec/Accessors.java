package io.clvstream.serde.codec;

import static java.lang.invoke.MethodType.methodType;

import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaConversionException;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;
import java.util.function.ObjIntConsumer;
import java.util.function.ObjLongConsumer;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The public constructor and primitive accessors of a generated class as lambdas, made once: a call through them
 * is an ordinary virtual call, where reflection per record and boxing per primitive field were a measurable
 * share of a decode. Accessors go by the generated names ({@code setDay(int)}, {@code getDay()}); where Avro
 * mangled a name there is no such method, and the field keeps {@code get}/{@code put}.
 */
final class Accessors {

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    private Accessors() {
    }

    static Optional<Supplier<Object>> constructor(Class<?> type) {
        return lambda(Supplier.class, "get", methodType(Object.class), methodType(type),
            () -> LOOKUP.findConstructor(type, methodType(void.class)));
    }

    static Optional<FieldCodec> intField(Class<?> type, String name) {
        final Optional<ObjIntConsumer<Object>> setter = lambda(ObjIntConsumer.class, "accept",
            methodType(void.class, Object.class, int.class), methodType(void.class, type, int.class), () -> setter(type, name, int.class));
        return getter(type, name, int.class).flatMap(getter -> setter.map(set -> new PrimitiveField(name, set, null, getter)));
    }

    static Optional<FieldCodec> longField(Class<?> type, String name) {
        final Optional<ObjLongConsumer<Object>> setter = lambda(ObjLongConsumer.class, "accept",
            methodType(void.class, Object.class, long.class), methodType(void.class, type, long.class), () -> setter(type, name, long.class));
        return getter(type, name, long.class).flatMap(getter -> setter.map(set -> new PrimitiveField(name, null, set, getter)));
    }

    /** The getter of an {@code int} field too: an int result widens to the long of {@link ToLongFunction}. */
    private static Optional<ToLongFunction<Object>> getter(Class<?> type, String name, Class<?> primitive) {
        return lambda(ToLongFunction.class, "applyAsLong", methodType(long.class, Object.class), methodType(long.class, type),
            () -> LOOKUP.findVirtual(type, "get" + property(name), methodType(primitive)));
    }

    private static MethodHandle setter(Class<?> type, String name, Class<?> primitive) throws ReflectiveOperationException {
        return LOOKUP.findVirtual(type, "set" + property(name), methodType(void.class, primitive));
    }

    private static String property(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private interface Target {
        MethodHandle find() throws ReflectiveOperationException;
    }

    /** {@code target} as an instance of {@code function}, or empty when there is no such public method. */
    @SuppressWarnings("unchecked")
    private static <F> Optional<F> lambda(Class<? super F> function, String method, MethodType erased, MethodType instantiated,
                                          Target target) {
        final CallSite site;
        try {
            site = LambdaMetafactory.metafactory(LOOKUP, method, methodType(function), erased, target.find(), instantiated);
        } catch (ReflectiveOperationException | LambdaConversionException e) {
            return Optional.empty();
        }
        try {
            return Optional.of((F) site.getTarget().invoke());
        } catch (Throwable e) {
            // The factory of a lambda that captures nothing only returns its one instance.
            throw new IllegalStateException("Cannot make " + function.getSimpleName() + " of " + site.type(), e);
        }
    }
}
