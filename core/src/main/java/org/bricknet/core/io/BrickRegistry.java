package org.bricknet.core.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.bricknet.core.Brick;

/**
 * The brick types an architecture file may name, by name and by class. {@link #standard()} holds
 * every type a {@link BrickTypeProvider} on the class path gives (all of bricknet's bricks and losses)
 * and every type {@link #register registered} from code; {@link #of} makes a registry of one's own.
 */
public final class BrickRegistry {
    private static final Object LOCK = new Object();
    private static volatile BrickRegistry standard;

    private final Map<String, BrickType<?>> byName;

    private BrickRegistry(Map<String, BrickType<?>> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** A registry of exactly these types. */
    public static BrickRegistry of(List<BrickType<?>> types) {
        Map<String, BrickType<?>> m = new LinkedHashMap<>();
        for (BrickType<?> t : types) {
            put(m, t);
        }
        return new BrickRegistry(m);
    }

    /** Every type the providers on the class path give, and every type registered since. */
    public static BrickRegistry standard() {
        BrickRegistry r = standard;
        if (r == null) {
            synchronized (LOCK) {
                if (standard == null) {
                    List<BrickType<?>> found = new ArrayList<>();
                    for (BrickTypeProvider p : ServiceLoader.load(BrickTypeProvider.class)) {
                        found.addAll(p.brickTypes());
                    }
                    standard = of(found);
                }
                r = standard;
            }
        }
        return r;
    }

    /**
     * Adds a user's own brick type to {@link #standard()}, so that architecture files and model
     * files may name it. Registering the same type again does nothing; another type under a name
     * already taken is an {@link IllegalArgumentException}.
     */
    public static void register(BrickType<?> type) {
        standard();
        synchronized (LOCK) {
            standard = standard.with(type);
        }
    }

    /** This registry and {@code type}. */
    public BrickRegistry with(BrickType<?> type) {
        BrickType<?> known = byName.get(type.name());
        if (known == type) {
            return this;
        }
        Map<String, BrickType<?>> m = new LinkedHashMap<>(byName);
        put(m, type);
        return new BrickRegistry(m);
    }

    /** The type named {@code name}, or an {@link IllegalArgumentException} that lists the known ones. */
    public BrickType<?> type(String name) {
        BrickType<?> t = byName.get(name);
        if (t == null) {
            throw new IllegalArgumentException(
                    "unknown brick type '" + name + "'" + org.bricknet.core.Names.suggestion(name, byName.keySet())
                            + "; known types: " + String.join(", ", names()));
        }
        return t;
    }

    /** The type whose bricks are of {@code brick}'s class, if one is registered. */
    public Optional<BrickType<?>> typeOf(Brick brick) {
        return byName.values().stream()
                .filter(t -> t.brickClass() == brick.getClass())
                .findFirst();
    }

    /** The names of the known types, sorted. */
    public List<String> names() {
        return byName.keySet().stream().sorted().toList();
    }

    private static void put(Map<String, BrickType<?>> m, BrickType<?> t) {
        BrickType<?> before = m.get(t.name());
        if (before != null && before != t) {
            throw new IllegalArgumentException("BrickRegistry: a brick type named '" + t.name() + "' is already"
                    + " registered (for " + before.brickClass().getName() + ")");
        }
        for (BrickType<?> other : m.values()) {
            if (other != t && other.brickClass() == t.brickClass()) {
                throw new IllegalArgumentException("BrickRegistry: "
                        + t.brickClass().getName() + " already has the brick type '" + other.name() + "'");
            }
        }
        m.put(t.name(), t);
    }
}
