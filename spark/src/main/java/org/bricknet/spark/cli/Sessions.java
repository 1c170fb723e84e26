package org.bricknet.spark.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;

/**
 * Where a command's Spark session comes from. {@link #start} makes one for {@code --master}; a test
 * passes its shared session instead, which the command then leaves running.
 */
@FunctionalInterface
interface Sessions {

    /** A session for {@code master}. */
    SparkSession open(String master);

    /** Whether the command should stop the session when it is done. */
    default boolean owned() {
        return false;
    }

    /** The master URLs Spark accepts (its {@code SparkContext.createTaskScheduler}), checked before Spark logs its own failure. */
    Pattern MASTER = Pattern.compile(
            "local|local\\[(\\*|\\d+)(,\\d+)?]|local-cluster\\[\\d+,\\d+,\\d+]|spark://.+|yarn|k8s://.+|mesos://.+");

    /** Sessions started from {@code --master} and stopped by the command. */
    Sessions START = new Sessions() {
        @Override
        public SparkSession open(String master) {
            return start(master);
        }

        @Override
        public boolean owned() {
            return true;
        }
    };

    /**
     * A new session on {@code master}, after checking that a standalone master
     * ({@code spark://host:port}) answers at all: Spark itself would retry for a minute and then
     * give up in its log. A URL Spark cannot parse is refused in one line too.
     */
    static SparkSession start(String master) {
        if (!MASTER.matcher(master).matches()) {
            throw new IllegalArgumentException("--master " + master + ": expected local, local[N], local[*], "
                    + "spark://HOST:PORT, yarn, k8s://URL or mesos://URL");
        }
        if (master.startsWith("spark://")) {
            for (String hostPort : master.substring("spark://".length()).split(",")) {
                requireReachable(master, hostPort);
            }
        }
        try {
            return SparkSession.builder()
                    .master(master)
                    .appName("bricknet-spark")
                    .config("spark.ui.showConsoleProgress", "false")
                    .getOrCreate();
        } catch (RuntimeException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new IllegalArgumentException("cannot start Spark on --master " + master + ": "
                    + m.lines().findFirst().orElse(m));
        }
    }

    private static void requireReachable(String master, String hostPort) {
        URI uri = URI.create("spark://" + hostPort);
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw new IllegalArgumentException(
                    "--master " + master + ": expected spark://HOST:PORT[,HOST:PORT...], got '" + hostPort + "'");
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot reach the Spark master at " + hostPort + " (--master " + master + "): " + e.getMessage());
        }
    }
}
