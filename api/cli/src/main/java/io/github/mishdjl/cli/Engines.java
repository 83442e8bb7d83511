package io.github.mishdjl.cli;

import ai.djl.engine.Engine;

/** Engine settings that must be in place before DJL starts its engine. */
final class Engines {

    private Engines() {}

    /** Default threads (all cores), quiet logs unless verbose; keeps anything the user set. */
    static void configureDefaults(boolean verbose) {
        int cores = Runtime.getRuntime().availableProcessors();
        System.setProperty("mish.defaultThreads", Integer.toString(cores));
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            setThreads(cores);
        }
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "error");
        }
    }

    static void setThreads(int threads) {
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }

    /** The intra-op thread count the engine runs with. */
    static int threads() {
        return Integer.parseInt(System.getProperty("ai.djl.pytorch.num_threads"));
    }

    /** One line naming the engine, its version and the device. */
    static String describe() {
        Engine engine = Engine.getInstance();
        return engine.getEngineName() + " " + engine.getVersion() + " (DJL " + Engine.getDjlVersion() + "), "
                + engine.defaultDevice() + ", " + threads() + " threads";
    }
}
