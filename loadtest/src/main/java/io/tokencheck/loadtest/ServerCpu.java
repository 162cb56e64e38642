package io.tokencheck.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of the service's process, read from /proc/PID/stat (Linux, same machine): CPU per request is the measure
 * least disturbed by neighbours on a shared machine, where tail latency mostly shows the scheduler.
 */
final class ServerCpu {
    /** Linux reports utime and stime in clock ticks of 1/100 s on every mainstream configuration. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private final Path stat;

    ServerCpu(long pid) {
        this.stat = Path.of("/proc", Long.toString(pid), "stat");
        if (nanos() < 0) {
            throw new IllegalArgumentException("cannot read the CPU time of process " + pid + " from " + stat);
        }
    }

    /** utime + stime in nanoseconds, or -1 when unreadable. */
    long nanos() {
        try {
            String s = Files.readString(stat);
            // The command name (field 2) may hold spaces: fields are counted after its closing parenthesis.
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
