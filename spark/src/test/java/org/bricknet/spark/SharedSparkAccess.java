package org.bricknet.spark;

import org.apache.spark.sql.SparkSession;

/** The tests' shared session, for the tests of other packages. */
public final class SharedSparkAccess {
    private SharedSparkAccess() {}

    public static SparkSession session() {
        return SharedSpark.session();
    }
}
