package io.tokencheck.loadtest;

import java.lang.management.ManagementFactory;

/** CPU time used by this JVM, to show how much of the machine a run took (and whether the generator could be the limit). */
final class ProcessCpu {
    private ProcessCpu() {
    }

    /** Milliseconds this JVM has spent in garbage collection so far (pauses and concurrent work, as the JVM counts it). */
    static long gcMillis() {
        long total = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    /** Process CPU time in nanoseconds, or 0 where the JVM does not expose it. */
    static long nanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }
}
